using Npgsql;
using Sparkle.Db.Benchmarks;

namespace Sparkle.Db.Scaling;

/// <summary>
/// Checks, statically, what stands between the migrated database and a <see cref="DistributionPlan"/> under Citus: it reads
/// the catalog (keys, foreign keys, triggers and the functions they call) and the hot queries of db/queries. Citus is not
/// installed; the rules are those of its documentation
/// (<see href="https://docs.citusdata.com/en/stable/develop/reference_ddl.html"/>): a unique constraint of a distributed
/// table must include the distribution column; a foreign key between distributed tables must join their distribution
/// columns within one co-location group; a distributed table may reference a reference table but not a local one, and
/// neither a local nor a reference table may reference a distributed one.
/// </summary>
public static partial class CitusReadiness
{
    public static async Task<CitusReport> CheckAsync(
        NpgsqlConnection connection, DistributionPlan plan, IReadOnlyList<HotQuery> queries, CancellationToken cancellationToken = default)
    {
        var findings = new List<CitusFinding>();
        findings.AddRange(await UniqueKeysAsync(connection, plan, cancellationToken));
        findings.AddRange(await ForeignKeysAsync(connection, plan, cancellationToken));
        findings.AddRange(await TriggersAsync(connection, plan, cancellationToken));
        var (queryFindings, checkedCount, routable) = Queries(plan, queries);
        findings.AddRange(queryFindings);
        return new CitusReport(plan, findings, checkedCount, routable);
    }

    private static async Task<List<CitusFinding>> UniqueKeysAsync(NpgsqlConnection connection, DistributionPlan plan, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT c.relname, i.relname,
                   ARRAY(SELECT a.attname::text FROM unnest(x.indkey) k JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k)
              FROM pg_catalog.pg_index x
              JOIN pg_catalog.pg_class c ON c.oid = x.indrelid
              JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND x.indisunique AND NOT c.relispartition AND c.relname = ANY($1)
             ORDER BY 1, 2
            """;
        var findings = new List<CitusFinding>();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(plan.Distributed.Select(d => d.Table).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var table = reader.GetString(0);
            var columns = reader.GetFieldValue<string[]>(2);
            var column = plan.DistributionOf(table)!.Column;
            if (!columns.Contains(column))
            {
                findings.Add(new CitusFinding(CitusFindingKind.UniqueWithoutDistributionColumn, table, reader.GetString(1),
                    $"unique on ({Columns(columns)}) without \"{column}\"; Citus enforces uniqueness only per shard"));
            }
        }

        return findings;
    }

    private static async Task<List<CitusFinding>> ForeignKeysAsync(NpgsqlConnection connection, DistributionPlan plan, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT con.conname, src.relname, dst.relname,
                   ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                           JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord),
                   ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                           JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord)
              FROM pg_catalog.pg_constraint con
              JOIN pg_catalog.pg_class src ON src.oid = con.conrelid
              JOIN pg_catalog.pg_class dst ON dst.oid = con.confrelid
              JOIN pg_catalog.pg_namespace n ON n.oid = src.relnamespace
             WHERE con.contype = 'f' AND n.nspname = 'public' AND con.conparentid = 0
             ORDER BY 2, 1
            """;
        var findings = new List<CitusFinding>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (name, source, target) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            var (from, to) = (reader.GetFieldValue<string[]>(3), reader.GetFieldValue<string[]>(4));
            if (ForeignKeyProblem(plan, source, target, from, to) is { } problem)
            {
                findings.Add(new CitusFinding(problem.Kind, source, name,
                    $"{source}({Columns(from)}) → {target}({Columns(to)}): {source} is {plan.Describe(source)}, {target} is {plan.Describe(target)}; {problem.Why}"));
            }
        }

        return findings;
    }

    private static (CitusFindingKind Kind, string Why)? ForeignKeyProblem(DistributionPlan plan, string source, string target, string[] from, string[] to)
    {
        var (s, t) = (plan.DistributionOf(source), plan.DistributionOf(target));
        if (s is not null && t is not null)
        {
            if (s.Group != t.Group)
            {
                return (CitusFindingKind.ForeignKeyAcrossShards, "different co-location groups: the referenced row is on another node");
            }

            var joinsKeys = from.Select((column, i) => (column, i)).Any(p => p.column == s.Column && to[p.i] == t.Column);
            return joinsKeys ? null : (CitusFindingKind.ForeignKeyAcrossShards, "the key does not join the distribution columns, so the referenced row may be on another shard");
        }

        if (s is not null)
        {
            return plan.IsReference(target) ? null : (CitusFindingKind.ForeignKeyUnsupported, "a distributed table cannot reference a local table");
        }

        if (t is not null)
        {
            return (CitusFindingKind.ForeignKeyUnsupported, $"a {(plan.IsReference(source) ? "reference" : "local")} table cannot reference a distributed table");
        }

        return plan.IsReference(source) && !plan.IsReference(target)
            ? (CitusFindingKind.ForeignKeyUnsupported, "a reference table can reference only reference tables (or a Citus-managed local table with the coordinator in the metadata)")
            : null;
    }

    private static string Columns(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => c == c.ToLowerInvariant() ? c : $"\"{c}\""));
}
