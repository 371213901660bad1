namespace Sparkle.Db.Benchmarks;

/// <summary>How the plan compares with the baseline on one query: ratio = baseline p50 / plan p50.</summary>
public enum RatioClass
{
    /// <summary>No baseline figure (the query needs objects only the plan creates).</summary>
    NotComparable,

    /// <summary>Ratio below 0.9: slower with the plan beyond run-to-run noise.</summary>
    Slower,

    /// <summary>0.9 ≤ ratio &lt; 1.1.</summary>
    Same,

    /// <summary>1.1 ≤ ratio &lt; 10.</summary>
    Faster,

    /// <summary>Ratio ≥ 10: the goal for a plan index on its target query.</summary>
    TenTimes,
}

public static class RatioClassifier
{
    public static double? Ratio(double? baselineMs, double? planMs) =>
        baselineMs is > 0 && planMs is > 0 ? baselineMs / planMs : null;

    public static RatioClass Classify(double? ratio) => ratio switch
    {
        null => RatioClass.NotComparable,
        < 0.9 => RatioClass.Slower,
        < 1.1 => RatioClass.Same,
        < 10 => RatioClass.Faster,
        _ => RatioClass.TenTimes,
    };
}
