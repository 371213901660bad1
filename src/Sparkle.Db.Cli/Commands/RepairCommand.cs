using System.CommandLine;
using Sparkle.Db.Migrations;

namespace Sparkle.Db.Cli.Commands;

/// <summary>
/// <c>sparkle-db repair [--yes]</c>: the way out of "an applied migration changed" (exit 5) for an operator who has
/// checked that the database already matches the new text. Shows each changed file with its recorded and current
/// checksum and, where the journal kept the applied text, the statements removed and added; with --yes, records the
/// new checksums. Runs no migration SQL. Exit 0 when nothing differs or it recorded, 5 when it only showed.
/// </summary>
internal static class RepairCommand
{
    private const int StatementPreview = 160;

    public static Command Create()
    {
        var yes = new Option<bool>("--yes") { Description = "Record the new checksums (without it, repair only shows the difference)" };
        var command = new Command("repair", "Show how applied migrations changed since they were applied; with --yes, record their new checksums (runs no SQL of theirs)") { yes };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(parse);
            var database = await context.ResolveDatabaseAsync(cancellationToken);
            var runner = new MigrationRunner(database.Target, MigrationCatalog.Embedded(), logger: context.Logger);
            if (!parse.GetValue(yes))
            {
                var differences = await runner.DifferencesAsync(cancellationToken);
                if (differences.Count == 0)
                {
                    await context.Out.WriteLineAsync("No applied migration changed: nothing to repair.");
                    return ExitCodes.Success;
                }

                await WriteAsync(context.Out, differences);
                await context.Out.WriteLineAsync();
                await context.Out.WriteLineAsync(
                    "repair records the new checksums and runs nothing: the database keeps what the recorded text built. Record them only if the " +
                    "database already matches the new text (a comment or layout change, or a fix you applied by hand); otherwise restore the " +
                    "files and put the change in a new migration.");
                await context.Out.WriteLineAsync("To record them: sparkle-db repair --yes");
                return ExitCodes.ChangedMigration;
            }

            var repaired = await runner.RepairAsync(cancellationToken);
            if (repaired.Count == 0)
            {
                await context.Out.WriteLineAsync("No applied migration changed: nothing to repair.");
                return ExitCodes.Success;
            }

            await WriteAsync(context.Out, repaired);
            await context.Out.WriteLineAsync($"Recorded the new checksums of {string.Join(", ", repaired.Select(r => r.DisplayName))} in sparkle_db.schema_migrations (repaired_at = now).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, IReadOnlyList<MigrationDifference> differences)
    {
        foreach (var difference in differences)
        {
            await output.WriteLineAsync($"{difference.DisplayName}: recorded checksum {Short(difference.RecordedChecksum)}, files now {Short(difference.CurrentChecksum)}");
            foreach (var file in difference.Files)
            {
                var change = (file.RecordedChecksum, file.CurrentChecksum) switch
                {
                    (null, null) => "same text; the migration's files were renamed or reordered",
                    (null, { } now) => $"added ({Short(now)})",
                    ({ } old, null) => $"removed (was {Short(old)})",
                    ({ } old, { } now) => $"{Short(old)} -> {Short(now)}",
                };
                await output.WriteLineAsync($"  {file.Path}: {change}");
                if (!file.RecordedTextAvailable && file.RecordedChecksum is not null)
                {
                    await output.WriteLineAsync($"    (the applied text was not recorded; compare with version control: git log -p -- db/migrations/{file.Path})");
                    continue;
                }

                foreach (var statement in file.Statements)
                {
                    var text = string.Join(' ', statement.Text.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
                    await output.WriteLineAsync(
                        $"    {(statement.Added ? '+' : '-')} statement {statement.Number} (line {statement.Line}): {(text.Length > StatementPreview ? text[..StatementPreview] + "…" : text)}");
                }
            }
        }
    }

    private static string Short(string checksum) => checksum.Length > 12 ? checksum[..12] : checksum;
}
