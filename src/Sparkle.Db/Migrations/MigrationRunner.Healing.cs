using Npgsql;

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

        var after = await InvalidIndexesAsync(connection, cancellationToken);
        return before.Where(i => !after.Contains(i)).Order(StringComparer.Ordinal).ToArray();
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
               AND c.relkind = 'i'
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
