using System.Text.RegularExpressions;

namespace Sparkle.Db.Migrations;

/// <summary>Recognises the statements the runner treats specially: concurrent index builds and expand queries.</summary>
internal static partial class IndexStatements
{
    /// <summary>The directive that marks a query whose rows are statements to run one by one.</summary>
    public const string ExpandDirective = "-- sparkle-db:expand";

    /// <summary>The index a <c>CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] name</c> statement builds.</summary>
    public static bool TryGetConcurrentIndexName(string statement, out string name)
    {
        var match = ConcurrentIndexPattern().Match(StripLeadingComments(statement));
        name = match.Success ? Unquote(match.Groups["name"].Value) : "";
        return match.Success;
    }

    public static bool IsExpand(string statement) =>
        LeadingComments(statement).Any(l => l.Trim().Equals(ExpandDirective, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> LeadingComments(string statement)
    {
        foreach (var line in statement.Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (!trimmed.StartsWith("--", StringComparison.Ordinal) && trimmed.Length > 0)
            {
                yield break;
            }

            yield return trimmed;
        }
    }

    private static string StripLeadingComments(string statement) =>
        string.Join('\n', statement.Split('\n').SkipWhile(l => l.TrimStart().StartsWith("--", StringComparison.Ordinal) || l.Trim().Length == 0));

    private static string Unquote(string name) =>
        name.StartsWith('"') ? name[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : name.ToLowerInvariant();

    [GeneratedRegex(@"^\s*CREATE\s+(UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+(IF\s+NOT\s+EXISTS\s+)?(?<name>""(?:[^""]|"""")+""|[A-Za-z_][A-Za-z0-9_$]*)\s+ON\s", RegexOptions.IgnoreCase)]
    private static partial Regex ConcurrentIndexPattern();
}
