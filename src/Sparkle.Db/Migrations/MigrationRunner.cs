using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Migrations;

/// <summary>
/// Applies the catalog's migrations to a database, safely: one runner at a time (advisory lock), one transaction per
/// transactional file group, statement-by-statement autocommit where CONCURRENTLY needs it, a short lock_timeout with
/// bounded retries, checksums that refuse changed files, and healing of INVALID indexes left by interrupted builds.
/// </summary>
public sealed partial class MigrationRunner
{
    private readonly DatabaseTarget _target;
    private readonly MigrationCatalog _catalog;
    private readonly MigrationRunnerOptions _options;
    private readonly ILogger _logger;

    public MigrationRunner(DatabaseTarget target, MigrationCatalog catalog, MigrationRunnerOptions? options = null, ILogger? logger = null)
    {
        _target = target;
        _catalog = catalog;
        _options = options ?? new MigrationRunnerOptions();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Every migration with its state against the database: applied, pending, changed or unknown.</summary>
    public async Task<IReadOnlyList<MigrationStatusEntry>> StatusAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectionFailures.OpenAsync(_target, cancellationToken);
        var journal = await MigrationJournal.ReadAsync(connection, cancellationToken);
        return Compare(journal);
    }

    /// <summary>Applies every pending migration (or, with <paramref name="dryRun"/>, only says which it would apply).</summary>
    public async Task<MigrationRunResult> MigrateAsync(bool dryRun = false, CancellationToken cancellationToken = default)
    {
        if (dryRun)
        {
            var status = await StatusAsync(cancellationToken);
            ThrowIfChanged(status);
            var pending = status.Where(s => s.State == MigrationState.Pending)
                .Select(s => Find(s.Version))
                .Select(m => new AppliedMigration(m.Version, m.Name, m.Mode, m.Scripts.Sum(x => x.Statements.Count), TimeSpan.Zero))
                .ToArray();
            return new MigrationRunResult(pending, [], DryRun: true);
        }

        await using var runLock = await AdvisoryLock.AcquireAsync(_target, AdvisoryLock.MigrationKey, "migration run", _options.LockWait, _logger, cancellationToken);
        await using var connection = await ConnectionFailures.OpenAsync(_target, cancellationToken);
        var doing = "reading the migration journal";
        try
        {
            await MigrationJournal.EnsureAsync(connection, cancellationToken);

            var entries = Compare(await MigrationJournal.ReadAsync(connection, cancellationToken));
            ThrowIfChanged(entries);
            foreach (var unknown in entries.Where(e => e.State == MigrationState.Unknown))
            {
                Log.UnknownMigration(_logger, unknown.Version, unknown.Name);
            }

            var appliedVersions = entries.Where(e => e.State == MigrationState.Applied).Select(e => e.Version).ToHashSet();
            doing = "rebuilding INVALID indexes";
            var healed = await HealInvalidIndexesAsync(connection, _catalog.Migrations.Where(m => appliedVersions.Contains(m.Version)), cancellationToken);

            var applied = new List<AppliedMigration>();
            foreach (var migration in _catalog.Migrations.Where(m => !appliedVersions.Contains(m.Version)))
            {
                doing = "applying " + migration.DisplayName;
                applied.Add(await ApplyAsync(connection, migration, cancellationToken));
            }

            doing = "applying the privilege step";
            await PrivilegeStep.ApplyAsync(connection, cancellationToken);
            return new MigrationRunResult(applied, healed, DryRun: false);
        }
        catch (Exception ex) when (IsLost(ex, connection))
        {
            throw ConnectionLost(ex, doing, ResumeHint);
        }
    }

    private static bool IsLost(Exception ex, NpgsqlConnection connection) =>
        ex is not (ConnectionLostException or OperationCanceledException)
        && (ConnectionFailures.IsConnectionLoss(ex) || connection.State != System.Data.ConnectionState.Open);

