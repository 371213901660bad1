using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Sparkle.Db.Monitoring;

namespace Sparkle.Db.Cli.Commands;

/// <summary>
/// <c>sparkle-db monitor [--json] [--watch SECONDS] [thresholds]</c>: one screen of database health. Exit code 0
/// whatever it finds (it reports; `verify` is the gate).
/// </summary>
internal static class MonitorCommand
{
    public static Command Create()
    {
        var defaults = new MonitorThresholds();
        var watch = new Option<double?>("--watch") { Description = "Refresh every SECONDS (at least 1) until Ctrl+C" }.Positive().AtMost(86400);
        var cacheTarget = new Option<double>("--cache-target") { Description = "Cache hit ratio target, 0-1", DefaultValueFactory = _ => defaults.CacheHitTarget }.Between(0, 1);
        var slowMs = new Option<double>("--slow-ms") { Description = "Mean time (ms) from which a statement is slow", DefaultValueFactory = _ => defaults.SlowMeanMs }.AtLeast(0);
        var frequent = new Option<long>("--frequent-calls") { Description = "Calls from which a statement is listed as frequent", DefaultValueFactory = _ => defaults.FrequentCalls }.AtLeast(0);
        var longSeconds = new Option<double>("--long-seconds") { Description = "Seconds from which an active statement is long-running", DefaultValueFactory = _ => defaults.LongRunningSeconds }.AtLeast(0);
        var idleSeconds = new Option<double>("--idle-seconds") { Description = "Seconds from which an idle-in-transaction session is listed", DefaultValueFactory = _ => defaults.IdleInTransactionSeconds }.AtLeast(0);
        var bloat = new Option<double>("--bloat-ratio") { Description = "Estimated bloat ratio (0-1) from which a table or index is listed", DefaultValueFactory = _ => defaults.BloatRatio }.Between(0, 1);
        var connections = new Option<double>("--connections-percent") { Description = "Share of max_connections (%) that is flagged", DefaultValueFactory = _ => defaults.ConnectionsPercent }.Between(0, 100);
        var sequences = new Option<double>("--sequence-percent") { Description = "Share of a sequence's range (%) that is flagged", DefaultValueFactory = _ => defaults.SequencePercent }.Between(0, 100);
        var top = new Option<int>("--top") { Description = "Rows per list", DefaultValueFactory = _ => defaults.Top }.AtLeast(1);
        var command = new Command("monitor", "Show cache hit ratios, slow/frequent statements, index problems, bloat, locks, sessions, connections, sequences")
        {
            CommonOptions.Json, watch, cacheTarget, slowMs, frequent, longSeconds, idleSeconds, bloat, connections, sequences, top,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(parse);
            var database = await context.ResolveDatabaseAsync(cancellationToken);
            var thresholds = new MonitorThresholds
            {
                CacheHitTarget = parse.GetValue(cacheTarget),
                SlowMeanMs = parse.GetValue(slowMs),
                FrequentCalls = parse.GetValue(frequent),
                LongRunningSeconds = parse.GetValue(longSeconds),
                IdleInTransactionSeconds = parse.GetValue(idleSeconds),
                BloatRatio = parse.GetValue(bloat),
                ConnectionsPercent = parse.GetValue(connections),
                SequencePercent = parse.GetValue(sequences),
                Top = parse.GetValue(top),
            };
            var json = parse.GetValue(CommonOptions.Json);
            var interval = parse.GetValue(watch);
            try
            {
                while (true)
                {
                    var report = await DatabaseMonitor.ReadAsync(database.Target, thresholds, cancellationToken);
                    if (json)
                    {
                        await context.Out.WriteLineAsync(JsonSerializer.Serialize(report, JsonOutput.Options));
                    }
                    else
                    {
                        if (interval is not null && Terminal.IsInteractive(context.Out))
                        {
                            // Clear the terminal so each refresh replaces the last.
                            await context.Out.WriteAsync("\u001b[2J\u001b[H");
                        }

                        if (Terminal.IsInteractive(context.Out))
                        {
                            await MonitorHealthTable.WriteAsync(context.Out, database.Target, report, cancellationToken);
                        }

                        await MonitorText.WriteAsync(context.Out, report);
                    }

                    if (interval is not { } seconds)
                    {
                        return 0;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(Math.Max(seconds, 1)), cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && interval is not null)
            {
                return 0;
            }
        });
        return command;
    }
}
