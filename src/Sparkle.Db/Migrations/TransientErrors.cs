using Npgsql;

namespace Sparkle.Db.Migrations;

/// <summary>Which PostgreSQL errors a migration retries: the ones caused by other sessions, not by the SQL.</summary>
public static class TransientErrors
{
    /// <summary>Lock timeouts, deadlocks and serialization failures pass once the other session is done.</summary>
    public static bool IsRetryable(string? sqlState) => sqlState is
        PostgresErrorCodes.LockNotAvailable
        or PostgresErrorCodes.DeadlockDetected
        or PostgresErrorCodes.SerializationFailure;
}
