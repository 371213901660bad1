using System.Text.RegularExpressions;

namespace Sparkle.Db.Migrations;

/// <summary>
/// The statements that differ between two versions of a script: a longest-common-subsequence match over statements
/// compared with their whitespace collapsed, so that re-indenting a statement is not a change but editing it is.
/// </summary>
internal static partial class StatementDiff
{
    public static IReadOnlyList<StatementChange> Compare(string recorded, string current)
    {
        var before = SqlStatementSplitter.Split(recorded);
        var after = SqlStatementSplitter.Split(current);
        var a = before.Select(s => Collapse(s.Text)).ToArray();
        var b = after.Select(s => Collapse(s.Text)).ToArray();

        // lcs[i, j]: length of the longest common subsequence of a[i..] and b[j..].
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = string.Equals(a[i], b[j], StringComparison.Ordinal) ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var changes = new List<StatementChange>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && string.Equals(a[x], b[y], StringComparison.Ordinal))
            {
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                // Removals before additions, as a unified diff shows them.
                changes.Add(new StatementChange(false, before[x].Number, before[x].StartLine, before[x].Text));
                x++;
            }
            else
            {
                changes.Add(new StatementChange(true, after[y].Number, after[y].StartLine, after[y].Text));
                y++;
            }
        }

        return changes;
    }

    private static string Collapse(string text) => Whitespace().Replace(text.Trim(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
