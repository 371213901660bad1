namespace Sparkle.Db.Scaling;

/// <summary>The findings of <see cref="CitusReadiness"/> for one distribution plan.</summary>
public sealed record CitusReport(DistributionPlan Plan, IReadOnlyList<CitusFinding> Findings, int QueriesChecked, int QueriesRoutable)
{
    /// <summary>How many findings of each kind (every kind listed, zero included).</summary>
    public IReadOnlyDictionary<CitusFindingKind, int> Counts =>
        Enum.GetValues<CitusFindingKind>().ToDictionary(k => k, k => Findings.Count(f => f.Kind == k));
}