    /// <summary>The connection broke mid-run: say where, and why the next run is safe.</summary>
    private ConnectionLostException ConnectionLost(Exception ex, string doing, string hint)
    {
        var where = ex is MigrationException m ? $" ({m.File}, statement {m.StatementNumber})" : "";
        var reason = FindPostgresError(ex) is { } pg ? $"{pg.MessageText} (SQLSTATE {pg.SqlState})" : "the server closed the connection";
        return new ConnectionLostException($"Lost the connection to {_target.Describe()} while {doing}{where}: {reason}.", hint, ex);
    }

    private const string ResumeHint =
        "Nothing half-done is recorded: a transactional migration rolled back with the session, and a non-transactional file " +
        "starts over (its statements are re-runnable). Once the server is back, run 'sparkle-db migrate' (or 'up') again: it resumes " +
        "with the first migration not in the journal and rebuilds any index the interruption left INVALID.";

    private static PostgresException? FindPostgresError(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is PostgresException pg)
            {
                return pg;
            }
        }

        return null;
    }

    private async Task<AppliedMigration> ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        var statements = migration.Scripts.Sum(s => s.Statements.Count);
        Log.Applying(_logger, migration.DisplayName, migration.Mode, statements);
        var clock = Stopwatch.StartNew();

        var groups = GroupByMode(migration.Scripts);
        for (var g = 0; g < groups.Count; g++)
        {
            var isLast = g == groups.Count - 1;
            if (groups[g][0].Transactional)
            {
                await RunInTransactionAsync(
                    connection,
                    migration,
                    groups[g],
                    isLast ? (tx, ct) => MigrationJournal.RecordAsync(connection, tx, migration, clock.Elapsed, ct) : null,
                    "Nothing of this transaction was applied.",
                    cancellationToken);
            }
            else
            {
                await RunAutocommitAsync(connection, migration, groups[g], cancellationToken);
                if (isLast)
                {
                    await MigrationJournal.RecordAsync(connection, null, migration, clock.Elapsed, cancellationToken);
                }
            }
        }

        Log.Applied(_logger, migration.DisplayName, clock.ElapsedMilliseconds);
        return new AppliedMigration(migration.Version, migration.Name, migration.Mode, statements, clock.Elapsed);
    }

    private static List<List<MigrationScript>> GroupByMode(IReadOnlyList<MigrationScript> scripts)
    {
        var groups = new List<List<MigrationScript>>();
        foreach (var script in scripts)
        {
            // Consecutive transactional files share one transaction; each non-transactional file stands alone.
            if (script.Transactional && groups.Count > 0 && groups[^1][0].Transactional)
            {
                groups[^1].Add(script);
            }
            else
            {
                groups.Add([script]);
            }
        }

        return groups;
    }

    private async Task RunInTransactionAsync(
        NpgsqlConnection connection,
        Migration migration,
        IReadOnlyList<MigrationScript> scripts,
        Func<NpgsqlTransaction, CancellationToken, Task>? beforeCommit,
        string consequence,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await SetLockTimeoutAsync(connection, transaction, local: true, cancellationToken);
            try
            {
                foreach (var script in scripts)
                {
                    foreach (var statement in script.Statements)
                    {
                        await ExecuteWatchedAsync(connection, transaction, migration, script, statement, statement.Text, consequence, cancellationToken);
                    }
                }

                if (beforeCommit is not null)
                {
                    await beforeCommit(transaction, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                return;
            }
            catch (RetryableStatementException retry) when (attempt < _options.MaxRetries)
            {
                await transaction.RollbackAsync(cancellationToken);
                await BackOffAsync($"{migration.DisplayName} (transaction)", retry.Error, attempt, cancellationToken);
            }
            catch (RetryableStatementException retry)
            {
                await transaction.RollbackAsync(cancellationToken);
                throw retry.Final;
            }
        }
    }

    private async Task RunAutocommitAsync(NpgsqlConnection connection, Migration migration, IReadOnlyList<MigrationScript> scripts, CancellationToken cancellationToken)
    {
        const string consequence =
            "The statements before it are committed (this file runs in autocommit); fix the cause and run again: " +
            "the file starts over and its statements are re-runnable.";
        await SetLockTimeoutAsync(connection, null, local: false, cancellationToken);
        foreach (var script in scripts)
        {
            foreach (var statement in script.Statements)
            {
                if (IndexStatements.IsExpand(statement.Text))
                {
                    foreach (var generated in await ExpandAsync(connection, migration, script, statement, consequence, cancellationToken))
                    {
                        await ExecuteWithRetryAsync(connection, migration, script, statement, generated, consequence, cancellationToken);
                    }
                }
                else
                {
                    // A build of this index that failed on an earlier run left it INVALID; IF NOT EXISTS would keep it.
                    if (IndexStatements.TryGetConcurrentIndexName(statement.Text, out var index))
                    {
                        await DropIfInvalidAsync(connection, index, cancellationToken);
                    }

                    await ExecuteWithRetryAsync(connection, migration, script, statement, statement.Text, consequence, cancellationToken);
                }
            }
        }
    }

    private async Task<IReadOnlyList<string>> ExpandAsync(
        NpgsqlConnection connection, Migration migration, MigrationScript script, SqlStatement statement, string consequence, CancellationToken cancellationToken)
    {
        var generated = new List<string>();
        try
        {
            await using var command = new NpgsqlCommand(statement.Text, connection) { CommandTimeout = 0 };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                generated.Add(reader.GetString(0));
            }
        }
        catch (PostgresException ex)
        {
            throw new MigrationException(migration, script, statement, ex, consequence);
        }

        return generated;
    }

    private async Task ExecuteWithRetryAsync(
        NpgsqlConnection connection, Migration migration, MigrationScript script, SqlStatement statement, string sql, string consequence, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await ExecuteWatchedAsync(connection, null, migration, script, statement, sql, consequence, cancellationToken);
                return;
            }
            catch (RetryableStatementException retry) when (attempt < _options.MaxRetries)
            {
                // A concurrent build that failed part-way leaves an INVALID index that IF NOT EXISTS would keep.
                if (IndexStatements.TryGetConcurrentIndexName(sql, out var index))
                {
                    await DropIfInvalidAsync(connection, index, cancellationToken);
                }

                await BackOffAsync($"{script.Path} statement {statement.Number}", retry.Error, attempt, cancellationToken);
            }
            catch (RetryableStatementException retry)
            {
                throw retry.Final;
            }
        }
    }

    private async Task ExecuteWatchedAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        Migration migration,
        MigrationScript script,
        SqlStatement statement,
        string sql,
        string consequence,
        CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromTicks(Math.Max(_options.LockTimeout.Ticks / 2, TimeSpan.FromMilliseconds(100).Ticks));
        await using var watch = BlockerWatch.Start(_target, connection.ProcessID, delay);
        await using var progress = _options.Progress is { } report ? ProgressWatch.Start(_target, connection.ProcessID, sql, report, _options.ProgressDelay) : null;
        try
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (TransientErrors.IsRetryable(ex.SqlState))
        {
            // Read the lock holders now, while they still hold their locks; the watch's sample is the fallback.
            var blockers = await HoldersAsync(connection.ProcessID, sql, cancellationToken) is { } holders
                ? $" Sessions holding locks on its tables: {holders}."
                : watch.LastSeen is { } seen ? $" Blocked by {seen}." : "";
            var final = new MigrationException(
                migration, script, statement, ex,
                consequence + " Gave up after " + (_options.MaxRetries + 1).ToString(CultureInfo.InvariantCulture) +
                " attempts; end or wait out the blocking session, then run again.",
                blockers);
            throw new RetryableStatementException(ex, final);
        }
        catch (PostgresException ex)
        {
            throw new MigrationException(migration, script, statement, ex, consequence);
        }
    }

    private async Task<string?> HoldersAsync(int ownPid, string sql, CancellationToken cancellationToken)
    {
        try
        {
            return await LockHolders.DescribeAsync(_target, ownPid, sql, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
        {
            // A diagnosis that fails must not hide the error it was meant to explain.
            Log.BlockersUnknown(_logger, ex.Message);
            return null;
        }
    }

    private async Task BackOffAsync(string what, PostgresException error, int attempt, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromTicks(_options.RetryBackoff.Ticks * (1L << Math.Min(attempt, 10)));
        Log.Retrying(_logger, what, error.SqlState, error.MessageText, attempt + 1, _options.MaxRetries, (long)delay.TotalMilliseconds);
        await Task.Delay(delay, cancellationToken);
    }

    private async Task SetLockTimeoutAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, bool local, CancellationToken cancellationToken)
    {
        var ms = ((long)_options.LockTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        await using var command = new NpgsqlCommand($"SET {(local ? "LOCAL " : "")}lock_timeout = '{ms}ms'", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task DropIfInvalidAsync(NpgsqlConnection connection, string index, CancellationToken cancellationToken)
    {
        await using var find = new NpgsqlCommand(
            """
            SELECT format('DROP INDEX CONCURRENTLY IF EXISTS %I.%I', n.nspname, c.relname)
              FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relname = $1 AND NOT i.indisvalid AND c.relkind = 'i'
            """,
            connection);
        find.Parameters.Add(new() { Value = index });
        if (await find.ExecuteScalarAsync(cancellationToken) is string drop)
        {
            await using var command = new NpgsqlCommand(drop, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private IReadOnlyList<MigrationStatusEntry> Compare(IReadOnlyList<JournalEntry> journal)
    {
        var byVersion = journal.ToDictionary(j => j.Version);
        var entries = new List<MigrationStatusEntry>();
        foreach (var migration in _catalog.Migrations)
        {
            if (!byVersion.Remove(migration.Version, out var row))
            {
                entries.Add(new(migration.Version, migration.Name, MigrationState.Pending, migration.Mode, null, null, [], migration.Down is not null));
                continue;
            }

            var changed = row.Checksum == migration.Checksum
                ? []
                : ChangedFiles(migration, row);
            entries.Add(new(
                migration.Version, migration.Name, changed.Count == 0 ? MigrationState.Applied : MigrationState.Changed,
                row.Mode, row.AppliedAt, row.DurationMs, changed, migration.Down is not null));
        }

        entries.AddRange(byVersion.Values.Select(row =>
            new MigrationStatusEntry(row.Version, row.Name, MigrationState.Unknown, row.Mode, row.AppliedAt, row.DurationMs, [], false)));
        return entries.OrderBy(e => e.Version).ToArray();
    }

    private static List<string> ChangedFiles(Migration migration, JournalEntry row)
    {
        var current = migration.FileChecksums;
        var changed = current.Where(f => !row.FileChecksums.TryGetValue(f.Key, out var old) || old != f.Value).Select(f => f.Key).ToList();
        changed.AddRange(row.FileChecksums.Keys.Where(k => !current.ContainsKey(k)).Select(k => k + " (removed)"));
        return changed.Count > 0 ? changed : [migration.Scripts[0].Path];
    }

    private static void ThrowIfChanged(IEnumerable<MigrationStatusEntry> entries)
    {
        var changed = entries.Where(e => e.State == MigrationState.Changed).ToArray();
        if (changed.Length == 0)
        {
            return;
        }

        var files = string.Join(", ", changed.SelectMany(c => c.ChangedFiles));
        throw new ChangedMigrationException(
            $"Applied migration{(changed.Length > 1 ? "s" : "")} changed since {(changed.Length > 1 ? "they were" : "it was")} applied: {files}. Nothing was run.",
            "Restore the file as it was and put the change in a new migration; or, if the database already matches the new text, " +
            "'sparkle-db repair' shows the difference and 'sparkle-db repair --yes' records the new checksum.",
            changed);
    }

    private Migration Find(int version) => _catalog.Migrations.First(m => m.Version == version);

    /// <summary>Carries a retryable PostgreSQL error out of a statement, with the exception to throw if retries run out.</summary>
    private sealed class RetryableStatementException(PostgresException error, MigrationException final) : Exception(error.Message, error)
    {
        public PostgresException Error { get; } = error;

        public MigrationException Final { get; } = final;
    }
}
