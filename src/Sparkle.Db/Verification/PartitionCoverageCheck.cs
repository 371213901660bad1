using Npgsql;

namespace Sparkle.Db.Verification;

/// <summary>
/// F-12: every RANGE-partitioned table in public has a partition covering this UTC month and the next two
/// (rows outside every partition are rejected), and every DEFAULT partition is empty (rows there mean a missing
/// partition).
/// </summary>
internal sealed class PartitionCoverageCheck : ICheck
{
    public const int MonthsAhead = 2;

    public string Name => "partitions";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Bounds are read from the partition bound expression of single-column RANGE partitions on a
        // date/timestamp key; a month is covered when one partition contains all of it.
        var uncovered = new List<string>();
        var tables = new List<string>();
        await using (var command = new NpgsqlCommand(
            """
            WITH parents AS (
                SELECT c.oid, c.relname, p.partstrat
                  FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
                 WHERE c.relnamespace = 'public'::regnamespace AND NOT c.relispartition
            ),
            bounds AS (
                SELECT i.inhparent AS parent,
                       substring(pg_get_expr(k.relpartbound, k.oid) FROM 'FROM \(''([^'']+)''\)') AS lower_text,
                       substring(pg_get_expr(k.relpartbound, k.oid) FROM 'TO \(''([^'']+)''\)') AS upper_text
                  FROM pg_inherits i JOIN pg_class k ON k.oid = i.inhrelid
            ),
            months AS (
                SELECT (date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => m))::timestamp AS month_start
                  FROM generate_series(0, $1) m
            )
            SELECT p.relname, p.partstrat::text,
                   coalesce(string_agg(to_char(m.month_start, 'YYYY-MM'), ', ' ORDER BY m.month_start)
                            FILTER (WHERE p.partstrat = 'r' AND NOT EXISTS (
                                SELECT 1 FROM bounds b
                                 WHERE b.parent = p.oid AND b.lower_text IS NOT NULL AND b.upper_text IS NOT NULL
                                   AND b.lower_text ~ '^\d{4}-\d{2}-\d{2}'
                                   AND b.lower_text::timestamp <= m.month_start
                                   AND b.upper_text::timestamp >= m.month_start + interval '1 month')), '')
              FROM parents p CROSS JOIN months m
             GROUP BY p.relname, p.partstrat
             ORDER BY p.relname
            """,
            connection))
        {
            command.Parameters.Add(new() { Value = MonthsAhead });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var strategy = reader.GetString(1) switch { "r" => "range", "l" => "list", "h" => "hash", var s => s };
                tables.Add($"{reader.GetString(0)} ({strategy})");
                if (reader.GetString(2).Length > 0)
                {
                    uncovered.Add($"{reader.GetString(0)}: {reader.GetString(2)}");
                }
            }
        }

        var results = new List<CheckResult>
        {
            new($"{Name}.coverage", uncovered.Count == 0,
                $"each RANGE-partitioned table has partitions for this month and the next {MonthsAhead}",
                tables.Count == 0 ? "no partitioned table (phase 007 not applied)" : uncovered.Count == 0 ? "covered: " + string.Join(", ", tables) : "uncovered " + string.Join("; ", uncovered),
                uncovered.Count == 0 ? null : "Run 'sparkle-db maintain' or CALL maintain_partitions()."),
        };

        var defaults = new List<(string Table, string Partition)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT format('%I.%I', pn.nspname, pc.relname), format('%I.%I', n.nspname, k.relname)
              FROM pg_partitioned_table p
              JOIN pg_class pc ON pc.oid = p.partrelid JOIN pg_namespace pn ON pn.oid = pc.relnamespace
              JOIN pg_class k ON k.oid = p.partdefid JOIN pg_namespace n ON n.oid = k.relnamespace
             WHERE pc.relnamespace = 'public'::regnamespace
            """,
            connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                defaults.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var filled = new List<string>();
        foreach (var (table, partition) in defaults)
        {
            // Identifiers come from format('%I') above.
            await using var probe = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {partition})", connection);
            if ((bool)(await probe.ExecuteScalarAsync(cancellationToken))!)
            {
                filled.Add($"{partition} of {table}");
            }
        }

        results.Add(new CheckResult($"{Name}.default_empty", filled.Count == 0, "every DEFAULT partition empty",
            defaults.Count == 0 ? "no DEFAULT partition" : filled.Count == 0 ? $"{defaults.Count} empty" : "rows in " + string.Join(", ", filled),
            filled.Count == 0 ? null : "Run 'sparkle-db maintain' (or CALL maintain_partitions()): it moves the rows into their month's partition, one month per short transaction."));
        return results;
    }
}
