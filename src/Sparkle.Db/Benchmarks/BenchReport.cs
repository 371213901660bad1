namespace Sparkle.Db.Benchmarks;

/// <summary>Everything one benchmark run measured; serialised to docs/performance.json and rendered to docs/PERFORMANCE.md.</summary>
public sealed record BenchReport
{
    public required string GeneratedAtUtc { get; init; }
    public required double Scale { get; init; }
    public required long Seed { get; init; }
    public required int Runs { get; init; }
    public required string ServerVersion { get; init; }
    public required int ProcessorCount { get; init; }
    public required IReadOnlyList<string> Migrations { get; init; }
    public required IReadOnlyDictionary<string, long> SeedRows { get; init; }
    public required double SeedSeconds { get; init; }
    public required double SeedRowsPerSecond { get; init; }
    public required FloorResult Floor { get; init; }
    public required IReadOnlyList<QueryResult> Queries { get; init; }
    public required IReadOnlyList<WriteResult> Writes { get; init; }

    /// <summary>The app's write paths (docs/APP.md), one action per transaction; empty in reports made before they were measured.</summary>
    public IReadOnlyList<AppWriteResult> AppWrites { get; init; } = [];
    public required MigrationResult Migration { get; init; }
    public required IReadOnlyList<RefreshResult> Refreshes { get; init; }
    public required IReadOnlyList<PlanIndexUse> PlanIndexes { get; init; }

    /// <summary>Estimated rows (pg_class.reltuples) of the plan database's tables and materialized views.</summary>
    public required IReadOnlyDictionary<string, long> TableRows { get; init; }

    /// <summary>/proc/loadavg at the start and the end of the run: how busy the shared machine was.</summary>
    public required string LoadAverage { get; init; }
    public IReadOnlyList<string> Findings { get; set; } = [];
    public double TotalSeconds { get; set; }
}

/// <summary>The round trip nothing can beat: SELECT 1, and a primary-key lookup.</summary>
public sealed record FloorResult(double SelectOneP50, double SelectOneP95, double PrimaryKeyP50, double PrimaryKeyP95);

/// <summary>
/// One side (plan or baseline) of a hot query. <see cref="PlanningMs"/> is the median planning time of the statement
/// (EXPLAIN's summary, a custom plan as the app's client gets one per statement); null in reports made before it was measured.
/// </summary>
public sealed record QuerySide(
    string? MainNode, string? MainIndex, IReadOnlyList<string> Indexes, IReadOnlyList<string> SeqScans,
    int Runs, double P50, double P95, double? ServerMeanMs, double? SharedHitPerCall, double? SharedReadPerCall, string? Error,
    double? PlanningMs = null);

public sealed record QueryResult(
    string Name, string Kind, string IntendedIndex, string Description, IReadOnlyList<string> ParameterValues,
    QuerySide Plan, QuerySide? Baseline, double? Ratio, double? ClientRatio, RatioClass Class, bool OnIntendedIndex);

/// <summary>One single-row write: an insert into <paramref name="Table"/>, or an update the app makes (Kind "update", Table names it).</summary>
public sealed record WriteResult(string Table, int Rows, double PlanRowsPerSecond, double BaselineRowsPerSecond, double Ratio, string Kind = "insert");

/// <summary>
/// One app write path: actions per second on the baseline and on the plan with the app's own counter code, and on the plan
/// without it (null when the path has none).
/// </summary>
public sealed record AppWriteResult(
    string Path, int Actions, double PlanActionsPerSecond, double BaselineActionsPerSecond, double Ratio,
    double? DatabaseOnlyActionsPerSecond, double? DatabaseOnlyRatio);

public sealed record PhaseTiming(int Version, string Name, double Seconds, IReadOnlyDictionary<string, double> WriterMaxMs);

public sealed record WriterResult(string Table, long Inserts, long Errors, double MaxMs, double P99Ms, string? MaxDuring);

public sealed record MigrationResult(IReadOnlyList<PhaseTiming> Phases, double TotalSeconds, IReadOnlyList<WriterResult> Writers)
{
    /// <summary>Phase 007's online conversions (sparkle_db.partition_conversions of the plan database).</summary>
    public IReadOnlyList<ConversionResult> Conversions { get; init; } = [];

    /// <summary>The longest insert into a table phase 007 converted, while phase 007 ran: the conversion's longest writer wait.</summary>
    public double? ConversionWriterMaxMs { get; init; }
}

/// <summary>
/// One online conversion: rows copied, batches, wall time, and the swap: how long its ACCESS EXCLUSIVE request queued
/// plus how long it was held (writers wait at most this), and the tries it took.
/// </summary>
public sealed record ConversionResult(string Table, long Rows, int Batches, double Seconds, int LockAttempts, double WriteBlockMs, double AccessExclusiveMs);

public sealed record RefreshResult(string View, long Rows, double PlainMs, double? ConcurrentMs, string? Error);

/// <summary>An index the plan adds (absent from the baseline) and which hot queries' plans used it.</summary>
public sealed record PlanIndexUse(string Name, string Table, long SizeBytes, IReadOnlyList<string> UsedBy);
