using Npgsql;

namespace Sparkle.Db.Verification;

/// <summary>
/// Every foreign key in public has an index whose leading columns are the key's columns (in any order), so that
/// deleting or re-keying a referenced row does not scan the referencing table.
/// </summary>
internal sealed class ForeignKeyIndexesCheck : ICheck
{
    /// <summary>
    /// One row per unindexed foreign key: "table (columns) constraint". Partitions' clones of a parent's
    /// constraint are skipped; the parent's partitioned index covers them.
    /// </summary>
    internal const string UnindexedForeignKeysSql =
        """
        SELECT c.conrelid::regclass::text || ' (' ||
               (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord)
                  FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) || ') ' || c.conname
          FROM pg_constraint c
          JOIN pg_class t ON t.oid = c.conrelid
          JOIN pg_namespace n ON n.oid = t.relnamespace
         WHERE c.contype = 'f' AND n.nspname = 'public' AND NOT t.relispartition
           AND NOT EXISTS (
               SELECT 1 FROM pg_index i
                WHERE i.indrelid = c.conrelid
                  AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] @> c.conkey
                  AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] <@ c.conkey)
         ORDER BY 1
        """;

    public string Name => "indexes.foreign_keys";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(UnindexedForeignKeysSql, connection);
        var unindexed = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                unindexed.Add(reader.GetString(0));
            }
        }

        return
        [
            new CheckResult(Name, unindexed.Count == 0, "every foreign key in public has an index leading with its columns",
                unindexed.Count == 0 ? "all indexed" : string.Join("; ", unindexed),
                unindexed.Count == 0 ? null : "Add a static CREATE INDEX CONCURRENTLY for each to a migration (see 008_advanced_indexes/002_foreign_key_indexes.sql)."),
        ];
    }
}
