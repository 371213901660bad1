namespace Sparkle.Db.Monitoring;

/// <summary>
/// A session in a blocking chain: one that waits for a lock (<see cref="BlockedBy"/> non-empty) or one that others wait
/// for. Chains are read from pg_blocking_pids; the sessions with an empty <see cref="BlockedBy"/> are their roots.
/// <see cref="WaitingFor"/> is the lock it waits for (type, mode, relation), <see cref="WaitingSeconds"/> how long
/// (pg_locks.waitstart), <see cref="TransactionSeconds"/> the age of its transaction (null outside one).
/// </summary>
public sealed record LockSession(
    int Pid, string? User, string? Application, string? State, string? Query, IReadOnlyList<int> BlockedBy,
    string? WaitingFor, double? WaitingSeconds, double? TransactionSeconds);
