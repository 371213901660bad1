using System.Globalization;

namespace Sparkle.Db.Cli.Commands;

/// <summary>Parses durations written as a number and a unit: 90s, 15m, 6h, 1d (or a TimeSpan such as 01:30:00).</summary>
internal static class Durations
{
    public static TimeSpan Parse(string text)
    {
        var value = text.Trim();
        if (value.Length >= 2 && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            switch (char.ToLowerInvariant(value[^1]))
            {
                case 's': return TimeSpan.FromSeconds(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'd': return TimeSpan.FromDays(amount);
            }
        }

        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
        {
            return span;
        }

        throw new SparkleDbException($"'{text}' is not a duration.", "Write it as a number and a unit: 90s, 15m, 6h, 1d.", exitCode: 2);
    }
}
