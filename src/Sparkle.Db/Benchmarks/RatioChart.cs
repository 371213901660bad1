using System.Globalization;

namespace Sparkle.Db.Benchmarks;

/// <summary>
/// Renders the latency ratios (baseline p50 / plan p50) as horizontal bars on a log scale around 1×: right is
/// faster with the plan, left slower. Rows are numbered like the table in PERFORMANCE.md.
/// </summary>
public static class RatioChart
{
    private const int Left = 70;
    private const int Axis = 330;
    private const int PixelsPerDecade = 150;
    private const int Row = 16;
    private const int Top = 40;

    public static byte[] Render(IReadOnlyList<(int Number, double? Ratio, RatioClass Class)> rows)
    {
        var height = Top + rows.Count * Row + 20;
        var image = new PngImage(Axis + (int)(3.5 * PixelsPerDecade) + 90, height);
        (byte, byte, byte) grid = (220, 220, 220), ink = (40, 40, 40);
        foreach (var decade in new[] { -1, 0, 1, 2, 3 })
        {
            var x = Axis + decade * PixelsPerDecade;
            image.Rect(x, Top - 6, 1, rows.Count * Row + 6, decade == 0 ? ink : grid);
            var label = decade < 0 ? "0.1x" : Math.Pow(10, decade).ToString("0", CultureInfo.InvariantCulture) + "x";
            image.Text(x - PngImage.TextWidth(label) / 2, 12, label, ink);
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var (number, ratio, cls) = rows[i];
            var y = Top + i * Row;
            image.Text(8, y + 2, "#" + number.ToString(CultureInfo.InvariantCulture), ink);
            if (ratio is not { } r)
            {
                image.Text(Axis + 6, y + 2, "-", (150, 150, 150));
                continue;
            }

            var decades = Math.Clamp(Math.Log10(r), -2.0, 3.5);
            var length = (int)Math.Round(decades * PixelsPerDecade);
            var color = cls switch
            {
                RatioClass.TenTimes => ((byte)46, (byte)160, (byte)67),
                RatioClass.Faster => ((byte)66, (byte)133, (byte)244),
                RatioClass.Slower => ((byte)219, (byte)68, (byte)55),
                _ => ((byte)150, (byte)150, (byte)150),
            };
            var (x0, w) = length >= 0 ? (Axis, Math.Max(2, length)) : (Axis + length, -length);
            image.Rect(x0, y + 2, w, Row - 5, color);
            var text = r.ToString(r >= 100 ? "0" : r >= 0.1 ? "0.0" : "0.00", CultureInfo.InvariantCulture) + "x";
            var tx = length >= 0 ? x0 + w + 4 : x0 - PngImage.TextWidth(text) - 4;
            image.Text(Math.Max(Left - 20, tx), y + 2, text, ink);
        }

        return image.Encode();
    }
}
