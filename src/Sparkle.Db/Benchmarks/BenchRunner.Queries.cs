using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Sparkle.Db.Benchmarks;

public sealed partial class BenchRunner
{
    private async Task<FloorResult> MeasureFloorAsync(Sparkle.Db.Connections.DatabaseTarget target, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        string userId;
        await using (var pick = new NpgsqlCommand("SELECT id FROM users ORDER BY id LIMIT 1 OFFSET 3", connection))
        {
            userId = (string)(await pick.ExecuteScalarAsync(cancellationToken))!;
        }

        var one = await TimeAsync(connection, "SELECT 1", [], 200, cancellationToken);
        var pk = await TimeAsync(connection, "SELECT * FROM users WHERE id = $1", [userId], 200, cancellationToken);
        Say($"floor: SELECT 1 p50 {LatencyStats.Percentile(one, 50):F3} ms, primary key p50 {LatencyStats.Percentile(pk, 50):F3} ms");
        return new FloorResult(LatencyStats.Percentile(one, 50), LatencyStats.Percentile(one, 95), LatencyStats.Percentile(pk, 50), LatencyStats.Percentile(pk, 95));
    }

    private async Task<IReadOnlyList<QueryResult>> MeasureQueriesAsync(CancellationToken cancellationToken)
    {
        var results = new List<QueryResult>();
        await using var plan = await OpenMeasuredAsync(Plan, cancellationToken);
        await using var baseline = await OpenMeasuredAsync(Baseline, cancellationToken);
        var planRoots = await IndexRootsAsync(plan, cancellationToken);
        var baselineRoots = await IndexRootsAsync(baseline, cancellationToken);
        foreach (var query in HotQueryCatalog.Embedded())
        {
            Say($"query {query.Name}");
            var parameters = query.Pick is null ? [] : await PickAsync(plan, query.Pick, cancellationToken);
            var (planSide, baselineSide) = await MeasurePairAsync(plan, baseline, query, parameters, planRoots, baselineRoots, cancellationToken);
            QuerySide? comparable = baselineSide.Error is null ? baselineSide : null;
            // The ratio compares server execution time (pg_stat_statements) when both sides have it: on a shared
            // machine the client round trip carries scheduling noise that has nothing to do with the plan.
            var clientRatio = planSide.Error is null ? RatioClassifier.Ratio(comparable?.P50, planSide.P50) : null;
            var ratio = planSide.Error is null ? RatioClassifier.Ratio(comparable?.ServerMeanMs, planSide.ServerMeanMs) ?? clientRatio : null;
            results.Add(new QueryResult(query.Name, query.Kind, query.Index, query.Description,
                parameters.Select(Display).ToArray(), planSide, baselineSide, ratio, clientRatio, RatioClassifier.Classify(ratio),
                query.HasIntendedIndex && planSide.Indexes.Contains(query.Index, StringComparer.Ordinal)));
        }

        return results;
    }

    private async Task<NpgsqlConnection> OpenMeasuredAsync(Sparkle.Db.Connections.DatabaseTarget target, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // Time the plans EXPLAIN shows: after five executions a prepared statement may switch to a generic plan,
        // which on skewed data (a hot user, a hot post) can read 10-20x the buffers; that effect is reported apart.
        await using (var custom = new NpgsqlCommand("SET plan_cache_mode = force_custom_plan", connection))
        {
            await custom.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException)
        {
            // Server time and buffers are then reported as unknown.
        }

        return connection;
    }

