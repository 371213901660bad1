using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace Sparkle.Db.Maintenance;

/// <summary>
/// The maintenance step that repairs drifted counters (phase 005, sparkle_db.owned_counters): for each counter table, a
/// sample of about <see cref="MaintenanceOptions.CounterSampleRows"/> rows is compared with its recount; when the
/// sample finds drift, the whole table is compared. Rows that differ are recounted in batches, each in its own short
/// transaction (sparkle_db.recount_rows locks a row before recounting it, so concurrent writers lose nothing).
/// </summary>
internal static class CounterRepair
{
    private const int BatchSize = 500;

    public static async Task<IReadOnlyList<MaintenanceStep>> RunAsync(NpgsqlConnection connection, int sampleRows, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regprocedure('sparkle_db.recount_rows(text, text[])') IS NOT NULL", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return [new MaintenanceStep("counters", "counters", "skipped", 0, "sparkle_db.recount_rows() does not exist (phase 005 not applied)")];
            }
        }

        var steps = new List<MaintenanceStep>();
        foreach (var table in await TablesAsync(connection, cancellationToken))
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var sampled = await LargerThanAsync(connection, table, sampleRows, cancellationToken);
                var (keys, checkedRows) = await DifferingAsync(connection, table, sampleRows, cancellationToken);
                if (keys.Count > 0 && sampled)
                {
                    // A sample found drift: the rest of the table is likely to have some too.
                    (keys, checkedRows) = await DifferingAsync(connection, table, null, cancellationToken);
                    sampled = false;
                }

                var repaired = 0;
                foreach (var batch in keys.Chunk(BatchSize))
                {
                    await using var recount = new NpgsqlCommand("SELECT sparkle_db.recount_rows($1, $2)", connection);
                    recount.Parameters.Add(new() { Value = table });
                    recount.Parameters.Add(new() { Value = batch });
                    repaired += (int)(await recount.ExecuteScalarAsync(cancellationToken))!;
                }

                var detail = JsonSerializer.Serialize(new
                {
                    rowsChecked = checkedRows,
                    sampled,
                    rowsDiffering = keys.Count,
                    rowsRepaired = repaired,
                    keys = keys.Take(20),
                });
                steps.Add(new MaintenanceStep($"counters.{table}", "counters", "ok", clock.Elapsed.TotalMilliseconds, detail));
            }
            catch (PostgresException ex)
            {
                steps.Add(new MaintenanceStep($"counters.{table}", "counters", "failed", clock.Elapsed.TotalMilliseconds, $"{ex.SqlState}: {ex.MessageText}"));
            }
        }

        return steps;
    }

    private static async Task<List<string>> TablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT table_name FROM sparkle_db.counter_tables ORDER BY table_name", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tables = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    // The same test sparkle_db.counter_differences makes to decide whether it samples: the table's row estimate.
    private static async Task<bool> LargerThanAsync(NpgsqlConnection connection, string table, int rows, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT c.reltuples > $2 FROM pg_class c WHERE c.oid = format('public.%I', $1::text)::regclass", connection);
        command.Parameters.Add(new() { Value = table });
        command.Parameters.Add(new() { Value = rows });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<(List<string> Keys, long CheckedRows)> DifferingAsync(
        NpgsqlConnection connection, string table, int? limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT key, rows_checked FROM sparkle_db.counter_differences($1, $2)", connection) { CommandTimeout = 0 };
        command.Parameters.Add(new() { Value = table });
        command.Parameters.Add(new() { Value = (object?)limit ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        long checkedRows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            checkedRows = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
            if (!reader.IsDBNull(0))
            {
                keys.Add(reader.GetString(0));
            }
        }

        return ([.. keys.Order(StringComparer.Ordinal)], checkedRows);
    }
}
