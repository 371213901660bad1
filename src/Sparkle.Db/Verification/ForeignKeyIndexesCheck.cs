using Npgsql;

namespace Sparkle.Db.Verification;

/// <summary>
/// Every foreign key in public has an index whose leading columns are the key's columns (in any order), so that
/// deleting or updating a referenced row does not scan the referencing table, and joins along the key can use it.
/// Keys inherited by partitions are checked once, on the parent.
/// </summary>
internal sealed class ForeignKeyIndexesCheck : ICheck
{
    public string Name => "foreign_keys.indexed";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*)::int,
                   coalesce(string_agg(format('%s(%s)', f.conrelid::regclass,
                                              (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord)
                                                 FROM unnest(f.conkey) WITH ORDINALITY k(attnum, ord)
                                                 JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.attnum)),
                                       ', ' ORDER BY f.conrelid::regclass::text, f.conname)
                            FILTER (WHERE NOT EXISTS (
                                SELECT 1 FROM pg_index x
                                 WHERE x.indrelid = f.conrelid AND x.indpred IS NULL
                                   AND x.indnkeyatts >= cardinality(f.conkey)
                                   AND (x.indkey::int2[])[0:cardinality(f.conkey) - 1] @> f.conkey
                                   AND (x.indkey::int2[])[0:cardinality(f.conkey) - 1] <@ f.conkey)), '')
              FROM pg_constraint f
              JOIN pg_class c ON c.oid = f.conrelid
             WHERE f.contype = 'f' AND c.relnamespace = 'public'::regnamespace AND NOT c.relispartition
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var count = reader.GetInt32(0);
        var unindexed = reader.GetString(1);
        var missing = unindexed.Length == 0 ? 0 : unindexed.Split("), ").Length;
        return
        [
            new CheckResult(Name, unindexed.Length == 0, "every foreign key has a non-partial index leading with its columns",
                unindexed.Length == 0 ? $"{count} foreign keys, all indexed" : $"{missing} of {count} unindexed: {unindexed}",
                unindexed.Length == 0 ? null : "Apply phase 008 (foreign-key indexes), or CREATE INDEX CONCURRENTLY on the listed columns."),
        ];
    }
}
