using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sparkle.Db.Security;

/// <summary>
/// SCRAM-SHA-256 password verifiers computed on the client (RFC 5802, RFC 7677), in the text form PostgreSQL stores in
/// <c>pg_authid.rolpassword</c>. <c>CREATE ROLE … PASSWORD '&lt;verifier&gt;'</c> stores a verifier as it is, so the
/// password itself never travels in SQL, where pg_stat_statements, the server log or a statement monitor could keep it.
/// </summary>
/// <remarks>
/// <see href="https://www.postgresql.org/docs/current/sql-createrole.html"/> (a password already in SCRAM format is
/// stored as is); <see href="https://www.postgresql.org/docs/current/catalog-pg-authid.html"/> (the text form).
/// </remarks>
public static class ScramSha256
{
    /// <summary>PostgreSQL's default iteration count (<c>scram_iterations</c>).</summary>
    public const int DefaultIterations = 4096;

    /// <summary>A verifier for <paramref name="password"/> with a fresh random 16-byte salt.</summary>
    public static string CreateVerifier(string password, int iterations = DefaultIterations) =>
        CreateVerifier(password, RandomNumberGenerator.GetBytes(16), iterations);

    /// <summary>A verifier for <paramref name="password"/> with the given salt (tests use fixed salts).</summary>
    /// <exception cref="ArgumentException">The password is empty, or SASLprep would change it (see <see cref="Prepare"/>).</exception>
    public static string CreateVerifier(string password, ReadOnlySpan<byte> salt, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        if (salt.IsEmpty)
        {
            throw new ArgumentException("The salt is empty.", nameof(salt));
        }

        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Prepare(password)), salt, iterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        var storedKey = SHA256.HashData(clientKey);
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"SCRAM-SHA-256${iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}");
    }

    /// <summary>
    /// The password as SCRAM hashes it. PostgreSQL and libpq apply SASLprep (RFC 4013) to a password, or use it
    /// unchanged when SASLprep refuses it (a prohibited or, by Unicode 3.2, unassigned character). Whichever of the two
    /// the server picks, the result is the same when SASLprep leaves the password unchanged: always so for ASCII, and for
    /// text already in NFKC without the characters SASLprep maps. Any other password is refused rather than hashed in a
    /// form a client might not reproduce.
    /// </summary>
    internal static string Prepare(string password)
    {
        if (password.Length == 0)
        {
            throw new ArgumentException("The password is empty.", nameof(password));
        }

        if (Ascii.IsValid(password))
        {
            return password;
        }

        var mapped = new StringBuilder(password.Length);
        foreach (var rune in password.EnumerateRunes())
        {
            if (IsMappedToNothing(rune.Value))
            {
                continue;
            }

            mapped.Append(IsNonAsciiSpace(rune.Value) ? " " : rune.ToString());
        }

        var prepared = mapped.ToString().Normalize(NormalizationForm.FormKC);
        if (!string.Equals(prepared, password, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                "The password changes under SASLprep normalization (NFKC, mapped spaces or invisible characters); PostgreSQL and its " +
                "clients may hash it differently. Use the normalized form of the password.",
                nameof(password));
        }

        return password;
    }

    // RFC 3454 table B.1: characters commonly mapped to nothing.
    private static bool IsMappedToNothing(int c) =>
        c is 0x00AD or 0x034F or 0x1806 or 0x180B or 0x180C or 0x180D or 0x200B or 0x200C or 0x200D or 0x2060
            or (>= 0xFE00 and <= 0xFE0F) or 0xFEFF;

    // RFC 3454 table C.1.2: non-ASCII space characters, which SASLprep maps to U+0020.
    private static bool IsNonAsciiSpace(int c) =>
        c is 0x00A0 or 0x1680 or (>= 0x2000 and <= 0x200B) or 0x202F or 0x205F or 0x3000;
}
