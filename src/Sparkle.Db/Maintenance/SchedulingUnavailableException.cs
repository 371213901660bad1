namespace Sparkle.Db.Maintenance;

/// <summary>Maintenance cannot be scheduled on this server: pg_cron is not loaded, or perform_maintenance() is missing.</summary>
public sealed class SchedulingUnavailableException : SparkleDbException
{
    public SchedulingUnavailableException(string message, string? hint = null)
        : base(message, hint)
    {
    }
}
