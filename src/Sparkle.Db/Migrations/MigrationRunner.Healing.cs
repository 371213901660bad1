using Npgsql;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Migrations;

public sealed partial class MigrationRunner
{
    /// <summary>
    /// Finds INVALID indexes that the applied migrations build concurrently (left by a failed or interrupted build,
    /// which <c>IF NOT EXISTS</c> would keep forever), drops them concurrently and builds them again.
    /// Builds still in progress in another session are left alone.
    /// </summary>
    private async Task<IReadOnlyList<string>> HealInvalidIndexesAsync(NpgsqlConnection connection, IEnumerable<Migration> applied, CancellationToken cancellationToken)
    {
        var before = await InvalidIndexesAsync(connection, cancellationToken);
        if (before.Count == 0)
        {
            return [];
        }

        await SetLockTimeoutAsync(connection, null, local: false, cancellationToken);
        const string consequence = "The index stays INVALID; fix the cause and run again.";
        foreach (var migration in applied)
        {
            foreach (var script in migration.Scripts.Where(s => !s.Transactional))
            {
                foreach (var statement in script.Statements)
                {
                    if (IndexStatements.TryGetConcurrentIndexName(statement.Text, out var index) && before.Contains(index))
                    {
                        Log.HealingIndex(_logger, index);
                        await DropIfInvalidAsync(connection, index, cancellationToken);
                        await ExecuteWithRetryAsync(connection, migration, script, statement, statement.Text, consequence, cancellationToken);
                    }
                    else if (IndexStatements.IsExpand(statement.Text))
                    {
                        // Expansions drop their own INVALID leftovers and skip what is already built.
                        foreach (var generated in await ExpandAsync(connection, migration, script, statement, consequence, cancellationToken))
                        {
                            await ExecuteWithRetryAsync(connection, migration, script, statement, generated, consequence, cancellationToken);
                        }
                    }
                }
            }
        }

        await HealPartitionIndexesAsync(connection, cancellationToken);
        var after = await InvalidIndexesAsync(connection, cancellationToken);
        return before.Where(i => !after.Contains(i)).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// What no migration statement names: an INVALID index of a partition that is attached to a partitioned index (built
    /// by the conversion of phase 007, by a partition created later, or by an expansion that found it attached), and a
    /// partitioned index left INVALID although every partition now has a valid index attached to it.
    /// </summary>
    /// <remarks>REINDEX INDEX CONCURRENTLY rebuilds an invalid index in place and keeps it attached
    /// (<see href="https://www.postgresql.org/docs/current/sql-reindex.html"/>); attaching an already attached partition
    /// index again makes PostgreSQL re-check the parent and mark it valid.</remarks>
    private async Task HealPartitionIndexesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // An interrupted REINDEX CONCURRENTLY leaves its transient copy (_ccnew) or the replaced original (_ccold)
        // INVALID; PostgreSQL's documented recovery for both is to drop them.
        var leftovers = await ListAsync(
            connection,
            """
            SELECT format('DROP INDEX CONCURRENTLY IF EXISTS %I.%I', n.nspname, c.relname)
              FROM pg_index i
              JOIN pg_class c ON c.oid = i.indexrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE NOT i.indisvalid AND c.relkind = 'i' AND c.relname ~ '_cc(new|old)[0-9]*$'
               AND n.nspname NOT IN ('pg_catalog', 'information_schema')
               AND NOT EXISTS (SELECT 1 FROM pg_stat_progress_create_index x
                                WHERE x.datid = (SELECT oid FROM pg_database WHERE datname = current_database())
                                  AND x.command LIKE 'REINDEX%')
             ORDER BY 1
            """,
            cancellationToken);
        foreach (var drop in leftovers)
        {
            await ExecuteHealingAsync(connection, drop, cancellationToken);
        }

        var leaves = await ListAsync(
            connection,
            """
            SELECT format('REINDEX INDEX CONCURRENTLY %I.%I', n.nspname, c.relname)
              FROM pg_index i
              JOIN pg_class c ON c.oid = i.indexrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_inherits h ON h.inhrelid = c.oid
              JOIN pg_class p ON p.oid = h.inhparent AND p.relkind = 'I'
             WHERE NOT i.indisvalid AND c.relkind = 'i'
               AND NOT EXISTS (SELECT 1 FROM pg_stat_progress_create_index x WHERE x.index_relid = i.indexrelid)
             ORDER BY 1
            """,
            cancellationToken);
        foreach (var reindex in leaves)
        {
            await ExecuteHealingAsync(connection, reindex, cancellationToken);
        }

        // A parent whose partitions all have a valid attached index; re-attaching one of them re-validates it.
        var parents = await ListAsync(
            connection,
            """
            SELECT format('ALTER INDEX %I.%I ATTACH PARTITION %I.%I', pn.nspname, pc.relname, cn.nspname, child.relname)
              FROM pg_index pi
              JOIN pg_class pc ON pc.oid = pi.indexrelid AND pc.relkind = 'I'
              JOIN pg_namespace pn ON pn.oid = pc.relnamespace
              CROSS JOIN LATERAL (
                  SELECT c.relname, c.relnamespace
                    FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid
                   WHERE h.inhparent = pc.oid
                   ORDER BY c.relname
                   LIMIT 1) child
              JOIN pg_namespace cn ON cn.oid = child.relnamespace
             WHERE NOT pi.indisvalid
               AND NOT EXISTS (
                   SELECT 1
                     FROM pg_inherits tp
                    WHERE tp.inhparent = pi.indrelid
                      AND NOT EXISTS (
                          SELECT 1
                            FROM pg_inherits ih
                            JOIN pg_index ci ON ci.indexrelid = ih.inhrelid
                           WHERE ih.inhparent = pc.oid AND ci.indrelid = tp.inhrelid AND ci.indisvalid))
             ORDER BY 1
            """,
            cancellationToken);
        foreach (var attach in parents)
        {
            await ExecuteHealingAsync(connection, attach, cancellationToken);
        }
    }

    private async Task ExecuteHealingAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        Log.HealingStatement(_logger, sql);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var progress = _options.Progress is { } report ? ProgressWatch.Start(_target, connection.ProcessID, sql, report, _options.ProgressDelay) : null;
                await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
                await command.ExecuteNonQueryAsync(cancellationToken);
                return;
            }
            catch (PostgresException ex) when (TransientErrors.IsRetryable(ex.SqlState) && attempt < _options.MaxRetries)
            {
                await BackOffAsync(sql, ex, attempt, cancellationToken);
            }
            catch (PostgresException ex) when (!ConnectionFailures.IsConnectionLoss(ex))
            {
                var blockers = TransientErrors.IsRetryable(ex.SqlState) && await HoldersAsync(connection.ProcessID, sql, cancellationToken) is { } holders
                    ? $" Sessions holding locks on its tables: {holders}."
                    : "";
                throw new SparkleDbException(
                    $"Could not rebuild an INVALID index ({sql}): {ex.MessageText} (SQLSTATE {ex.SqlState}).{blockers}",
                    "The index stays INVALID and the pending migrations were not applied; fix the cause and run again.",
                    ex);
            }
        }
    }

    private static async Task<IReadOnlyList<string>> ListAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var rows = new List<string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static async Task<HashSet<string>> InvalidIndexesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname
              FROM pg_index i
              JOIN pg_class c ON c.oid = i.indexrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE NOT i.indisvalid
               AND c.relkind IN ('i', 'I')
               AND n.nspname NOT IN ('pg_catalog', 'information_schema')
               AND NOT EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid)
            """,
            connection);
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