    /// <summary>Index name → the name of its top-most parent (partitions' indexes answer for the parent's).</summary>
    private static async Task<Dictionary<string, string>> IndexRootsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var roots = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname, coalesce(r.relname, c.relname)
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
            LEFT JOIN pg_class r ON r.oid = pg_partition_root(c.oid)
            WHERE c.relkind IN ('i', 'I')
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            roots[reader.GetString(0)] = reader.GetString(1);
        }

        return roots;
    }

    private static async Task<object?[]> PickAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return [];
        }

        var values = new object?[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        return values;
    }

    /// <summary>
    /// Explains the query on both sides, warms both, then times them alternately (plan, baseline, plan, …) so both
    /// sides see the same background noise of a shared machine.
    /// </summary>
    private async Task<(QuerySide Plan, QuerySide Baseline)> MeasurePairAsync(
        NpgsqlConnection plan, NpgsqlConnection baseline, HotQuery query, object?[] parameters,
        Dictionary<string, string> planRoots, Dictionary<string, string> baselineRoots, CancellationToken cancellationToken)
    {
        var planExplain = await ExplainAsync(plan, query, parameters, planRoots, cancellationToken);
        var baselineExplain = await ExplainAsync(baseline, query, parameters, baselineRoots, cancellationToken);
        var sides = new[] { (Connection: plan, Explain: planExplain), (Connection: baseline, Explain: baselineExplain) }
            .Where(s => s.Explain.Error is null).ToArray();

        var commands = new List<NpgsqlCommand>();
        var samples = sides.Select(_ => new List<double>()).ToArray();
        try
        {
            foreach (var side in sides)
            {
                var command = Command(side.Connection, query.Sql, parameters);
                await command.PrepareAsync(cancellationToken);
                commands.Add(command);
                for (var i = 0; i < 3; i++)
                {
                    await RunAsync(command, cancellationToken);
                }
            }

            var statements = new bool[sides.Length];
            for (var s = 0; s < sides.Length; s++)
            {
                statements[s] = await TryAsync(sides[s].Connection, "SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)", cancellationToken);
            }

            var spent = Stopwatch.StartNew();
            for (var run = 0; run < options.Runs; run++)
            {
                for (var s = 0; s < sides.Length; s++)
                {
                    samples[s].Add(await RunAsync(commands[s], cancellationToken));
                }

                if (spent.Elapsed > options.QueryBudget && run >= 4)
                {
                    break;
                }
            }

            var result = new QuerySide[2];
            for (var s = 0; s < sides.Length; s++)
            {
                var server = statements[s] ? await ServerStatsAsync(sides[s].Connection, cancellationToken) : (null, null, null);
                var planning = await PlanningAsync(sides[s].Connection, query, parameters, cancellationToken);
                var p = sides[s].Explain.Plan!;
                result[sides[s].Connection == plan ? 0 : 1] = new QuerySide(p.MainNode, p.MainIndex, p.Indexes.ToArray(), p.SeqScannedRelations.ToArray(), samples[s].Count,
                    LatencyStats.Percentile(samples[s], 50), LatencyStats.Percentile(samples[s], 95), server.Mean, server.Hit, server.Read, null, planning);
            }

            return (result[0] ?? Failed(planExplain.Error), result[1] ?? Failed(baselineExplain.Error));
        }
        finally
        {
            foreach (var command in commands)
            {
                await command.DisposeAsync();
            }
        }
    }

    private static QuerySide Failed(string? error) => new(null, null, [], [], 0, 0, 0, null, null, null, error ?? "not measured");

    private static async Task<(PlanSummary? Plan, string? Error)> ExplainAsync(
        NpgsqlConnection connection, HotQuery query, object?[] parameters, Dictionary<string, string> roots, CancellationToken cancellationToken)
    {
        try
        {
            await using var explain = Command(connection, "EXPLAIN (FORMAT JSON) " + query.Sql, parameters);
            var json = (string)(await explain.ExecuteScalarAsync(cancellationToken))!;
            return (PlanAnalyzer.Parse(json, name => roots.GetValueOrDefault(name, name)), null);
        }
        catch (PostgresException e)
        {
            return (null, $"{e.SqlState}: {e.MessageText}");
        }
    }

    /// <summary>
    /// Median planning time of the statement over a few EXPLAIN (SUMMARY) calls: what planning costs each statement the app's
    /// client sends unprepared (Prisma's default), and what every extra index on a table adds to it.
    /// </summary>
    private static async Task<double?> PlanningAsync(NpgsqlConnection connection, HotQuery query, object?[] parameters, CancellationToken cancellationToken)
    {
        var samples = new List<double>();
        try
        {
            for (var i = 0; i < 7; i++)
            {
                await using var explain = Command(connection, "EXPLAIN (SUMMARY ON, FORMAT JSON) " + query.Sql, parameters);
                var json = (string)(await explain.ExecuteScalarAsync(cancellationToken))!;
                if (PlanAnalyzer.PlanningTime(json) is { } ms)
                {
                    samples.Add(ms);
                }
            }
        }
        catch (PostgresException)
        {
            return null;
        }

        return samples.Count == 0 ? null : LatencyStats.Percentile(samples, 50);
    }

    private static async Task<double> RunAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
            }
        }

        return Ms(Stopwatch.GetTimestamp() - started);
    }

    private static async Task<(double? Mean, double? Hit, double? Read)> ServerStatsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT mean_exec_time, shared_blks_hit::float8 / calls, shared_blks_read::float8 / calls
            FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND toplevel
              AND query NOT ILIKE '%pg_stat_statements%'
            ORDER BY calls DESC
            LIMIT 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2)) : (null, null, null);
    }

    private static async Task<bool> TryAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    /// <summary>Client-side latency of a prepared statement, reading every row, in milliseconds.</summary>
    private static async Task<List<double>> TimeAsync(NpgsqlConnection connection, string sql, object?[] parameters, int runs, CancellationToken cancellationToken, TimeSpan? budget = null)
    {
        await using var command = Command(connection, sql, parameters);
        await command.PrepareAsync(cancellationToken);
        var samples = new List<double>(runs);
        var spent = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                }
            }

            samples.Add(Ms(Stopwatch.GetTimestamp() - started));
            if (budget is { } b && spent.Elapsed > b && samples.Count >= 5)
            {
                break;
            }
        }

        return samples;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object?[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    private static string Display(object? value) => value switch
    {
        null => "NULL",
        string[] array => $"{{{array.Length} ids}}",
        DateTime t => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
