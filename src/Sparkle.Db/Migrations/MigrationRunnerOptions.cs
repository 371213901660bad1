namespace Sparkle.Db.Migrations;

/// <summary>How cautiously the runner treats a live database.</summary>
public sealed record MigrationRunnerOptions
{
    /// <summary>How long one DDL statement may wait for a lock before it gives up and is retried.</summary>
    /// <remarks>A short lock_timeout keeps a migration from queueing every other session behind its lock request
    /// (<see href="https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-LOCK-TIMEOUT"/>).</remarks>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times a statement or transaction that hit a lock timeout or deadlock is retried.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The first pause between retries; it doubles each time.</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a runner waits for another runner's advisory lock before it gives up.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Where to report how far a long statement has come (index builds, the online conversion); null reports nothing.
    /// Reports come from a second session, on a thread of their own.
    /// </summary>
    public IProgress<StatementProgress>? Progress { get; init; }

    /// <summary>How long a statement runs before its progress is watched (a short statement opens no second session).</summary>
    public TimeSpan ProgressDelay { get; init; } = TimeSpan.FromSeconds(1);
}
