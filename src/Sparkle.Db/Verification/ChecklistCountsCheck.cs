using Npgsql;

namespace Sparkle.Db.Verification;

/// <summary>
/// The seed checklist's counts, measured as PHASES.md restates them (D-47): GIN indexes by access method from pg_am
/// (never by matching "gin" in the definition), partition-level copies excluded; the two "v4.3 composite" indexes
/// by exact name with their predicates.
/// </summary>
internal sealed class ChecklistCountsCheck : ICheck
{
    /// <summary>30 of phase 002 (the plan's other seven on posts and messages are not built, D107), 1 array index of 008 (the plan's other four are not built, D100), 4 search vectors of 006.</summary>
    public const int ExpectedGinIndexes = 35;

    public string Name => "checklist";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>();
        await using (var gin = new NpgsqlCommand(
            """
            SELECT count(*)::int,
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM unnest(x.indclass::oid[]) oc(oid)
                                                   JOIN pg_opclass o ON o.oid = oc.oid WHERE o.opcname = 'gin_trgm_ops'))::int
              FROM pg_index x
              JOIN pg_class i ON i.oid = x.indexrelid
              JOIN pg_am am ON am.oid = i.relam
             WHERE i.relnamespace = 'public'::regnamespace AND am.amname = 'gin'
               AND NOT i.relispartition AND x.indisvalid AND x.indisready
            """,
            connection))
        await using (var reader = await gin.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            var total = reader.GetInt32(0);
            var trigram = reader.GetInt32(1);
            results.Add(new CheckResult($"{Name}.v1b_gin_indexes", total - trigram >= ExpectedGinIndexes,
                $"≥ {ExpectedGinIndexes} valid GIN indexes in public besides trigram ones (30 of 002 + 1 of 008 + 4 of 006), partition copies excluded",
                $"{total} valid GIN ({trigram} trigram)", "Apply phases 002, 006 and 008."));
        }

        await using (var v2 = new NpgsqlCommand(
            """
            SELECT count(*)::int FROM pg_index x
              JOIN pg_class i ON i.oid = x.indexrelid
             WHERE i.relnamespace = 'public'::regnamespace AND x.indisvalid
               AND ((i.relname = 'idx_posts_scheduled_publish'
                     AND pg_get_expr(x.indpred, x.indrelid) LIKE '%"scheduledPublishAt" IS NOT NULL%'
                     AND pg_get_expr(x.indpred, x.indrelid) LIKE '%''SCHEDULED''%'
                     AND pg_get_expr(x.indpred, x.indrelid) LIKE '%deleted = false%')
                 OR (i.relname = 'idx_messages_delivery_queue'
                     AND pg_get_expr(x.indpred, x.indrelid) LIKE '%''SENT''%'
                     AND pg_get_expr(x.indpred, x.indrelid) LIKE '%''DELIVERED''%'
                     AND pg_get_expr(x.indpred, x.indrelid) LIKE '%deleted = false%'))
            """,
            connection))
        {
            var found = (int)(await v2.ExecuteScalarAsync(cancellationToken))!;
            results.Add(new CheckResult($"{Name}.v2_v43_composite_indexes", found == 2,
                "idx_posts_scheduled_publish and idx_messages_delivery_queue valid, with the predicates of 008 #24/#25", $"{found} of 2",
                found == 2 ? null : "Apply phase 008."));
        }

        return results;
    }
}
