namespace Sparkle.Db.Seeding;

/// <summary>
/// Splits a total over n parents by a Zipf-like law: the parent of popularity rank r gets a share proportional
/// to 1/(r+1)^s (s ≈ 1: the top 1 % of parents get about a third of all children). Rounding is stochastic, so
/// the sum lands near the total; counts above the cap are cut (a post cannot get more reactions than there are users).
/// </summary>
public static class SkewedShares
{
    public static int[] ByRank(long total, int n, double exponent, SeedRandom random, int cap, Func<int, bool>? eligible = null)
    {
        var weights = new double[n];
        double sum = 0;
        for (var r = 0; r < n; r++)
        {
            weights[r] = eligible is null || eligible(r) ? 1.0 / Math.Pow(r + 1, exponent) : 0;
            sum += weights[r];
        }

        var counts = new int[n];
        if (sum <= 0)
        {
            return counts;
        }

        for (var r = 0; r < n; r++)
        {
            var expected = total * weights[r] / sum;
            var whole = Math.Floor(expected);
            var count = (long)whole + (random.NextDouble() < expected - whole ? 1 : 0);
            counts[r] = (int)Math.Min(count, cap);
        }

        return counts;
    }
}
