namespace Sparkle.Db.Monitoring;

/// <summary>
/// A RANGE-partitioned table of phase 007: how far ahead its month partitions reach (<see cref="CoversCurrentMonth"/>:
/// a partition holds all of the current UTC month; <see cref="MonthsAhead"/>: consecutive months after it that
/// partitions cover), what its DEFAULT partition holds (<see cref="DefaultRows"/>, counted up to
/// <see cref="PartitionCoverage.DefaultRowsCap"/>, null without a DEFAULT; rows there mean a missing partition), and the
/// retention policy of sparkle_db.partition_policies (<see cref="RetentionMonths"/> null keeps everything;
/// <see cref="RetentionAction"/> drop or detach, null when the table has no policy). <see cref="BusyPartitions"/> counts
/// partitions locked ACCESS EXCLUSIVE at the time of the read (being attached, detached or dropped): their bounds, and
/// the DEFAULT's rows when it is one of them, were not read rather than waited for.
/// </summary>
public sealed record PartitionedTable(
    string Table, string Key, int Partitions, DateTime? OldestMonth, DateTime? NewestMonth, bool CoversCurrentMonth, int MonthsAhead,
    string? DefaultPartition, long? DefaultRows, int? RetentionMonths, string? RetentionAction, int BusyPartitions);
