using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Sparkle.Db.Security;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Security;

/// <summary>
/// Issue 12: the tool never sends a password in SQL. A role gets a SCRAM-SHA-256 verifier computed on the client, which
/// the server stores as it is; the password then logs in, and pg_stat_statements (even tracking utility statements)
/// holds no password.
/// </summary>
public sealed class ScramVerifierTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public void The_verifier_has_postgresql_s_text_form_and_matches_an_independent_rfc_5802_computation()
    {
        var salt = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();

        var verifier = ScramSha256.CreateVerifier("pencil", salt);

        // The oracle: RFC 5802 section 3 spelled out with HMAC (Hi() as the iterated HMAC, not through PBKDF2).
        var salted = Hi(Encoding.UTF8.GetBytes("pencil"), salt, 4096);
        var storedKey = SHA256.HashData(HMACSHA256.HashData(salted, Encoding.UTF8.GetBytes("Client Key")));
        var serverKey = HMACSHA256.HashData(salted, Encoding.UTF8.GetBytes("Server Key"));
        Assert.Equal($"SCRAM-SHA-256$4096:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}", verifier);
        Assert.Matches(@"^SCRAM-SHA-256\$4096:[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$", ScramSha256.CreateVerifier("pencil"));
        Assert.NotEqual(ScramSha256.CreateVerifier("pencil"), ScramSha256.CreateVerifier("pencil"));
    }

    [Fact]
    public void A_password_that_saslprep_would_change_is_refused_rather_than_hashed_in_a_form_a_client_might_not_match()
    {
        // U+FB01 (the "fi" ligature) becomes "fi" under NFKC; U+00A0 becomes a space.
        Assert.Throws<ArgumentException>(() => ScramSha256.CreateVerifier("of\uFB01ce"));
        Assert.Throws<ArgumentException>(() => ScramSha256.CreateVerifier("a\u00A0b"));
        Assert.Throws<ArgumentException>(() => ScramSha256.CreateVerifier(""));
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("p@ss:w/o?r#d'\"\\;$$")]
    [InlineData("pässwörd-ünïcödé")]
    public async Task A_role_created_with_a_verifier_logs_in_with_the_password_and_not_with_another(string password)
    {
        var role = $"scram_{Guid.NewGuid():N}"[..30];
        await using var admin = await db.OpenAsync();
        await LoginRoles.EnsureAsync(admin, role, password, []);
        try
        {
            Assert.StartsWith("SCRAM-SHA-256$4096:", await admin.ScalarAsync<string>("SELECT rolpassword FROM pg_authid WHERE rolname = $1", role), StringComparison.Ordinal);

            await using (var login = new NpgsqlConnection(LoginString(role, password)))
            {
                await login.OpenAsync();
                Assert.Equal(role, await login.ScalarAsync<string>("SELECT current_user"));
            }

            await using var wrong = new NpgsqlConnection(LoginString(role, password + "x"));
            var error = await Assert.ThrowsAsync<PostgresException>(() => wrong.OpenAsync());
            Assert.Equal(PostgresErrorCodes.InvalidPassword, error.SqlState);
        }
        finally
        {
            await admin.ExecuteAsync($"DROP ROLE \"{role}\"");
        }
    }

    [Fact]
    public async Task Setting_up_a_role_leaves_no_password_in_pg_stat_statements_even_when_utility_statements_are_tracked()
    {
        var role = $"tracked_{Guid.NewGuid():N}"[..30];
        var password = $"secret-{Guid.NewGuid():N}";
        await using var admin = await db.OpenAsync();
        // The local cluster does not track utility statements; a server that does must still see no password.
        await admin.ExecuteAsync("SET pg_stat_statements.track_utility = on");
        try
        {
            await LoginRoles.EnsureAsync(admin, role, password, ["sparkle_app"]);
            await LoginRoles.EnsureAsync(admin, role, password, ["sparkle_app"]);

            var statements = await admin.ColumnAsync<string>("SELECT query FROM pg_stat_statements WHERE query LIKE '%' || $1 || '%'", role);

            Assert.NotEmpty(statements);
            Assert.All(statements, q => Assert.DoesNotContain(password, q, StringComparison.Ordinal));
            Assert.Equal(0L, await admin.ScalarAsync<long>("SELECT count(*) FROM pg_stat_statements WHERE query LIKE '%' || $1 || '%'", password));
        }
        finally
        {
            await admin.ExecuteAsync($"DROP ROLE IF EXISTS \"{role}\"");
        }
    }

    [Fact]
    public async Task The_test_cluster_like_every_local_cluster_does_not_track_utility_statements()
    {
        await using var connection = await db.OpenAsync();

        Assert.Equal("off", await connection.ScalarAsync<string>("SHOW pg_stat_statements.track_utility"));
        Assert.Equal("all", await connection.ScalarAsync<string>("SHOW pg_stat_statements.track"));
    }

    private string LoginString(string role, string password) =>
        new NpgsqlConnectionStringBuilder(db.ConnectionString) { Username = role, Password = password, Passfile = null, Pooling = false }.ConnectionString;

    private static byte[] Hi(byte[] password, byte[] salt, int iterations)
    {
        var u = HMACSHA256.HashData(password, salt.Concat(new byte[] { 0, 0, 0, 1 }).ToArray());
        var result = (byte[])u.Clone();
        for (var i = 1; i < iterations; i++)
        {
            u = HMACSHA256.HashData(password, u);
            for (var j = 0; j < result.Length; j++)
            {
                result[j] ^= u[j];
            }
        }

        return result;
    }
}
