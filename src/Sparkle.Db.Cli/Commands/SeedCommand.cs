using System.Globalization;
using System.CommandLine;
using Sparkle.Db.Seeding;
using Spectre.Console;

namespace Sparkle.Db.Cli.Commands;

/// <summary><c>sparkle-db seed --scale S [--seed N] [--now T] [--fast|--triggers]</c>.</summary>
internal static class SeedCommand
{
    public static Command Create()
    {
        var scale = new Option<double>("--scale") { Description = "1 ≈ 10k users, 100k posts, 1M messages, 1M notifications; fractions allowed (0.01)", DefaultValueFactory = _ => 0.01 }
            .Positive().AtMost(100);
        var seed = new Option<long>("--seed") { Description = "Seed number: the same number gives the same rows", DefaultValueFactory = _ => 1 };
        var now = new Option<DateTime?>("--now") { Description = "UTC instant the data is 'as of' (default 2026-11-01T00:00Z; never the clock)" };
        var fast = new Option<bool>("--fast") { Description = "Load with session_replication_role = replica (superuser; the default for superusers), then recompute counters" };
        var triggers = new Option<bool>("--triggers") { Description = "Load with every trigger active (slower; what the application would cause)" };
        var command = new Command("seed", "Fill an empty migrated database with realistic synthetic data (binary COPY)") { scale, seed, now, fast, triggers };
        command.Exclusive(fast, triggers);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(parse);
            var database = await context.ResolveDatabaseAsync(cancellationToken);
            var options = new SeedOptions
            {
                Scale = parse.GetValue(scale),
                Seed = parse.GetValue(seed),
                Now = parse.GetValue(now) is { } t ? DateTime.SpecifyKind(t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t, DateTimeKind.Unspecified) : SeedOptions.DefaultNow,
                FastLoad = parse.GetValue(fast) ? true : parse.GetValue(triggers) ? false : null,
            };
            SeedResult result;
            if (Terminal.IsInteractive(context.Error))
            {
                var width = Terminal.Describe(context.Error).Width;
                result = await Terminal.For(context.Error).Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = SeedProgressBars.BarWidth(width) }, new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async progressContext =>
                    {
                        var bars = new SeedProgressBars(progressContext, width);
                        var seeded = await new Seeder(database.Target, options, bars).RunAsync(cancellationToken);
                        bars.Finish();
                        return seeded;
                    });
            }
            else
            {
                var progress = new ProgressLine(context.Error);
                result = await new Seeder(database.Target, options, progress).RunAsync(cancellationToken);
                progress.Finish();
            }
            foreach (var (table, rows) in result.Rows)
            {
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {table,-28} {rows,12:N0}"));
            }

            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Seeded {database.DisplayUrl}: {result.TotalRows:N0} rows in {result.Elapsed.TotalSeconds:F1} s ({result.RowsPerSecond:N0} rows/s; counters {result.CounterTime.TotalSeconds:F1} s; {(result.FastLoad ? "triggers bypassed" : "triggers active")})."));
            return 0;
        });
        return command;
    }
}
