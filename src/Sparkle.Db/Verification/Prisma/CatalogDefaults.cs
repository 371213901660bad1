using System.Globalization;
using System.Text;
using Sparkle.Db.Prisma;

namespace Sparkle.Db.Verification.Prisma;

/// <summary>
/// Compares a Prisma default with the expression PostgreSQL stores, which <c>pg_get_expr</c> prints in its
/// own words: <c>'LOCAL'</c> becomes <c>'LOCAL'::"AuthProvider"</c>, <c>interval '7 days'</c> becomes
/// <c>'7 days'::interval</c>, <c>-1</c> becomes <c>'-1'::integer</c>.
/// </summary>
internal static class CatalogDefaults
{
    /// <summary>The expression <c>pg_get_expr</c> is expected to print, as far as it can be predicted.</summary>
    public static string? Expected(DbColumn column) => column.Default switch
    {
        null => null,
        { Kind: DbDefaultKind.String or DbDefaultKind.EnumValue } d => $"{d.Sql}::{CastTypeName(column.Type.Catalog)}",
        { Kind: DbDefaultKind.Now } => "CURRENT_TIMESTAMP",
        { Kind: DbDefaultKind.Sequence } => "nextval(…)",
        { Kind: DbDefaultKind.Array } d => d.Sql.Replace(column.Type.Ddl, column.Type.Catalog, StringComparison.Ordinal),
        var d => d.Sql,
    };

    public static bool Matches(DbColumn column, string? actual)
    {
        var expected = column.Default;
        if (expected is null || actual is null)
        {
            return expected is null && actual is null;
        }

        return expected.Kind switch
        {
            DbDefaultKind.Sequence => actual.StartsWith("nextval(", StringComparison.Ordinal),
            DbDefaultKind.Number => NumericValue(expected.Sql) is { } e && NumericValue(actual) is { } a && e == a,
            DbDefaultKind.Boolean => string.Equals(expected.Sql, actual, StringComparison.OrdinalIgnoreCase),
            DbDefaultKind.DbGenerated or DbDefaultKind.Array =>
                string.Equals(Canonical(Expected(column)!), Canonical(actual), StringComparison.Ordinal),
            _ => string.Equals(Expected(column), actual, StringComparison.Ordinal),
        };
    }

    /// <summary><c>character varying(255)</c> is cast as <c>character varying</c>, <c>character(2)</c> as <c>bpchar</c>.</summary>
    private static string CastTypeName(string catalogType)
    {
        var open = catalogType.IndexOf('(', StringComparison.Ordinal);
        var name = open < 0 ? catalogType : catalogType[..open] + catalogType[(catalogType.IndexOf(')', open) + 1)..];
        return name == "character" ? "bpchar" : name;
    }

    /// <summary>A number, also when PostgreSQL prints it as a quoted cast (<c>'-1'::integer</c>).</summary>
    private static decimal? NumericValue(string text)
    {
        var value = text.Trim();
        if (value.StartsWith('\''))
        {
            var end = value.IndexOf('\'', 1);
            value = end > 0 ? value[1..end] : value;
        }

        value = value.Trim('(', ')');
        return decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    /// <summary>
    /// A loose form for expressions written by hand: outside string literals, case, white space, parentheses
    /// and casts to <c>text</c> are dropped and <c>interval 'x'</c> is read as <c>'x'::interval</c>.
    /// </summary>
    internal static string Canonical(string expression)
    {
        var text = new StringBuilder();
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c == '\'')
            {
                var end = i + 1;
                while (end < expression.Length && (expression[end] != '\'' || (end + 1 < expression.Length && expression[end + 1] == '\'')))
                {
                    end += expression[end] == '\'' ? 2 : 1;
                }

                text.Append(expression, i, Math.Min(end + 1, expression.Length) - i);
                i = end;
            }
            else if (!char.IsWhiteSpace(c) && c != '(' && c != ')')
            {
                text.Append(char.ToLowerInvariant(c));
            }
        }

        var canonical = text.ToString().Replace("::text", "", StringComparison.Ordinal);
        for (var at = canonical.IndexOf("interval'", StringComparison.Ordinal); at >= 0; at = canonical.IndexOf("interval'", at + 1, StringComparison.Ordinal))
        {
            var literalStart = at + "interval".Length;
            var literalEnd = canonical.IndexOf('\'', literalStart + 1);
            if (literalEnd < 0)
            {
                break;
            }

            canonical = canonical[..at] + canonical[literalStart..(literalEnd + 1)] + "::interval" + canonical[(literalEnd + 1)..];
        }

        return canonical;
    }
}
