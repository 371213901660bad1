namespace Sparkle.Db.Migrations;

/// <summary>
/// How far a long migration statement has come, read from a second session while it runs: an index build
/// (<c>pg_stat_progress_create_index</c>: phase, blocks, tuples, partitions) or the online conversion of 007
/// (<c>sparkle_db.convert_to_partitioned</c>: the partitioned copy's size against the table's).
/// </summary>
/// <param name="Kind">What runs: <see cref="IndexBuild"/> or <see cref="Conversion"/>.</param>
/// <param name="Subject">The index being built, or the table being converted.</param>
/// <param name="Table">The table the index is built on (the table itself for a conversion).</param>
/// <param name="Phase">PostgreSQL's phase of the build ("building index: scanning table", "waiting for writers before
/// build", …), or the conversion's ("copying rows", "building index …" while the copy's indexes are built).</param>
/// <param name="Done">Blocks scanned (index build) or bytes copied (conversion); 0 where the phase does not count.</param>
/// <param name="Total">Blocks to scan or bytes to copy; 0 where unknown.</param>
/// <param name="TuplesDone">Tuples sorted or written (index build).</param>
/// <param name="TuplesTotal">Tuples to sort or write; 0 where unknown.</param>
/// <param name="PartitionsDone">Partitions done, for an index on a partitioned table.</param>
/// <param name="PartitionsTotal">Partitions to do; 0 for a plain table.</param>
/// <param name="Elapsed">Time since the statement started.</param>
public sealed record StatementProgress(
    string Kind,
    string Subject,
    string Table,
    string Phase,
    long Done,
    long Total,
    long TuplesDone,
    long TuplesTotal,
    long PartitionsDone,
    long PartitionsTotal,
    TimeSpan Elapsed)
{
    public const string IndexBuild = "index";
    public const string Conversion = "conversion";

    /// <summary>Done against Total (0 to 1), or null where the phase has no total.</summary>
    public double? Fraction => Total > 0 ? Math.Clamp((double)Done / Total, 0, 1) : null;
}
