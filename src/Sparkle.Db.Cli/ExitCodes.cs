using Sparkle.Db.Maintenance;
using Sparkle.Db.Migrations;

namespace Sparkle.Db.Cli;

/// <summary>The exit codes of sparkle-db (the README's table), and which failure gets which.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A failed check, a failed migration, a lost connection, anything else that went wrong.</summary>
    public const int Failure = 1;

    /// <summary>An unknown command or option, a value that does not parse or is out of range, input that cannot be used.</summary>
    public const int Usage = 2;

    /// <summary>No usable PostgreSQL: no server binaries, no local cluster, or a server older than the minimum.</summary>
    public const int NoPostgres = 3;

    /// <summary>Another run holds the lock (a migration in progress).</summary>
    public const int LockHeld = 4;

    /// <summary>An applied migration changed since it was applied.</summary>
    public const int ChangedMigration = 5;

    /// <summary>Maintenance cannot be scheduled (no pg_cron, or phase 009 missing).</summary>
    public const int NoScheduler = 6;

    /// <summary>Interrupted by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    public static int For(Exception exception) => exception switch
    {
        InvalidInputException => Usage,
        PostgresUnavailableException => NoPostgres,
        LockHeldException => LockHeld,
        ChangedMigrationException => ChangedMigration,
        SchedulingUnavailableException => NoScheduler,
        OperationCanceledException => Interrupted,
        _ => Failure,
    };
}
