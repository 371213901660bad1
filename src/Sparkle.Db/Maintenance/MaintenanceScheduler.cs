using Npgsql;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Maintenance;

/// <summary>
/// Registers the nightly maintenance with pg_cron. pg_cron keeps its jobs in the one database named by
/// <c>cron.database_name</c>; a job for another database is created there with <c>cron.schedule_in_database</c>.
/// The job calls the procedure perform_maintenance() (phase 009): the same engine, lock and journal as
/// <c>sparkle-db maintain</c>. pg_cron sends the command as a top-level statement, so the procedure may commit
/// between actions.
/// </summary>
/// <remarks><see href="https://github.com/citusdata/pg_cron#usage"/></remarks>
public static class MaintenanceScheduler
{
    public const string DefaultSchedule = "0 2 * * *";

    public const string Command = "CALL public.perform_maintenance()";

    public static string JobName(string database) => $"sparkle-db maintenance: {database}";

    /// <summary>Creates or updates the job; throws <see cref="SchedulingUnavailableException"/> when pg_cron is not loaded.</summary>
    public static async Task<ScheduledJob> ScheduleAsync(DatabaseTarget target, string schedule = DefaultSchedule, CancellationToken cancellationToken = default)
    {
        string cronDatabase;
        await using (var connection = await ConnectionFailures.OpenAsync(target, cancellationToken))
        {
            cronDatabase = await CronDatabaseAsync(connection, cancellationToken)
                ?? throw new SchedulingUnavailableException(
                    $"pg_cron is not loaded on {target.Describe()}, so nothing can be scheduled there.",
                    "Add pg_cron to shared_preload_libraries (and set cron.database_name) and restart the server, or run 'sparkle-db maintain --every 24h' under a service manager.");
            await using var probe = new NpgsqlCommand("SELECT to_regproc('public.perform_maintenance') IS NOT NULL", connection);
            if (!(bool)(await probe.ExecuteScalarAsync(cancellationToken))!)
            {
                throw new SchedulingUnavailableException($"perform_maintenance() does not exist in {target.Database}.", "Run 'sparkle-db migrate' first (phase 009 creates it).");
            }
        }

        await using var cron = await ConnectionFailures.OpenAsync(target.WithDatabase(cronDatabase), cancellationToken);
        await using (var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_cron", cron))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var name = JobName(target.Database);
        await using var existing = new NpgsqlCommand("SELECT jobid FROM cron.job WHERE jobname = $1 AND username = current_user", cron);
        existing.Parameters.Add(new() { Value = name });
        var found = await existing.ExecuteScalarAsync(cancellationToken);
        long jobId;
        if (found is long id)
        {
            await using var alter = new NpgsqlCommand("SELECT cron.alter_job($1, schedule => $2, command => $3, database => $4, active => true)", cron);
            alter.Parameters.Add(new() { Value = id });
            alter.Parameters.Add(new() { Value = schedule });
            alter.Parameters.Add(new() { Value = Command });
            alter.Parameters.Add(new() { Value = target.Database });
            await alter.ExecuteNonQueryAsync(cancellationToken);
            jobId = id;
        }
        else
        {
            await using var add = new NpgsqlCommand("SELECT cron.schedule_in_database($1, $2, $3, $4)", cron);
            add.Parameters.Add(new() { Value = name });
            add.Parameters.Add(new() { Value = schedule });
            add.Parameters.Add(new() { Value = Command });
            add.Parameters.Add(new() { Value = target.Database });
            jobId = (long)(await add.ExecuteScalarAsync(cancellationToken))!;
        }

        return new ScheduledJob(jobId, name, schedule, Command, cronDatabase, target.Database, found is long);
    }

    /// <summary>Removes the job; false when there was none (or pg_cron is not loaded).</summary>
    public static async Task<bool> UnscheduleAsync(DatabaseTarget target, CancellationToken cancellationToken = default)
    {
        string? cronDatabase;
        await using (var connection = await ConnectionFailures.OpenAsync(target, cancellationToken))
        {
            cronDatabase = await CronDatabaseAsync(connection, cancellationToken);
        }

        if (cronDatabase is null)
        {
            return false;
        }

        await using var cron = await ConnectionFailures.OpenAsync(target.WithDatabase(cronDatabase), cancellationToken);
        await using var remove = new NpgsqlCommand(
            "SELECT count(cron.unschedule(jobid))::int FROM cron.job WHERE jobname = $1 AND username = current_user", cron);
        remove.Parameters.Add(new() { Value = JobName(target.Database) });
        try
        {
            return (int)(await remove.ExecuteScalarAsync(cancellationToken))! > 0;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return false;
        }
    }

    /// <summary>cron.database_name when pg_cron is preloaded, else null.</summary>
    private static async Task<string?> CronDatabaseAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT CASE WHEN 'pg_cron' = ANY (string_to_array(replace(current_setting('shared_preload_libraries'), ' ', ''), ','))
                        THEN coalesce(current_setting('cron.database_name', true), 'postgres') END
            """,
            connection);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
