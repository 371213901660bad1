using System.Text.RegularExpressions;
using Npgsql;

namespace Sparkle.Db.Scaling;

public static partial class CitusReadiness
{
    /// <summary>
    /// Triggers whose function, or any function it calls (in public or sparkle_db, followed by name), writes a table other
    /// than the trigger's own where either is distributed or reference: under Citus each such write goes to the shard of
    /// the written row (another user's counters, a conversation's owner), or to every node for a reference table.
    /// Dynamic SQL (EXECUTE format(...)) is not followed; the migrations write their counters with static statements.
    /// </summary>
    private static async Task<List<CitusFinding>> TriggersAsync(NpgsqlConnection connection, DistributionPlan plan, CancellationToken cancellationToken)
    {
        var bodies = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var tables = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            """
            SELECT n.nspname || '.' || p.proname, p.prosrc FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname IN ('public', 'sparkle_db') AND p.prolang <> 13
            UNION ALL
            SELECT NULL, c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(0))
                {
                    tables.Add(reader.GetString(1));
                }
                else
                {
                    var name = reader.GetString(0);
                    (bodies.TryGetValue(name, out var list) ? list : bodies[name] = []).Add(reader.GetString(1));
                }
            }
        }

        var triggers = new List<(string Trigger, string Table, string Function)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT t.tgname, c.relname, fn.nspname || '.' || p.proname
              FROM pg_catalog.pg_trigger t
              JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
              JOIN pg_catalog.pg_namespace fn ON fn.oid = p.pronamespace
             WHERE n.nspname = 'public' AND NOT t.tgisinternal AND t.tgparentid = 0
             ORDER BY 2, 1
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                triggers.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var findings = new List<CitusFinding>();
        foreach (var (trigger, table, function) in triggers)
        {
            var writes = WrittenTables(function, bodies, tables)
                .Where(w => w.Table != table && (plan.DistributionOf(table) is not null || plan.DistributionOf(w.Table) is not null || plan.IsReference(w.Table)))
                .GroupBy(w => w.Table)
                .Select(g => $"{g.Key} ({plan.Describe(g.Key)}) via {string.Join(", ", g.Select(w => w.Function).Distinct().Order())}")
                .Order()
                .ToList();
            if (writes.Count > 0)
            {
                findings.Add(new CitusFinding(CitusFindingKind.TriggerCrossesShards, table, trigger,
                    $"on {table} ({plan.Describe(table)}) writes {string.Join("; ", writes)}"));
            }
        }

        return findings;
    }

    /// <summary>The public tables <paramref name="function"/> and the functions it calls write, with the function that writes each.</summary>
    private static List<(string Table, string Function)> WrittenTables(string function, Dictionary<string, List<string>> bodies, HashSet<string> tables)
    {
        var result = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { function };
        var pending = new Queue<string>([function]);
        while (pending.TryDequeue(out var current))
        {
            foreach (var body in bodies.GetValueOrDefault(current) ?? [])
            {
                var code = CommentPattern().Replace(body, " ");
                foreach (Match m in WritePattern().Matches(code))
                {
                    if (tables.Contains(m.Groups[1].Value))
                    {
                        result.Add((m.Groups[1].Value, current));
                    }
                }

                foreach (Match m in CallPattern().Matches(code))
                {
                    var callee = $"{m.Groups[1].Value}.{m.Groups[2].Value}";
                    if (bodies.ContainsKey(callee) && seen.Add(callee))
                    {
                        pending.Enqueue(callee);
                    }
                }
            }
        }

        return result;
    }

    [GeneratedRegex("""--[^\n]*""")]
    private static partial Regex CommentPattern();

    [GeneratedRegex("""\b(?:UPDATE|INSERT\s+INTO|DELETE\s+FROM)\s+(?:ONLY\s+)?(?:public\.)?"?([a-z_][a-z0-9_]*)"?""", RegexOptions.IgnoreCase)]
    private static partial Regex WritePattern();

    [GeneratedRegex("""\b(public|sparkle_db)\.([a-z_][a-z0-9_]*)\s*\(""")]
    private static partial Regex CallPattern();
}
