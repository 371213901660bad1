using System.CommandLine;
using System.Text.Json;
using Sparkle.Db.Benchmarks;

namespace Sparkle.Db.Cli.Commands;

/// <summary><c>sparkle-db bench [--scale S] [--runs N] [--output docs/PERFORMANCE.md]</c>.</summary>
internal static class BenchCommand
{
    private static readonly Option<double> Scale = new Option<double>("--scale") { Description = "Data scale (1 ≈ 10k users, 100k posts, 1M messages, 1M notifications)", DefaultValueFactory = _ => 0.05 }
        .Positive().AtMost(100);
    private static readonly Option<int> Runs = new Option<int>("--runs") { Description = "Timed runs per query and database (at least 5 are made)", DefaultValueFactory = _ => 30 }
        .AtLeast(1);
    private static readonly Option<long> Seed = new("--seed") { Description = "Seed number of the data", DefaultValueFactory = _ => 1 };
    private static readonly Option<string> Output = new("--output") { Description = "Markdown report; performance.json and performance-ratios.svg are written beside it", DefaultValueFactory = _ => "docs/PERFORMANCE.md" };
    private static readonly Option<string?> Notes = new Option<string?>("--notes") { Description = "A Markdown file whose text is placed under the report's title (the human analysis)" }
        .ExistingFile();
    private static readonly Option<bool> Drop = new("--drop") { Description = "Drop the two benchmark databases afterwards" };
    private static readonly Option<string?> Render = new Option<string?>("--render") { Description = "Measure nothing: re-render the report and chart from this performance.json (e.g. after editing --notes)" }
        .ExistingFile();

    private static readonly Option<string?> Replica = new("--replica")
    {
        Description = "Measure only the hot read queries, on the database (the primary) and on this replica URL, and print a table (docs/SCALING.md)",
    };

    public static Command Create()
    {
        var command = new Command("bench", "Measure hot queries, writes, migration stalls and refreshes: every migration vs migration 000 alone, same data")
        {
            Scale, Runs, Seed, Output, Notes, Drop, Render, Replica,
        };
        command.Exclusive(Replica, Render);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(parse);
            if (parse.GetValue(Replica) is { } replicaUrl)
            {
                return await ReplicaBenchOutput.RunAsync(context, replicaUrl, Math.Max(5, parse.GetValue(Runs)), cancellationToken);
            }

            var jsonOptions = BenchVerdicts.JsonOptions;
            BenchReport report;
            if (parse.GetValue(Render) is { } jsonPath)
            {
                report = await ReadReportAsync(jsonPath, jsonOptions, cancellationToken);
                report.Findings = BenchGoals.Evaluate(report);
            }
            else
            {
                var database = await context.ResolveDatabaseAsync(cancellationToken);
                var options = new BenchOptions
                {
                    Scale = parse.GetValue(Scale),
                    Runs = Math.Max(5, parse.GetValue(Runs)),
                    Seed = parse.GetValue(Seed),
                    KeepDatabases = !parse.GetValue(Drop),
                };
                report = await BenchPhaseBars.RunAsync(context.Error, new SyncProgress(context.Error), (log, statements) =>
                    new BenchRunner(database.Target, options with { MigrationProgress = statements }, log).RunAsync(cancellationToken));
            }

            var markdownPath = Path.GetFullPath(parse.GetValue(Output)!);
            var folder = Path.GetDirectoryName(markdownPath)!;
            Directory.CreateDirectory(folder);
            const string chart = "performance-ratios.svg";
            await File.WriteAllTextAsync(Path.Combine(folder, chart), RatioChart.Render(report), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, "performance.json"), JsonSerializer.Serialize(report, jsonOptions) + "\n", cancellationToken);
            var analysis = parse.GetValue(Notes) is { } notesPath ? await File.ReadAllTextAsync(notesPath, cancellationToken) : null;
            await File.WriteAllTextAsync(markdownPath, PerformanceMarkdown.Render(report, chart, analysis), cancellationToken);

            await context.Out.WriteLineAsync($"Wrote {markdownPath}, performance.json and {chart} ({report.Findings.Count} findings).");
            foreach (var finding in report.Findings)
            {
                await context.Out.WriteLineAsync("  " + finding);
            }

            return 0;
        });
        return command;
    }

    private static async Task<BenchReport> ReadReportAsync(string path, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        const string hint = "Pass the performance.json that an earlier 'sparkle-db bench' wrote (beside its --output).";
        try
        {
            var report = JsonSerializer.Deserialize<BenchReport>(await File.ReadAllTextAsync(path, cancellationToken), options);
            return report is { Queries: not null } ? report : throw new InvalidInputException($"{path} holds no benchmark report.", hint);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException($"{path} is not a benchmark report: {ex.Message}", hint, ex);
        }
    }

    /// <summary>Writes progress lines at once (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
    private sealed class SyncProgress(TextWriter error) : IProgress<string>
    {
        public void Report(string value) => error.WriteLine(value);
    }
}
