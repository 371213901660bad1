namespace Sparkle.Db.Monitoring;

/// <summary>A session waiting for a lock and the session holding it up (pg_blocking_pids).</summary>
public sealed record BlockingLock(int BlockedPid, string? BlockedUser, string? BlockedQuery, double WaitingSeconds, string? WaitingFor,
    int BlockingPid, string? BlockingUser, string? BlockingState, string? BlockingQuery, double BlockingTransactionSeconds);
