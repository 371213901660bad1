using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Sparkle.Db.Connections;
using Sparkle.Db.Migrations;
using Sparkle.Db.Sql;

namespace Sparkle.Db.Maintenance;

/// <summary>
/// `sparkle-db maintain`: refreshes the materialized views, analyzes the hot tables and every partitioned parent
/// (autovacuum never analyzes those), runs maintain_partitions() when phase 007 provides it, recounts owned counters that
/// drifted from their sources (<see cref="CounterRepair"/>), and journals the run in
/// sparkle_db.maintenance_runs. Each step runs in autocommit so its locks end with it, and a failed step never
/// stops the next. Only one run at a time: a second one finds <see cref="AdvisoryLock.MaintenanceKey"/> taken and skips.
/// </summary>
public sealed class MaintenanceRunner(DatabaseTarget target, MaintenanceOptions? options = null)
{
    private readonly MaintenanceOptions _options = options ?? new MaintenanceOptions();

    public async Task<MaintenanceRun> RunAsync(CancellationToken cancellationToken = default)
    {
        var startedAt = DateTimeOffset.UtcNow;
        await PrimaryGuard.EnsurePrimaryAsync(target, "maintenance", cancellationToken);
        await using var guard = await AdvisoryLock.TryAcquireAsync(target, AdvisoryLock.MaintenanceKey, cancellationToken);
        if (guard is null)
        {
            return new MaintenanceRun("skipped", startedAt, 0, [], null, 0);
        }

        var clock = Stopwatch.StartNew();
        await using var connection = await ConnectionFailures.OpenAsync(target, cancellationToken);
        await EnsureJournalAsync(connection, cancellationToken);

        var steps = new List<MaintenanceStep>();
        foreach (var (view, concurrent) in await MaterializedViewsAsync(connection, cancellationToken))
        {
            // CONCURRENTLY keeps the view readable during the refresh, but PostgreSQL rejects it on a view that was
            // never populated or has no unique index without a WHERE clause (D-44).
            var mode = concurrent ? "concurrent" : "full";
            steps.Add(await StepAsync(connection, view, "refresh", mode,
                $"REFRESH MATERIALIZED VIEW {(concurrent ? "CONCURRENTLY " : "")}{Quote(view)}", cancellationToken));
        }

        foreach (var table in await TablesToAnalyzeAsync(connection, cancellationToken))
        {
            steps.Add(await StepAsync(connection, table, "analyze", null, $"ANALYZE {Quote(table)}", cancellationToken));
        }

        steps.Add(await PartitionsAsync(connection, cancellationToken));
        steps.AddRange(await CounterRepair.RunAsync(connection, _options.CounterSampleRows, cancellationToken));

        var ran = steps.Where(s => s.Status != "skipped").ToArray();
        var failed = ran.Count(s => s.Status == "failed");
        var status = failed == 0 ? "healthy" : failed < ran.Length ? "degraded" : "down";
        var durationMs = clock.Elapsed.TotalMilliseconds;
        var (id, pruned) = await JournalAsync(connection, startedAt, durationMs, status, steps, cancellationToken);
        return new MaintenanceRun(status, startedAt, durationMs, steps, id, pruned);
    }

