using Sparkle.Db.Connections;
using Sparkle.Db.Maintenance;
using Sparkle.Db.Monitoring;
using Spectre.Console;

namespace Sparkle.Db.Cli.Commands;

/// <summary>
/// On a terminal, `monitor` opens with the dashboard's health at a glance: one row per check, coloured green, amber or
/// red, with its value and thresholds (<see cref="HealthEvaluator"/>). The counter recount is left to `verify`.
/// </summary>
internal static class MonitorHealthTable
{
    public static async Task WriteAsync(TextWriter output, DatabaseTarget target, MonitorReport report, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectionFailures.OpenAsync(target, cancellationToken);
        var facts = await DatabaseMonitor.FactsAsync(connection, cancellationToken);
        var partitions = await DatabaseMonitor.PartitionsAsync(connection, null, cancellationToken);
        var replication = await DatabaseMonitor.ReplicationAsync(connection, cancellationToken);
        var transactions = await DatabaseMonitor.LongTransactionsAsync(connection, report.Thresholds.LongRunningSeconds, report.Thresholds.Top, cancellationToken);
        (DateTimeOffset, string)? last = null;
        try
        {
            if ((await MaintenanceRunner.HistoryAsync(connection, 1, cancellationToken)) is [var run, ..])
            {
                last = (run.StartedAt, run.Status);
            }
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            // Maintenance never ran: its journal does not exist yet.
        }

        var checks = HealthEvaluator.Evaluate(new HealthInputs(DateTimeOffset.UtcNow, report, facts, partitions, replication, transactions, last, null));
        var table = new Table().Border(TableBorder.Rounded).Title("Health at a glance").AddColumns("", "check", "value", "thresholds");
        foreach (var check in checks.Where(c => c.Name != "Counter consistency"))
        {
            // The level in words as well as colour: NO_COLOR, a monochrome terminal or a colour-blind reader loses nothing.
            var (colour, word) = check.Level switch { HealthLevel.Green => ("green", "green"), HealthLevel.Amber => ("yellow", "amber"), HealthLevel.Red => ("red", "red"), _ => ("grey", "n/a") };
            table.AddRow($"[{colour}]● {word}[/]", Markup.Escape(check.Name), Markup.Escape(check.Value), $"[grey]{Markup.Escape(check.Threshold)}[/]");
        }

        Terminal.For(output).Write(table);
    }
}
