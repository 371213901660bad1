using Npgsql;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Migrations;

public sealed partial class MigrationRunner
{
    /// <summary>
    /// Rolls back the applied migrations above <paramref name="version"/>, newest first, through their down scripts.
    /// Refuses before changing anything when one of them has no down script.
    /// </summary>
    public async Task<IReadOnlyList<AppliedMigration>> RollbackToAsync(int version, CancellationToken cancellationToken = default)
    {
        await using var runLock = await AdvisoryLock.AcquireAsync(_target, AdvisoryLock.MigrationKey, "migration run", _options.LockWait, _logger, cancellationToken);
        await using var connection = await ConnectionFailures.OpenAsync(_target, cancellationToken);
        try
        {
            return await RollbackToAsync(connection, version, cancellationToken);
        }
        catch (Exception ex) when (IsLost(ex, connection))
        {
            throw ConnectionLost(
                ex,
                $"rolling back to {version:000}",
                "A down script that ran in a transaction rolled back with the session; the journal still lists every migration not yet " +
                $"rolled back. Once the server is back, run 'sparkle-db migrate --to {version}' again: it continues from there.");
        }
    }

    private async Task<IReadOnlyList<AppliedMigration>> RollbackToAsync(NpgsqlConnection connection, int version, CancellationToken cancellationToken)
    {
        await MigrationJournal.EnsureAsync(connection, cancellationToken);

        var entries = Compare(await MigrationJournal.ReadAsync(connection, cancellationToken));
        var toUndo = entries.Where(e => e.Version > version && e.State != MigrationState.Pending).OrderByDescending(e => e.Version).ToArray();
        var blocked = toUndo.Where(e => e.State == MigrationState.Unknown || !e.HasDownScript).ToArray();
        if (blocked.Length > 0)
        {
            throw new SparkleDbException(
                $"Cannot roll back to {version:000}: {string.Join(", ", blocked.Select(b => $"{b.Version:000}_{b.Name}"))} " +
                $"{(blocked.Length > 1 ? "have" : "has")} no down script. Nothing was changed.",
                "Add a NNN_name.down.sql beside the migration, or roll back to a version at or above it.");
        }

        ThrowIfChanged(toUndo);
        var undone = new List<AppliedMigration>();
        foreach (var entry in toUndo)
        {
            var migration = Find(entry.Version);
            var down = migration.Down!;
            Log.RollingBack(_logger, migration.DisplayName);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            if (down.Transactional)
            {
                await RunInTransactionAsync(
                    connection, migration, [down],
                    (tx, ct) => MigrationJournal.ForgetAsync(connection, tx, migration.Version, ct),
                    "Nothing of the down script was applied.",
                    cancellationToken);
            }
            else
            {
                await RunAutocommitAsync(connection, migration, [down], cancellationToken);
                await MigrationJournal.ForgetAsync(connection, null, migration.Version, cancellationToken);
            }

            undone.Add(new AppliedMigration(migration.Version, migration.Name, down.Transactional ? "transactional" : "non-transactional", down.Statements.Count, clock.Elapsed));
        }

        return undone;
    }
}
