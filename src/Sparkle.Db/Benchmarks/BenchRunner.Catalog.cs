using System.Diagnostics;
using Npgsql;

namespace Sparkle.Db.Benchmarks;

public sealed partial class BenchRunner
{
    private async Task<IReadOnlyList<RefreshResult>> MeasureRefreshesAsync(CancellationToken cancellationToken)
    {
        var results = new List<RefreshResult>();
        await using var connection = new NpgsqlConnection(Plan.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var views = await ColumnAsync(connection, "SELECT matviewname FROM pg_matviews WHERE schemaname = 'public' ORDER BY 1", cancellationToken);
        foreach (var view in views)
        {
            Say($"refresh {view}");
            var plain = await TimedAsync(connection, $"REFRESH MATERIALIZED VIEW public.\"{view}\"", cancellationToken);
            double? concurrent = null;
            string? error = null;
            try
            {
                concurrent = await TimedAsync(connection, $"REFRESH MATERIALIZED VIEW CONCURRENTLY public.\"{view}\"", cancellationToken);
            }
            catch (PostgresException e)
            {
                error = $"{e.SqlState}: {e.MessageText}";
            }

            await using var count = new NpgsqlCommand($"SELECT count(*) FROM public.\"{view}\"", connection);
            results.Add(new RefreshResult(view, (long)(await count.ExecuteScalarAsync(cancellationToken))!, plain, concurrent, error));
        }

        return results;
    }

    private static async Task<double> TimedAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        var started = Stopwatch.GetTimestamp();
        await command.ExecuteNonQueryAsync(cancellationToken);
        return Ms(Stopwatch.GetTimestamp() - started);
    }

    /// <summary>Indexes on tables in the plan database that the baseline lacks, with the hot queries whose plans used them.</summary>
    private async Task<IReadOnlyList<PlanIndexUse>> PlanIndexesAsync(IReadOnlyList<QueryResult> queries, CancellationToken cancellationToken)
    {
        await using var baseline = new NpgsqlConnection(Baseline.ConnectionString);
        await baseline.OpenAsync(cancellationToken);
        var baselineNames = (await ColumnAsync(baseline, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'", cancellationToken)).ToHashSet(StringComparer.Ordinal);

        await using var plan = new NpgsqlConnection(Plan.ConnectionString);
        await plan.OpenAsync(cancellationToken);
        // Top-level indexes only (a partitioned index stands for its partitions' copies; its size is theirs summed).
        await using var command = new NpgsqlCommand(
            """
            SELECT i.relname, t.relname,
                   greatest(pg_relation_size(i.oid), (SELECT coalesce(sum(pg_relation_size(p.relid)), 0) FROM pg_partition_tree(i.oid) p))::bigint
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = i.relnamespace AND n.nspname = 'public'
            WHERE t.relkind IN ('r', 'p') AND NOT t.relispartition
            ORDER BY 3 DESC, 1
            """, plan);
        var result = new List<PlanIndexUse>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            if (baselineNames.Contains(name))
            {
                continue;
            }

            var usedBy = queries.Where(q => q.Plan.Indexes.Contains(name, StringComparer.Ordinal)).Select(q => q.Name).ToArray();
            result.Add(new PlanIndexUse(name, reader.GetString(1), reader.GetInt64(2), usedBy));
        }

        return result;
    }
}
