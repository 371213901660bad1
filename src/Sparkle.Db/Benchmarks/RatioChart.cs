using System.Globalization;
using System.Text;

namespace Sparkle.Db.Benchmarks;

/// <summary>
/// Renders the latency ratios (baseline / plan) as an SVG bar chart: one row per query, numbered and named like the
/// table in PERFORMANCE.md, bars on a log scale around 1× (right is faster with the plan, left slower), coloured by
/// <see cref="RatioClass"/>. Plain SVG with presentation attributes only (no script, no style sheet, no external
/// font), so it shows in a Markdown viewer, an &lt;img&gt; and the dashboard under a strict content security policy.
/// </summary>
public static class RatioChart
{
    private const int LabelWidth = 250;
    private const int PixelsPerDecade = 120;
    private const int MinDecade = -1;
    private const int MaxDecade = 3;
    private const int Row = 18;
    private const int Top = 46;
    private const int ValueWidth = 70;

    /// <summary>The colour of each class, shared with the dashboard's legend.</summary>
    public static string Colour(RatioClass cls) => cls switch
    {
        RatioClass.TenTimes => "#2e9f43",
        RatioClass.Faster => "#4285f4",
        RatioClass.Slower => "#db4437",
        RatioClass.Same => "#9e9e9e",
        _ => "#cfcfcf",
    };

    /// <summary>The chart of a benchmark report's hot queries, in the report's order.</summary>
    public static string Render(BenchReport report) =>
        Render(report.Queries.Select((q, i) => (i + 1, q.Name, q.Ratio, q.Class)).ToArray(),
            F($"Latency ratio, baseline / plan, scale {report.Scale} ({report.GeneratedAtUtc}); right of 1× the plan is faster"));

    public static string Render(IReadOnlyList<(int Number, string Name, double? Ratio, RatioClass Class)> rows, string? title = null)
    {
        var axis = LabelWidth + (0 - MinDecade) * PixelsPerDecade;
        var width = LabelWidth + (MaxDecade - MinDecade) * PixelsPerDecade + ValueWidth;
        var height = Top + rows.Count * Row + 40;
        var s = new StringBuilder();
        s.Append(F($"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">"""));
        s.Append('\n');
        var heading = title ?? "Latency ratio, baseline / plan (log scale; right of 1× the plan is faster)";
        s.Append(F($"""<title>{Escape(heading)}</title>""")).Append('\n');
        s.Append(F($"""<rect width="{width}" height="{height}" fill="#ffffff"/>""")).Append('\n');
        s.Append(F($"""<text x="8" y="16" font-size="13" font-weight="bold" fill="#202124">{Escape(heading)}</text>""")).Append('\n');

        for (var decade = MinDecade; decade <= MaxDecade; decade++)
        {
            var x = LabelWidth + (decade - MinDecade) * PixelsPerDecade;
            var label = decade < 0 ? "0.1×" : Math.Pow(10, decade).ToString("0", CultureInfo.InvariantCulture) + "×";
            s.Append(F($"""<line x1="{x}" y1="{Top - 8}" x2="{x}" y2="{Top + rows.Count * Row}" stroke="{(decade == 0 ? "#202124" : "#dadce0")}" stroke-width="1"/>"""));
            s.Append(F($"""<text x="{x}" y="{Top - 12}" text-anchor="middle" fill="#5f6368">{label}</text>""")).Append('\n');
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var (number, name, ratio, cls) = rows[i];
            var y = Top + i * Row;
            s.Append(F($"""<text x="{LabelWidth - 8}" y="{y + 13}" text-anchor="end" fill="#202124">{number}  {Escape(name)}</text>"""));
            if (ratio is not { } r || r <= 0)
            {
                s.Append(F($"""<text x="{axis + 6}" y="{y + 13}" fill="#80868b">n/a (no baseline)</text>""")).Append('\n');
                continue;
            }

            var decades = Math.Clamp(Math.Log10(r), MinDecade, MaxDecade);
            var length = decades * PixelsPerDecade;
            var (x0, w) = length >= 0 ? (axis, Math.Max(2, length)) : (axis + length, -length);
            s.Append(F($"""<rect x="{x0:0.#}" y="{y + 3}" width="{w:0.#}" height="{Row - 6}" fill="{Colour(cls)}"><title>{Escape(name)}: {Value(r)}</title></rect>"""));
            var text = Value(r);
            s.Append(length >= 0
                ? F($"""<text x="{x0 + w + 4:0.#}" y="{y + 13}" fill="#202124">{text}</text>""")
                : F($"""<text x="{x0 - 4:0.#}" y="{y + 13}" text-anchor="end" fill="#202124">{text}</text>"""));
            s.Append('\n');
        }

        var legendY = Top + rows.Count * Row + 24;
        var lx = 8;
        foreach (var (cls, label) in new[] { (RatioClass.TenTimes, "≥ 10× faster"), (RatioClass.Faster, "faster"), (RatioClass.Same, "within ±10 %"), (RatioClass.Slower, "slower") })
        {
            s.Append(F($"""<rect x="{lx}" y="{legendY - 10}" width="12" height="12" fill="{Colour(cls)}"/><text x="{lx + 16}" y="{legendY}" fill="#202124">{Escape(label)}</text>"""));
            lx += 130;
        }

        s.Append("\n</svg>\n");
        return s.ToString();
    }

    private static string Value(double r) => r.ToString(r >= 100 ? "0" : r >= 1 ? "0.0" : "0.00", CultureInfo.InvariantCulture) + "×";

    private static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
