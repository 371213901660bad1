using System.Text;

namespace Sparkle.Db.Prisma;

/// <summary>
/// The names Prisma gives constraints and indexes that the schema does not name with <c>map:</c>.
/// </summary>
/// <remarks>
/// Prisma builds <c>{table}_pkey</c>, <c>{table}_{columns}_key</c>, <c>{table}_{columns}_idx</c> and
/// <c>{table}_{columns}_fkey</c> from database names, columns joined by <c>_</c>. When the result would
/// pass PostgreSQL's 63-byte identifier limit it cuts the <em>prefix</em> (table and columns) at a UTF-8
/// character boundary and keeps the suffix, so the name is exactly 63 bytes and still ends in the suffix
/// (prisma-engines, psl-core <c>constraint_names.rs</c>). PostgreSQL itself would instead cut the end.
/// See https://www.postgresql.org/docs/15/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS.
/// </remarks>
public static class PrismaConstraintNames
{
    /// <summary>PostgreSQL's <c>NAMEDATALEN - 1</c>.</summary>
    public const int MaxIdentifierBytes = 63;

    public static string PrimaryKey(string table) => Build(table, "_pkey");

    public static string Unique(string table, IEnumerable<string> columns) => Build($"{table}_{string.Join("_", columns)}", "_key");

    public static string Index(string table, IEnumerable<string> columns) => Build($"{table}_{string.Join("_", columns)}", "_idx");

    public static string ForeignKey(string table, IEnumerable<string> columns) => Build($"{table}_{string.Join("_", columns)}", "_fkey");

    private static string Build(string prefix, string suffix)
    {
        var limit = MaxIdentifierBytes - suffix.Length;
        if (Encoding.UTF8.GetByteCount(prefix) >= limit)
        {
            prefix = TruncateUtf8(prefix, limit);
        }

        return prefix + suffix;
    }

    private static string TruncateUtf8(string text, int maxBytes)
    {
        var bytes = 0;
        var end = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }

        return text[..end];
    }
}
