namespace Sparkle.Db.Verification;

/// <summary>Every check's results; <see cref="Passed"/> only when all of them passed.</summary>
public sealed record VerificationReport(IReadOnlyList<CheckResult> Results)
{
    public bool Passed => Results.All(r => r.Passed);

    public IEnumerable<CheckResult> Failures => Results.Where(r => !r.Passed);
}
