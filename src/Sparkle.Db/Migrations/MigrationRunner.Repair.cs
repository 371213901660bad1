using Npgsql;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Migrations;

public sealed partial class MigrationRunner
{
    /// <summary>
    /// The applied migrations whose files changed since they were applied: which files, the recorded and current
    /// checksums, and the statements removed and added where the journal kept the applied text. Changes nothing.
    /// </summary>
    public async Task<IReadOnlyList<MigrationDifference>> DifferencesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectionFailures.OpenAsync(_target, cancellationToken);
        return await DifferencesAsync(connection, cancellationToken);
    }

    /// <summary>
    /// Records the current checksums (and text) of the changed applied migrations in the journal, as Flyway's repair does.
    /// Runs no migration SQL: the database keeps what the recorded text built, so this is for a change the database
    /// already matches (a comment, a reformatting, a fix applied by hand). Returns what it recorded.
    /// </summary>
    public async Task<IReadOnlyList<MigrationDifference>> RepairAsync(CancellationToken cancellationToken = default)
    {
        await using var runLock = await AdvisoryLock.AcquireAsync(_target, AdvisoryLock.MigrationKey, "migration run", _options.LockWait, _logger, cancellationToken);
        await using var connection = await ConnectionFailures.OpenAsync(_target, cancellationToken);
        await MigrationJournal.EnsureAsync(connection, cancellationToken);
        var differences = await DifferencesAsync(connection, cancellationToken);
        if (differences.Count == 0)
        {
            return [];
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var difference in differences)
        {
            if (!await MigrationJournal.RecordRepairAsync(connection, transaction, Find(difference.Version), difference.RecordedChecksum, cancellationToken))
            {
                throw new SparkleDbException(
                    $"The journal row of {difference.DisplayName} changed while repair ran. Nothing was recorded.",
                    "Run 'sparkle-db repair' again to see the current difference.");
            }

            Log.Repaired(_logger, difference.DisplayName, difference.RecordedChecksum, difference.CurrentChecksum);
        }

        await transaction.CommitAsync(cancellationToken);
        return differences;
    }

    private async Task<IReadOnlyList<MigrationDifference>> DifferencesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var journal = (await MigrationJournal.ReadAsync(connection, cancellationToken)).ToDictionary(j => j.Version);
        var differences = new List<MigrationDifference>();
        foreach (var migration in _catalog.Migrations)
        {
            if (!journal.TryGetValue(migration.Version, out var row) || row.Checksum == migration.Checksum)
            {
                continue;
            }

            var recordedText = await MigrationJournal.ReadContentsAsync(connection, migration.Version, cancellationToken);
            var current = migration.Scripts.ToDictionary(s => s.Path, StringComparer.Ordinal);
            var currentChecksums = migration.FileChecksums;
            var files = new List<FileDifference>();
            foreach (var path in currentChecksums.Keys.Union(row.FileChecksums.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var recorded = row.FileChecksums.TryGetValue(path, out var r) ? r : null;
                var now = currentChecksums.TryGetValue(path, out var c) ? c : null;
                if (recorded == now)
                {
                    continue;
                }

                var hasText = recorded is null || recordedText.ContainsKey(path);
                var statements = hasText
                    ? StatementDiff.Compare(recordedText.GetValueOrDefault(path, ""), now is null ? "" : current[path].Content)
                    : [];
                files.Add(new FileDifference(path, recorded, now, hasText, statements));
            }

            if (files.Count == 0)
            {
                // Same files, same contents, another checksum: the files were renamed or reordered within the migration.
                files.Add(new FileDifference(migration.Scripts[0].Path, null, null, false, []));
            }

            differences.Add(new MigrationDifference(migration.Version, migration.Name, row.Checksum, migration.Checksum, files));
        }

        return differences;
    }
}
