using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;
using Sparkle.Db.Connections;
using Sparkle.Db.Monitoring;

namespace Sparkle.Db.Migrations;

/// <summary>
/// Reports, from a second session, how far a running migration statement has come (<see cref="StatementProgress"/>):
/// any index build of its session (CREATE INDEX [CONCURRENTLY], a primary key, the indexes of a partition) from
/// <c>pg_stat_progress_create_index</c>, and for <c>CALL sparkle_db.convert_to_partitioned('t', …)</c> the size of the
/// partitioned copy against the table's. Sampling starts after a delay, so short statements cost nothing; a sample that
/// fails is skipped (the watch only informs, the statement's own outcome is what counts).
/// </summary>
internal sealed partial class ProgressWatch : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private ProgressWatch(DatabaseTarget target, int pid, string sql, IProgress<StatementProgress> progress, TimeSpan delay) =>
        _loop = WatchAsync(target, pid, sql, progress, delay, _stop.Token);

    public static ProgressWatch Start(DatabaseTarget target, int pid, string sql, IProgress<StatementProgress> progress, TimeSpan delay) =>
        new(target, pid, sql, progress, delay);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping is the normal end of the watch.
        }

        _stop.Dispose();
    }

    /// <summary>The table a <c>CALL sparkle_db.convert_to_partitioned('t', …)</c> converts, or null.</summary>
    internal static string? ConvertedTable(string sql) => ConvertCall().Match(sql) is { Success: true } m ? m.Groups["table"].Value.Replace("''", "'", StringComparison.Ordinal) : null;

    /// <summary>The index a <c>CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON …</c> builds, or null.</summary>
    internal static string? CreatedIndex(string sql) =>
        CreateIndex().Match(sql) is { Success: true } m ? (m.Groups["name"].Value is var n && n.StartsWith('"') ? n[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : m.Groups["name"].Value.ToLowerInvariant()) : null;

    private static async Task WatchAsync(DatabaseTarget target, int pid, string sql, IProgress<StatementProgress> progress, TimeSpan delay, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await Task.Delay(delay, cancellationToken);
            // A sample never queues behind the statement it watches (the conversion's swap takes ACCESS EXCLUSIVE).
            var watcher = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Options = "-c lock_timeout=500ms -c statement_timeout=10s", Pooling = false };
            await using var connection = new NpgsqlConnection(watcher.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            var converted = ConvertedTable(sql);
            var index = CreatedIndex(sql);
            var copySeen = false;
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    var sample = await SampleIndexAsync(connection, pid, index, clock.Elapsed, cancellationToken);
                    if (sample is null && converted is not null)
                    {
                        sample = await SampleConversionAsync(connection, converted, copySeen, clock.Elapsed, cancellationToken);
                        copySeen |= sample.Total > 0;
                    }

                    if (sample is not null)
                    {
                        progress.Report(sample);
                    }
                }
                catch (PostgresException)
                {
                    // A lock timeout or a relation dropped between two reads: skip this sample.
                }

                await Task.Delay(Every, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
        {
            // The watch's own connection failed; the statement's outcome tells the story.
        }
    }

    private static async Task<StatementProgress?> SampleIndexAsync(NpgsqlConnection connection, int pid, string? name, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        // A plain CREATE INDEX in a transaction builds a relation other sessions cannot see yet: the name then comes from
        // the statement.
        await using var command = new NpgsqlCommand(
            """
            SELECT i.relname::text, t.relname::text, p.phase, p.blocks_done, p.blocks_total, p.tuples_done, p.tuples_total,
                   p.partitions_done, p.partitions_total
              FROM pg_catalog.pg_stat_progress_create_index p
              LEFT JOIN pg_catalog.pg_class i ON i.oid = p.index_relid
              LEFT JOIN pg_catalog.pg_class t ON t.oid = p.relid
             WHERE p.pid = $1
            """,
            connection);
        command.Parameters.Add(new() { Value = pid });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var table = reader.IsDBNull(1) ? "?" : reader.GetString(1);
        var index = reader.IsDBNull(0) ? name ?? "index on " + table : reader.GetString(0);
        return new StatementProgress(
            StatementProgress.IndexBuild, index, table, reader.IsDBNull(2) ? "" : reader.GetString(2),
            Long(reader, 3), Long(reader, 4), Long(reader, 5), Long(reader, 6), Long(reader, 7), Long(reader, 8), elapsed);
    }

    private static async Task<StatementProgress> SampleConversionAsync(NpgsqlConnection connection, string table, bool copySeen, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        // The copy's partitions against the table, sized without waiting for a lock (DatabaseMonitor's lock-free sizes).
        await using var command = new NpgsqlCommand(
            $"""
            WITH {DatabaseMonitor.LockedRelations},
            copy AS (SELECT pg_catalog.to_regclass(pg_catalog.format('public.%I', $1 || '__partitioned'))::oid AS oid),
            parts AS (SELECT i.inhrelid AS oid FROM pg_catalog.pg_inherits i WHERE i.inhparent = (SELECT oid FROM copy))
            SELECT (SELECT oid FROM copy) IS NOT NULL,
                   (SELECT coalesce(sum({DatabaseMonitor.LockFreeSize("parts.oid")}), 0) FROM parts)::bigint,
                   coalesce((SELECT {DatabaseMonitor.LockFreeSize("s.oid")} FROM (SELECT pg_catalog.to_regclass(pg_catalog.format('public.%I', $1))::oid AS oid) s), 0)::bigint
            """,
            connection);
        command.Parameters.Add(new() { Value = table });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var copying = reader.GetBoolean(0);
        var phase = copying ? "copying rows" : copySeen ? "swapping in the partitioned table" : "preparing the partitioned copy";
        var total = copying ? Math.Max(reader.GetInt64(2), 1) : 0;
        var done = copying ? Math.Min(reader.GetInt64(1), total) : 0;
        return new StatementProgress(StatementProgress.Conversion, table, table, phase, done, total, 0, 0, 0, 0, elapsed);
    }

    private static long Long(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? 0 : reader.GetInt64(ordinal);

    [GeneratedRegex(@"^\s*CALL\s+sparkle_db\.convert_to_partitioned\s*\(\s*'(?<table>(?:[^']|'')+)'", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex ConvertCall();

    [GeneratedRegex(@"^\s*CREATE\s+(UNIQUE\s+)?INDEX\s+(CONCURRENTLY\s+)?(IF\s+NOT\s+EXISTS\s+)?(?<name>""(?:[^""]|"""")+""|[A-Za-z_][A-Za-z0-9_$]*)\s+ON\s", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex CreateIndex();
}
