using Npgsql;

namespace Sparkle.Db.Verification;

/// <summary>Every object of every phase exists (<see cref="PlanObjects"/>); one result per phase. Indexes must also be valid.</summary>
internal sealed class PlanObjectsCheck(IReadOnlyList<PlanObject> objects) : ICheck
{
    public PlanObjectsCheck()
        : this(PlanObjects.All)
    {
    }

    public string Name => "plan.objects";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // A trigger also matches when a phase split it per event (maintain_follower_counts_insert/_delete).
        await using var command = new NpgsqlCommand(
            """
            SELECT o.ord::int
              FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS o(kind, name, tbl, ord)
             WHERE NOT CASE o.kind
                 WHEN 'Extension' THEN EXISTS (SELECT 1 FROM pg_extension e WHERE e.extname = o.name)
                 WHEN 'Role' THEN EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = o.name)
                 WHEN 'Table' THEN EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
                                              AND c.relname = o.name AND c.relkind IN ('r', 'p'))
                 WHEN 'PartitionedTable' THEN EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
                                              AND c.relname = o.name AND c.relkind = 'p')
                 WHEN 'MaterializedView' THEN EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
                                              AND c.relname = o.name AND c.relkind = 'm')
                 WHEN 'View' THEN EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
                                              AND c.relname = o.name AND c.relkind = 'v')
                 WHEN 'Function' THEN EXISTS (SELECT 1 FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
                                              AND p.proname = o.name)
                 WHEN 'Column' THEN EXISTS (SELECT 1 FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                                             WHERE c.relnamespace = 'public'::regnamespace AND c.relname = o.tbl
                                               AND a.attname = o.name AND a.attnum > 0 AND NOT a.attisdropped)
                 WHEN 'Index' THEN EXISTS (SELECT 1 FROM pg_index x
                                             JOIN pg_class i ON i.oid = x.indexrelid
                                             JOIN pg_class t ON t.oid = x.indrelid
                                            WHERE i.relnamespace = 'public'::regnamespace AND i.relname = o.name
                                              AND t.relname = o.tbl AND x.indisvalid AND x.indisready)
                 WHEN 'Trigger' THEN EXISTS (SELECT 1 FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
                                              WHERE c.relnamespace = 'public'::regnamespace AND c.relname = o.tbl
                                                AND NOT g.tgisinternal
                                                AND (g.tgname = o.name OR left(g.tgname, length(o.name) + 1) = o.name || '_'))
                 ELSE false
             END
             ORDER BY o.ord
            """,
            connection);
        command.Parameters.Add(new() { Value = objects.Select(o => o.Kind.ToString()).ToArray() });
        command.Parameters.Add(new() { Value = objects.Select(o => o.Name).ToArray() });
        command.Parameters.Add(new() { Value = objects.Select(o => o.Table ?? "").ToArray() });
        var missing = new HashSet<int>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                missing.Add(reader.GetInt32(0) - 1);
            }
        }

        return objects
            .Select((o, i) => (Object: o, Missing: missing.Contains(i)))
            .GroupBy(x => x.Object.Phase)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var absent = g.Where(x => x.Missing).Select(x => x.Object.Describe()).ToArray();
                var found = absent.Length == 0
                    ? "all present"
                    : $"{absent.Length} missing: " + string.Join(", ", absent.Take(12)) + (absent.Length > 12 ? $", … ({absent.Length - 12} more)" : "");
                return new CheckResult($"{Name}.phase_{g.Key:000}", absent.Length == 0, $"{g.Count()} objects of phase {g.Key:000} present (indexes valid)", found,
                    absent.Length == 0 ? null : $"Apply phase {g.Key:000} ('sparkle-db migrate'); a missing index may be an INVALID build the runner rebuilds.");
            })
            .ToArray();
    }
}
