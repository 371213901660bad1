using Npgsql;

namespace Sparkle.Db.Seeding;

public sealed partial class Seeder
{
    /// <summary>
    /// A fast load builds the plain indexes of the plain tables after the COPYs instead of maintaining them row by row:
    /// index upkeep, not COPY, was most of a load's time (200k notifications with their eight indexes: 7.8 s; with the
    /// primary key only: 1.4 s, and 3.8 s to build the other seven afterwards). Dropped here and built again by
    /// <see cref="BuildDeferredIndexesAsync"/> with their own definitions (pg_get_indexdef) and comments, in the load's
    /// one transaction: a failed or cancelled seed rolls back to the empty database with every index as it was.
    /// Only the indexes of <c>tables</c> when <c>only</c>, else of every table but those.
    /// Left alone: unique and primary-key indexes, indexes behind a constraint (the load needs them, and foreign keys may
    /// depend on them), invalid ones, and the partitioned tables' indexes (their per-partition names are phase 007's).
    /// </summary>
    private static async Task<IReadOnlyList<(string Definition, string? Comment, string Name)>> DropPlainIndexesAsync(
        NpgsqlConnection connection, string[] tables, bool only, CancellationToken cancellationToken)
    {
        var indexes = new List<(string Definition, string? Comment, string Name)>();
        await using (var command = new NpgsqlCommand(
                         """
                         SELECT pg_get_indexdef(i.indexrelid), obj_description(i.indexrelid, 'pg_class'), format('%I.%I', n.nspname, ic.relname)
                           FROM pg_index i
                           JOIN pg_class ic ON ic.oid = i.indexrelid
                           JOIN pg_class t ON t.oid = i.indrelid
                           JOIN pg_namespace n ON n.oid = ic.relnamespace
                          WHERE n.nspname = 'public' AND t.relkind = 'r' AND NOT t.relispartition AND (t.relname = ANY ($1)) = $2
                            AND NOT i.indisunique AND NOT i.indisprimary AND NOT i.indisexclusion AND i.indisvalid AND i.indisready
                            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = i.indexrelid
                                              AND d.classid <> 'pg_class'::regclass)
                          ORDER BY t.relname, ic.relname
                         """,
                         connection) { Parameters = { new() { Value = tables }, new() { Value = only } } })
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));
            }
        }

        if (indexes.Count > 0)
        {
            await ExecuteAsync(connection, "DROP INDEX " + string.Join(", ", indexes.Select(i => i.Name)), cancellationToken);
        }

        return indexes;
    }

    private static async Task BuildDeferredIndexesAsync(
        NpgsqlConnection connection, IReadOnlyList<(string Definition, string? Comment, string Name)> indexes, CancellationToken cancellationToken)
    {
        // Sorts in memory where they fit; parallel workers (max_parallel_maintenance_workers) build the large btrees.
        await ExecuteAsync(connection, "SET LOCAL maintenance_work_mem = '128MB'", cancellationToken);
        foreach (var (definition, comment, name) in indexes)
        {
            await ExecuteAsync(connection, definition, cancellationToken);
            if (comment is not null)
            {
                // COMMENT takes no parameters: format's %L quotes the text.
                await using var command = new NpgsqlCommand("SELECT format('COMMENT ON INDEX %s IS %L', $1, $2)", connection);
                command.Parameters.Add(new() { Value = name });
                command.Parameters.Add(new() { Value = comment });
                await ExecuteAsync(connection, (string)(await command.ExecuteScalarAsync(cancellationToken))!, cancellationToken);
            }
        }
    }
}
