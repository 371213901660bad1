using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sparkle.Db.Maintenance;

namespace Sparkle.Db.Cli.Commands;

/// <summary>
/// <c>sparkle-db maintain [--json] [--every DURATION] [--schedule [--cron EXPR]] [--unschedule] [--keep-days N]</c>.
/// Exit codes: 0 done (or skipped because another run holds the lock — the other run does the work), 1 a step
/// failed, 2 an option out of range, 6 scheduling impossible (pg_cron not loaded, or phase 009 missing).
/// </summary>
internal static partial class MaintainCommand
{
    public static Command Create()
    {
        var every = new Option<string?>("--every") { Description = "Run again every DURATION (e.g. 6h, 30m) until stopped with Ctrl+C" }.Duration();
        var schedule = new Option<bool>("--schedule") { Description = "Register perform_maintenance() with pg_cron instead of running now" };
        var cron = new Option<string>("--cron") { Description = "The pg_cron schedule for --schedule (UTC)", DefaultValueFactory = _ => MaintenanceScheduler.DefaultSchedule };
        var unschedule = new Option<bool>("--unschedule") { Description = "Remove the pg_cron job registered by --schedule" };
        var keepDays = new Option<int>("--keep-days") { Description = "Days of sparkle_db.maintenance_runs history to keep (at least 1)", DefaultValueFactory = _ => 90 }
            .AtLeast(1, "0 would delete the run just written with the rest of the history");
        var lockTimeout = new Option<string>("--lock-timeout")
        {
            Description = "Longest an application statement may queue behind one maintenance action's lock request before the action gives way and retries (e.g. 200ms, 1s)",
            DefaultValueFactory = _ => "200ms",
        };
        lockTimeout.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !LockTimeoutPattern().IsMatch(result.Tokens[^1].Value))
            {
                result.AddError($"{lockTimeout.Name} '{result.Tokens[^1].Value}' is not a lock timeout: write 1 to 60000 milliseconds or 1 to 60 seconds, such as 200ms or 2s.");
            }
        });
        var command = new Command("maintain",
            "Partition upkeep, materialized view refresh, ANALYZE: each change in its own short transaction; journal in sparkle_db.maintenance_runs. "
            + "Skips (exit 0) when another maintenance holds the lock; exit 1 when a step failed.")
        {
            CommonOptions.Json, every, schedule, cron, unschedule, keepDays, lockTimeout,
        };
        command.Exclusive(schedule, unschedule).Exclusive(every, schedule).Exclusive(every, unschedule);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(parse);
            var json = parse.GetValue(CommonOptions.Json);
            var database = await context.ResolveDatabaseAsync(cancellationToken);

            if (parse.GetValue(unschedule))
            {
                var removed = await MaintenanceScheduler.UnscheduleAsync(database.Target, cancellationToken);
                await context.Out.WriteLineAsync(removed ? "Removed the pg_cron maintenance job." : "No pg_cron maintenance job to remove.");
                return 0;
            }

            if (parse.GetValue(schedule))
            {
                var job = await MaintenanceScheduler.ScheduleAsync(database.Target, parse.GetValue(cron)!, cancellationToken);
                await context.Out.WriteLineAsync(json
                    ? JsonSerializer.Serialize(job, JsonOutput.Options)
                    : $"{(job.Updated ? "Updated" : "Scheduled")} pg_cron job {job.JobId} '{job.JobName}' in database {job.CronDatabase}: '{job.Schedule}' runs {job.Command} in {job.TargetDatabase}.");
                return 0;
            }

            var runner = new MaintenanceRunner(database.Target, new MaintenanceOptions { KeepJournalDays = parse.GetValue(keepDays), LockTimeout = parse.GetValue(lockTimeout)! });
            if (parse.GetValue(every) is not { } interval)
            {
                var run = await runner.RunAsync(cancellationToken);
                await WriteAsync(context.Out, run, json);
                return run.Failed ? 1 : 0;
            }

            var period = Durations.Parse(interval);
            var anyFailed = false;
            try
            {
                while (true)
                {
                    var run = await runner.RunAsync(cancellationToken);
                    anyFailed |= run.Failed;
                    await WriteAsync(context.Out, run, json);
                    await context.Out.WriteLineAsync(json ? "" : $"Next run at {DateTimeOffset.UtcNow.Add(period):yyyy-MM-dd HH:mm:ss}Z (Ctrl+C stops).");
                    await Task.Delay(period, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return anyFailed ? 1 : 0;
            }
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, MaintenanceRun run, bool json)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(run, JsonOutput.Options));
            return;
        }

        if (run.Skipped)
        {
            await output.WriteLineAsync("Skipped: another maintenance run holds the maintenance lock; it does this work.");
            return;
        }

        foreach (var step in run.Steps)
        {
            var detail = step.Detail is { Length: > 0 } d ? "  " + (d.Length > 160 ? d[..160] + "…" : d) : "";
            var attempts = step.Attempts > 1 ? $" ({step.Attempts} tries)" : "";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {step.Status,-7} {step.Task,-18} {step.Kind,-8} {step.Name,-28} {step.DurationMs,9:0.0} ms{attempts}{detail}"));
        }

        if (run.Steps.Count == 0)
        {
            await output.WriteLineAsync("  nothing needed doing");
        }

        var pruned = run.PrunedRows > 0 ? $"; pruned {run.PrunedRows} old journal rows" : "";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Maintenance {run.Status} in {run.DurationMs:0} ms (journal sparkle_db.maintenance_runs id {run.JournalId}{pruned})."));
    }

    // 1-60000 ms or 1-60 s: what PostgreSQL's lock_timeout accepts and what is sensible for one action.
    [GeneratedRegex(@"^(?:(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|60000)ms|(?:[1-9]|[1-5][0-9]|60)s)$", RegexOptions.CultureInvariant)]
    private static partial Regex LockTimeoutPattern();
}
