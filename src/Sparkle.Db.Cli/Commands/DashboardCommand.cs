using System.CommandLine;
using Sparkle.Db.Dashboard;
using Sparkle.Db.Monitoring;

namespace Sparkle.Db.Cli.Commands;

/// <summary>
/// <c>sparkle-db dashboard [--port N] [--allow-actions] [--bench-report FILE]</c>: a local web page of the database's
/// health on 127.0.0.1, until Ctrl+C. Read-only unless --allow-actions; then the action token is printed once.
/// </summary>
internal static class DashboardCommand
{
    public static Command Create()
    {
        var defaults = new DashboardOptions();
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0 picks a free one)", DefaultValueFactory = _ => defaults.Port }
            .AtLeast(0).AtMost(65535);
        var allowActions = new Option<bool>("--allow-actions") { Description = "Allow cancelling a statement and running maintenance from the page (POST, with the token printed at start)" };
        var benchReport = new Option<string?>("--bench-report") { Description = "performance.json for the index verdicts and the chart (default: the one built into the tool)" }
            .ExistingFile();
        var slowMs = new Option<double>("--slow-ms") { Description = "Mean time (ms) from which a statement is slow", DefaultValueFactory = _ => defaults.Thresholds.SlowMeanMs }
            .AtLeast(0);
        var top = new Option<int>("--top") { Description = "Rows per list", DefaultValueFactory = _ => defaults.Thresholds.Top }.AtLeast(1);
        var command = new Command("dashboard", "Serve a local web page of the database's health (127.0.0.1 only; read-only unless --allow-actions); JSON per section and Prometheus /metrics")
        {
            port, allowActions, benchReport, slowMs, top,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(parse);
            var database = await context.ResolveDatabaseAsync(cancellationToken);
            var options = new DashboardOptions
            {
                Port = parse.GetValue(port),
                AllowActions = parse.GetValue(allowActions),
                BenchReportPath = parse.GetValue(benchReport),
                Thresholds = new MonitorThresholds { SlowMeanMs = parse.GetValue(slowMs), Top = parse.GetValue(top) },
                Logger = context.Logger,
            };
            await using var host = await DashboardServer.StartAsync(database.Target, options, cancellationToken);
            await context.Out.WriteLineAsync($"Dashboard of {database.DisplayUrl} at {host.Url} ({(host.Token is null ? "read-only" : "actions enabled")}; Ctrl+C stops).");
            if (host.Token is { } token)
            {
                // Printed once, here: the page asks for it, and every POST action must carry it.
                await context.Out.WriteLineAsync($"Action token (shown once; paste it into the page, or send it as the {ActionToken.Header} header): {token.Value}");
            }

            await context.Out.FlushAsync(cancellationToken);
            await host.RunUntilCancelledAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
