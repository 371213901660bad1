namespace Sparkle.Db.Benchmarks;

/// <summary>How big and how long a benchmark run is.</summary>
public sealed record BenchOptions
{
    public double Scale { get; init; } = 0.05;

    public long Seed { get; init; } = 1;

    /// <summary>Timed executions per query and side (after warm-up).</summary>
    public int Runs { get; init; } = 30;

    /// <summary>
    /// The data's "now". Materialized views compute "the last 7 days" from the server clock at refresh, so the
    /// benchmark anchors its data on the current UTC day (the seed command's default is a fixed date).
    /// </summary>
    public DateTime Now { get; init; } = DateTime.SpecifyKind(DateTime.UtcNow.Date, DateTimeKind.Unspecified);

    /// <summary>Upper bound of timed work per query and side; slow baseline queries stop after at least 5 runs.</summary>
    public TimeSpan QueryBudget { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>Single-row inserts per table and side for the write-cost measurement.</summary>
    public int WriteRows { get; init; } = 400;

    public string DatabasePrefix { get; init; } = "sparkle_bench";

    public bool KeepDatabases { get; init; } = true;

    /// <summary>
    /// Where the plan's migrations report their long statements (index builds, 007's online conversion) while they are
    /// applied to the populated copy, as <c>migrate</c> and <c>up</c> do; null reports nothing.
    /// </summary>
    public IProgress<Sparkle.Db.Migrations.StatementProgress>? MigrationProgress { get; init; }
}
