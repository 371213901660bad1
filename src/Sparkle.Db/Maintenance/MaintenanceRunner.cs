using System.Text.Json;
using Npgsql;
using Sparkle.Db.Connections;
using Sparkle.Db.Migrations;
using Sparkle.Db.Sql;

namespace Sparkle.Db.Maintenance;

/// <summary>
/// `sparkle-db maintain`: runs the database's own maintenance engine (<c>CALL sparkle_db.run_maintenance</c>, the
/// procedure behind pg_cron's <c>perform_maintenance()</c>), so the CLI and the scheduled job are one implementation
/// with one journal, sparkle_db.maintenance_runs. Every action commits on its own with a short lock_timeout and
/// retries; a failed action never stops the next. Only one run at a time: a second one finds
/// <see cref="AdvisoryLock.MaintenanceKey"/> taken and skips.
/// </summary>
public sealed class MaintenanceRunner(DatabaseTarget target, MaintenanceOptions? options = null)
{
    private readonly MaintenanceOptions _options = options ?? new MaintenanceOptions();

    public async Task<MaintenanceRun> RunAsync(CancellationToken cancellationToken = default)
    {
        var startedAt = DateTimeOffset.UtcNow;
        await using var connection = await ConnectionFailures.OpenAsync(target, cancellationToken);
        await EnsureEngineAsync(connection, cancellationToken);

        long? runId;
        try
        {
            await using var call = new NpgsqlCommand("CALL sparkle_db.run_maintenance(NULL, $1, $5::jsonb, $2, $3, $4)", connection) { CommandTimeout = 0 };
            call.Parameters.Add(new() { Value = _options.Tasks is null ? DBNull.Value : _options.Tasks.ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
            call.Parameters.Add(new() { Value = _options.LockTimeout });
            call.Parameters.Add(new() { Value = _options.LockAttempts });
            call.Parameters.Add(new() { Value = _options.KeepJournalDays });
            // The planners' options (tasks statistics and counters); perform_maintenance() runs with their defaults.
            call.Parameters.Add(new() { Value = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["analyze_tables"] = _options.AnalyzeTables,
                ["counter_sample_rows"] = _options.CounterSampleRows,
            }) });
            runId = await call.ExecuteScalarAsync(cancellationToken) as long?;
        }
        finally
        {
            // The procedure releases its session lock itself; this covers a run that ended in an error.
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }

        if (runId is not { } id)
        {
            return new MaintenanceRun("skipped", startedAt, 0, [], null, 0);
        }

        return await ReadRunAsync(connection, id, cancellationToken)
            ?? throw new SparkleDbException($"Maintenance run {id} is missing from sparkle_db.maintenance_runs.", "Run 'sparkle-db maintain' again.");
    }

    /// <summary>Reads one journal row with its steps.</summary>
    public static async Task<MaintenanceRun?> ReadRunAsync(NpgsqlConnection connection, long id, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(
            "SELECT status, started_at, coalesce(duration_ms, 0), steps::text, pruned_rows FROM sparkle_db.maintenance_runs WHERE id = $1", connection);
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        using var steps = JsonDocument.Parse(reader.GetString(3));
        var list = steps.RootElement.EnumerateArray().Select(s => new MaintenanceStep(
            Text(s, "task") ?? "", Text(s, "name") ?? "", Text(s, "kind") ?? "", Text(s, "status") ?? "",
            s.TryGetProperty("attempts", out var attempts) ? attempts.GetInt32() : 1,
            s.TryGetProperty("durationMs", out var ms) ? ms.GetDouble() : 0,
            Text(s, "detail"))).ToArray();
        return new MaintenanceRun(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt64(2), list, id, reader.GetInt32(4));
    }

    /// <summary>Reads the most recent journal rows, newest first.</summary>
    public static async Task<IReadOnlyList<(long Id, DateTimeOffset StartedAt, long DurationMs, string Status)>> HistoryAsync(
        NpgsqlConnection connection, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(
            "SELECT id, started_at, coalesce(duration_ms, 0), status FROM sparkle_db.maintenance_runs ORDER BY started_at DESC LIMIT $1", connection);
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(long, DateTimeOffset, long, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt64(2), reader.GetString(3)));
        }

        return rows;
    }

    /// <summary>
    /// Creates or updates the engine (journal, task registry, runner) in one transaction; the migration runner does the
    /// same on every migrate, this covers a database migrated by an older version of the tool.
    /// </summary>
    internal static async Task EnsureEngineAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var statement in SqlStatementSplitter.Split(SqlResources.Read("engine/maintenance.sql")))
        {
            await using var command = new NpgsqlCommand(statement.Text, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;
}
