namespace Sparkle.Db.Benchmarks;

/// <summary>Percentiles of client latencies (milliseconds).</summary>
public static class LatencyStats
{
    /// <summary>The p-th percentile (0–100) by linear interpolation between closest ranks (numpy's default).</summary>
    public static double Percentile(IReadOnlyList<double> samples, double p)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var position = (sorted.Length - 1) * Math.Clamp(p, 0, 100) / 100.0;
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
