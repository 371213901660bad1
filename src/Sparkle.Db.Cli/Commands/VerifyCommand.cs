using System.CommandLine;
using System.Text.Json;
using Sparkle.Db.Migrations;
using Sparkle.Db.Verification;
using Spectre.Console;

namespace Sparkle.Db.Cli.Commands;

/// <summary><c>sparkle-db verify [--json]</c>: named checks, each with what it expects and what it found. Exit 1 when a
/// check fails, 4 while a migration is in progress (its half-built state would fail checks for nothing).</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var command = new Command("verify", "Check that the database matches the plan; exits non-zero when any check fails") { CommonOptions.Json, CommonOptions.PrismaSchema };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(parse);
            var verifier = await context.VerifierAsync(MigrationCatalog.Embedded(), cancellationToken);
            var database = await context.ResolveDatabaseAsync(cancellationToken);
            var report = await verifier.RunAsync(database.Target, cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(new { passed = report.Passed, results = report.Results }, JsonOutput.Options));
            }
            else if (Terminal.IsInteractive(context.Out))
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumns("", "check", "expected", "found");
                foreach (var r in report.Results)
                {
                    var found = Markup.Escape(r.Found) + (!r.Passed && r.Hint is { } hint ? "\n[grey]hint: " + Markup.Escape(hint) + "[/]" : "");
                    table.AddRow(r.Passed ? "[green]PASS[/]" : "[red]FAIL[/]", Markup.Escape(r.Name), Markup.Escape(r.Expected), found);
                }

                var console = Terminal.For(context.Out);
                console.Write(table);
                var failed = report.Failures.Count();
                console.MarkupLine($"{(failed == 0 ? "[green]" : "[red]")}Verification: {report.Results.Count - failed} of {report.Results.Count} checks passed.[/]");
            }
            else
            {
                foreach (var r in report.Results)
                {
                    await context.Out.WriteLineAsync($"{(r.Passed ? "PASS" : "FAIL")}  {r.Name}: expected {r.Expected}; found {r.Found}");
                    if (!r.Passed && r.Hint is { } hint)
                    {
                        await context.Out.WriteLineAsync($"      hint: {hint}");
                    }
                }

                await WriteSummaryAsync(context.Out, report);
            }

            return report.Passed ? 0 : 1;
        });
        return command;
    }

    internal static async Task WriteSummaryAsync(TextWriter output, VerificationReport report)
    {
        var failed = report.Failures.ToArray();
        await output.WriteLineAsync($"Verification: {report.Results.Count - failed.Length} of {report.Results.Count} checks passed.");
        foreach (var f in failed)
        {
            await output.WriteLineAsync($"  FAIL {f.Name}: expected {f.Expected}; found {f.Found}");
        }
    }
}
