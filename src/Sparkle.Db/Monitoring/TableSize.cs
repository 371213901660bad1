namespace Sparkle.Db.Monitoring;

/// <summary>
/// On-disk size of a table (a partitioned table's partitions summed up to it) or materialized view: heap with TOAST,
/// its indexes, and the total; <see cref="EstimatedRows"/> is pg_class.reltuples (0 before ANALYZE).
/// <see cref="Estimated"/>: some relation was locked ACCESS EXCLUSIVE, so its size is pg_class.relpages (as of its
/// last VACUUM or ANALYZE) rather than the files' size.
/// </summary>
public sealed record TableSize(string Table, string Kind, int Partitions, long EstimatedRows, long TableBytes, long IndexBytes, long TotalBytes, bool Estimated);
