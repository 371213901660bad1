using System.CommandLine;
using System.Text.Json;
using Sparkle.Db.Migrations;
using Spectre.Console;

namespace Sparkle.Db.Cli.Commands;

/// <summary><c>sparkle-db status</c>: applied, pending and changed migrations.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "List migrations: applied, pending, changed since applied, or unknown to this version of the tool") { CommonOptions.Json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(parse);
            var database = await context.ResolveDatabaseAsync(cancellationToken);
            var entries = await new MigrationRunner(database.Target, MigrationCatalog.Embedded(), logger: context.Logger).StatusAsync(cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(entries, JsonOutput.Options));
            }
            else if (Terminal.IsInteractive(context.Out))
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumns("migration", "state", "mode", "applied (UTC)", "duration", "changed files");
                foreach (var e in entries)
                {
                    var state = e.State switch
                    {
                        MigrationState.Applied => "[green]applied[/]",
                        MigrationState.Pending => "[yellow]pending[/]",
                        MigrationState.Changed => "[red]changed[/]",
                        var other => Markup.Escape(other.ToString()),
                    };
                    table.AddRow(Markup.Escape($"{e.Version:000}_{e.Name}"), state, Markup.Escape(e.Mode.ToString()),
                        e.AppliedAt is { } at ? $"{at.UtcDateTime:yyyy-MM-dd HH:mm:ss}" : "", e.AppliedAt is null ? "" : $"{e.DurationMs} ms",
                        Markup.Escape(string.Join(", ", e.ChangedFiles)));
                }

                var console = Terminal.For(context.Out);
                console.Write(table);
                var pendingCount = entries.Count(e => e.State == MigrationState.Pending);
                console.MarkupLine(pendingCount == 0 ? "[green]Up to date.[/]" : $"[yellow]{pendingCount} pending:[/] run 'sparkle-db migrate'.");
            }
            else
            {
                foreach (var e in entries)
                {
                    var when = e.AppliedAt is { } at ? $"{at.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  {e.DurationMs} ms" : "";
                    var changed = e.ChangedFiles.Count > 0 ? "  changed: " + string.Join(", ", e.ChangedFiles) : "";
                    await context.Out.WriteLineAsync($"  {e.Version:000}_{e.Name,-28} {e.State,-8} {e.Mode,-18} {when}{changed}");
                }

                var pending = entries.Count(e => e.State == MigrationState.Pending);
                await context.Out.WriteLineAsync(pending == 0 ? "Up to date." : $"{pending} pending: run 'sparkle-db migrate'.");
            }

            if (entries.Any(e => e.State == MigrationState.Changed))
            {
                await context.Error.WriteLineAsync("hint: a changed migration stops migrate; 'sparkle-db repair' shows what changed and how to proceed.");
                return ExitCodes.ChangedMigration;
            }

            return 0;
        });
        return command;
    }
}
