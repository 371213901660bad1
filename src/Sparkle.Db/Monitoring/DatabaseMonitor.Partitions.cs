using System.Globalization;
using Npgsql;

namespace Sparkle.Db.Monitoring;

public static partial class DatabaseMonitor
{
    /// <summary>
    /// Every RANGE-partitioned table of public: month coverage (from the partitions' bounds), rows in DEFAULT, and the
    /// retention policy of sparkle_db.partition_policies when phase 007 created it. Empty before phase 007.
    /// </summary>
    public static async Task<IReadOnlyList<PartitionedTable>> PartitionsAsync(NpgsqlConnection connection, DateTime? utcNow = null, CancellationToken cancellationToken = default)
    {
        var now = utcNow ?? DateTime.UtcNow;
        var hasPolicies = (await ReadAsync(connection, "SELECT to_regclass('sparkle_db.partition_policies') IS NOT NULL", [], r => r.GetBoolean(0), cancellationToken))[0];
        var policy = hasPolicies
            ? "(SELECT row(p.retention_months, p.retention_action)::text FROM sparkle_db.partition_policies p WHERE p.table_name = c.relname)"
            : "NULL::text";

        // Bounds come from the partition bound expression, as in the partitions check of verify; a DEFAULT partition
        // is named, not bounded. pg_get_expr locks the partition, so a partition locked ACCESS EXCLUSIVE (being attached,
        // detached or dropped) is left out and counted as busy rather than waited for. The default's name is
        // format('%I.%I')-quoted for the count below.
        var parents = await ReadAsync(connection,
            $"""
            WITH {LockedRelations},
            parts AS (
                SELECT i.inhparent AS parent, k.oid,
                       CASE WHEN k.oid IN (SELECT relation FROM locked) THEN NULL ELSE pg_get_expr(k.relpartbound, k.oid) END AS bound
                  FROM pg_inherits i JOIN pg_class k ON k.oid = i.inhrelid
            )
            SELECT c.relname, pg_get_partkeydef(c.oid),
                   (SELECT format('%I.%I', dn.nspname, d.relname) FROM pg_class d JOIN pg_namespace dn ON dn.oid = d.relnamespace WHERE d.oid = p.partdefid),
                   (SELECT array_agg(substring(k.bound FROM 'FROM \(''([^'']+)''\)')) FROM parts k WHERE k.parent = c.oid AND k.oid <> p.partdefid),
                   (SELECT array_agg(substring(k.bound FROM 'TO \(''([^'']+)''\)')) FROM parts k WHERE k.parent = c.oid AND k.oid <> p.partdefid),
                   (SELECT count(*) FROM parts k WHERE k.parent = c.oid)::int,
                   {policy},
                   (SELECT count(*) FROM parts k WHERE k.parent = c.oid AND k.bound IS NULL)::int,
                   p.partdefid IN (SELECT relation FROM locked)
              FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
             WHERE c.relnamespace = 'public'::regnamespace AND NOT c.relispartition AND p.partstrat = 'r'
             ORDER BY c.relname
            """,
            [], r => (Table: r.GetString(0), Key: r.GetString(1), Default: Text(r, 2),
                Lower: r.IsDBNull(3) ? [] : r.GetFieldValue<string?[]>(3), Upper: r.IsDBNull(4) ? [] : r.GetFieldValue<string?[]>(4),
                Count: r.GetInt32(5), Policy: Text(r, 6), Busy: r.GetInt32(7), BusyDefault: r.GetBoolean(8)),
            cancellationToken);

        var tables = new List<PartitionedTable>();
        foreach (var p in parents)
        {
            var bounds = p.Lower.Zip(p.Upper, (l, u) => (Lower: Timestamp(l), Upper: Timestamp(u))).ToArray();
            var (current, ahead) = PartitionCoverage.Evaluate(bounds, now);
            long? defaultRows = null;
            if (p.Default is { } partition && !p.BusyDefault)
            {
                // The name comes from format('%I.%I') above.
                defaultRows = (await ReadAsync(connection, $"SELECT count(*) FROM (SELECT 1 FROM {partition} LIMIT $1) d", [PartitionCoverage.DefaultRowsCap],
                    r => r.GetInt64(0), cancellationToken))[0];
            }

            var (months, action) = ParsePolicy(p.Policy);
            var lowers = bounds.Select(b => b.Lower).OfType<DateTime>().ToArray();
            var uppers = bounds.Select(b => b.Upper).OfType<DateTime>().ToArray();
            tables.Add(new PartitionedTable(p.Table, p.Key, p.Count,
                lowers.Length == 0 ? null : lowers.Min(), uppers.Length == 0 ? null : uppers.Max().AddMonths(-1),
                current, ahead, p.Default, defaultRows, months, action, p.Busy));
        }

        return tables;
    }

    private static DateTime? Timestamp(string? text) =>
        text is { Length: >= 10 } && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    // The policy arrives as a row literal "(12,drop)" or "(,detach)".
    private static (int? Months, string? Action) ParsePolicy(string? row)
    {
        if (row is not { Length: > 2 })
        {
            return (null, null);
        }

        var parts = row[1..^1].Split(',', 2);
        return (int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var months) ? months : null, parts.Length > 1 ? parts[1] : null);
    }
}
