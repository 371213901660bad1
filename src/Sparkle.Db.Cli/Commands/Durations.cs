using System.Globalization;

namespace Sparkle.Db.Cli.Commands;

/// <summary>Parses durations written as a number and a unit: 90s, 15m, 6h, 1d (or a TimeSpan such as 01:30:00), from
/// more than zero up to <see cref="Longest"/>.</summary>
internal static class Durations
{
    /// <summary>The longest pause a timer can wait (Task.Delay's limit is about 49 days).</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(30);

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var span)
            ? span
            : throw new InvalidInputException($"'{text}' is not a duration of at most 30 days.", "Write it as a number and a unit: 90s, 15m, 6h, 1d.");

    public static bool TryParse(string text, out TimeSpan span)
    {
        span = default;
        try
        {
            return TryParseAny(text, out span) && span <= Longest;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static bool TryParseAny(string text, out TimeSpan span)
    {
        var value = text.Trim();
        if (value.Length >= 2 && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0
            && double.IsFinite(amount))
        {
            switch (char.ToLowerInvariant(value[^1]))
            {
                case 's': span = TimeSpan.FromSeconds(amount); return true;
                case 'm': span = TimeSpan.FromMinutes(amount); return true;
                case 'h': span = TimeSpan.FromHours(amount); return true;
                case 'd': span = TimeSpan.FromDays(amount); return true;
            }
        }

        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out span) && span > TimeSpan.Zero)
        {
            return true;
        }

        span = default;
        return false;
    }
}