    /// <summary>Reads the most recent journal rows, newest first.</summary>
    public static async Task<IReadOnlyList<(long Id, DateTimeOffset StartedAt, long DurationMs, string Status)>> HistoryAsync(
        NpgsqlConnection connection, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(
            "SELECT id, started_at, duration_ms, status FROM sparkle_db.maintenance_runs ORDER BY started_at DESC LIMIT $1", connection);
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(long, DateTimeOffset, long, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt64(2), reader.GetString(3)));
        }

        return rows;
    }

    internal static async Task EnsureJournalAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        foreach (var statement in SqlStatementSplitter.Split(SqlResources.Read("engine/maintenance.sql")))
        {
            await using var command = new NpgsqlCommand(statement.Text, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<List<(string View, bool Concurrent)>> MaterializedViewsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname, c.relispopulated
                   AND EXISTS (SELECT 1 FROM pg_index x WHERE x.indrelid = c.oid AND x.indisunique AND x.indpred IS NULL AND x.indisvalid)
              FROM pg_class c
             WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'm'
             ORDER BY c.relname
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var views = new List<(string, bool)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            views.Add((reader.GetString(0), reader.GetBoolean(1)));
        }

        return views;
    }

    private async Task<List<string>> TablesToAnalyzeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname
              FROM pg_class c
             WHERE c.relnamespace = 'public'::regnamespace AND NOT c.relispartition
               AND (c.relkind = 'p' OR (c.relkind = 'r' AND c.relname = ANY ($1)))
             ORDER BY c.relname
            """,
            connection);
        command.Parameters.Add(new() { Value = _options.AnalyzeTables.ToArray() });
        return await ReadStringsAsync(command, cancellationToken);
    }

    private static async Task<MaintenanceStep> PartitionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND proname = 'maintain_partitions' AND pronargdefaults = pronargs)",
            connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            return new MaintenanceStep("maintain_partitions", "partitions", "skipped", 0, "maintain_partitions() does not exist (phase 007 not applied)");
        }

        // 007's function returns one row per change or failed step; to_jsonb keeps this independent of its columns.
        var clock = Stopwatch.StartNew();
        try
        {
            await using var command = new NpgsqlCommand(
                "SELECT coalesce(jsonb_agg(to_jsonb(r)) FILTER (WHERE jsonb_typeof(to_jsonb(r)) = 'object'), '[]')::text FROM public.maintain_partitions() r",
                connection);
            var changes = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
            using var document = JsonDocument.Parse(changes);
            var failed = document.RootElement.EnumerateArray().Any(e =>
                e.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.String && action.GetString() == "failed");
            return new MaintenanceStep("maintain_partitions", "partitions", failed ? "failed" : "ok", clock.Elapsed.TotalMilliseconds, changes);
        }
        catch (PostgresException ex)
        {
            return new MaintenanceStep("maintain_partitions", "partitions", "failed", clock.Elapsed.TotalMilliseconds, $"{ex.SqlState}: {ex.MessageText}");
        }
    }

    private static async Task<MaintenanceStep> StepAsync(NpgsqlConnection connection, string name, string kind, string? detail, string sql, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new MaintenanceStep(name, kind, "ok", clock.Elapsed.TotalMilliseconds, detail);
        }
        catch (PostgresException ex)
        {
            return new MaintenanceStep(name, kind, "failed", clock.Elapsed.TotalMilliseconds, $"{ex.SqlState}: {ex.MessageText}");
        }
    }

    private async Task<(long Id, int Pruned)> JournalAsync(NpgsqlConnection connection, DateTimeOffset startedAt, double durationMs, string status,
        IReadOnlyList<MaintenanceStep> steps, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO sparkle_db.maintenance_runs (started_at, finished_at, duration_ms, status, steps, host)
            VALUES ($1, $1 + make_interval(secs => $2 / 1000.0), round($2)::bigint, $3, $4, inet_client_addr()::text)
            RETURNING id
            """,
            connection);
        insert.Parameters.Add(new() { Value = startedAt });
        insert.Parameters.Add(new() { Value = durationMs });
        insert.Parameters.Add(new() { Value = status });
        insert.Parameters.Add(new() { Value = JsonSerializer.Serialize(steps, JsonOptions), NpgsqlDbType = NpgsqlDbType.Jsonb });
        var id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;

        await using var prune = new NpgsqlCommand("DELETE FROM sparkle_db.maintenance_runs WHERE started_at < now() - make_interval(days => $1)", connection);
        prune.Parameters.Add(new() { Value = _options.KeepJournalDays });
        var pruned = await prune.ExecuteNonQueryAsync(cancellationToken);
        return (id, pruned);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static string Quote(string identifier) => "public.\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task<List<string>> ReadStringsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
