namespace Sparkle.Db.Maintenance;

/// <summary>
/// A pg_cron job registered by <c>maintain --schedule</c>: <c>CronDatabase</c> is the database pg_cron runs in
/// (cron.database_name, where cron.job lives), <c>TargetDatabase</c> the one the command runs in, <c>Updated</c>
/// true when an existing job was changed.
/// </summary>
public sealed record ScheduledJob(long JobId, string JobName, string Schedule, string Command, string CronDatabase, string TargetDatabase, bool Updated);
