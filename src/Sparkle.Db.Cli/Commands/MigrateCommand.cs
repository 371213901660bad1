using System.CommandLine;
using Sparkle.Db.Migrations;

namespace Sparkle.Db.Cli.Commands;

/// <summary><c>sparkle-db migrate [--dry-run] [--to N]</c>.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "List the migrations that would be applied, and change nothing" };
        var to = new Option<int?>("--to") { Description = "Roll back the applied migrations above version N through their down scripts" };
        var command = new Command("migrate", "Apply pending migrations (or roll back with --to)") { dryRun, to };
        command.Exclusive(dryRun, to);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(parse);
            var database = await context.ResolveDatabaseAsync(cancellationToken);
            var catalog = MigrationCatalog.Embedded();
            var runner = new MigrationRunner(database.Target, catalog, logger: context.Logger);

            if (parse.GetValue(to) is { } version)
            {
                var undone = await runner.RollbackToAsync(version, cancellationToken);
                await context.Out.WriteLineAsync(undone.Count == 0
                    ? $"Nothing to roll back: no applied migration is above {version:000}."
                    : $"Rolled back {undone.Count} migration(s): {string.Join(", ", undone.Select(u => $"{u.Version:000}_{u.Name}"))}.");
                return 0;
            }

            var result = await MigrationProgressDisplay.RunAsync(context.Error, options =>
                new MigrationRunner(database.Target, catalog, options, context.Logger).MigrateAsync(parse.GetValue(dryRun), cancellationToken));
            await WriteResultAsync(context.Out, result, catalog);
            return 0;
        });
        return command;
    }

    internal static async Task WriteResultAsync(TextWriter output, MigrationRunResult result, MigrationCatalog catalog)
    {
        foreach (var index in result.HealedIndexes)
        {
            await output.WriteLineAsync($"Rebuilt INVALID index {index} (left by an interrupted concurrent build).");
        }

        if (result.Applied.Count == 0)
        {
            await output.WriteLineAsync($"Nothing to apply: all {catalog.Migrations.Count} migrations are already applied.");
            return;
        }

        await output.WriteLineAsync(result.DryRun
            ? $"Would apply {result.Applied.Count} migration(s):"
            : $"Applied {result.Applied.Count} migration(s) in {UpCommand.Seconds(TimeSpan.FromTicks(result.Applied.Sum(a => a.Duration.Ticks)))}:");
        foreach (var applied in result.Applied)
        {
            var time = result.DryRun ? "" : UpCommand.Seconds(applied.Duration);
            await output.WriteLineAsync($"  {applied.Version:000}_{applied.Name,-28} {applied.Mode,-18} {applied.Statements,5} statements  {time}");
        }
    }
}
