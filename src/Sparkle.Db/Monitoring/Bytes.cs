using System.Globalization;

namespace Sparkle.Db.Monitoring;

/// <summary>Byte counts as people read them (binary units, like pg_size_pretty).</summary>
public static class Bytes
{
    public static string Format(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0} kB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };
}
