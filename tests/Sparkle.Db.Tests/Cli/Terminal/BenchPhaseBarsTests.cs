using Sparkle.Db.Cli;
using Xunit;

namespace Sparkle.Db.Tests.Cli.Terminal;

/// <summary>
/// bench's phases on a terminal, fed with lines in the runner's format (BenchRunner.Say: "[   12 s] phase", detail
/// lines indented). A whole benchmark run is too long for a test; this checks the display: a line per phase that fits the
/// width (the final frame keeps every phase), a phase's last detail after its name, and plain lines untouched where the stream is not a terminal.
/// </summary>
public sealed class BenchPhaseBarsTests
{
    private static readonly string[] Log =
    [
        "[     0 s] baseline: applying migration 000",
        "[     1 s] baseline: seeding scale 0.1",
        "[     9 s]   notifications: 500,000 rows",
        "[    20 s] plan: copying the populated baseline",
        "[    25 s] plan: applying 008_advanced_indexes to populated tables, a name long enough to be cut at the terminal's edge",
    ];

    [Fact]
    public async Task On_a_terminal_each_phase_is_a_line_that_fits_and_the_last_one_ends_done()
    {
        const int width = 64;
        using var terminal = new EmulatedTerminal(width, colour: false);
        using var plain = new StringWriter();

        var result = await BenchPhaseBars.RunAsync(terminal, new Lines(plain), async log =>
        {
            foreach (var line in Log)
            {
                log.Report(line);
            }

            await Task.Yield();
            return 42;
        });

        Assert.Equal(42, result);
        Assert.Empty(plain.ToString());
        var lines = terminal.VisibleLines.Where(l => l.Trim().Length > 0).ToArray();
        Assert.All(lines, l => Assert.True(EmulatedTerminal.Columns(l) <= width, $"{EmulatedTerminal.Columns(l)} columns > {width}: {l}"));
        foreach (var phase in new[] { "baseline: applying migration 000", "baseline: seeding scale 0.1", "plan: copying the populated baseline" })
        {
            Assert.Contains(lines, l => l.StartsWith(phase, StringComparison.Ordinal));
        }

        Assert.Contains(lines, l => l.StartsWith("baseline: seeding scale 0.1 · notifications: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("plan: applying 008_advanced_indexes", StringComparison.Ordinal) && l.Contains('…', StringComparison.Ordinal));
        Assert.False(EmulatedTerminal.HasColour(terminal.ToString()));
    }

    [Fact]
    public async Task Where_the_stream_is_not_a_terminal_the_runners_lines_pass_through_as_they_are()
    {
        using var error = new StringWriter();
        using var plain = new StringWriter();

        await BenchPhaseBars.RunAsync(error, new Lines(plain), log =>
        {
            foreach (var line in Log)
            {
                log.Report(line);
            }

            return Task.FromResult(0);
        });

        Assert.Equal(Log, plain.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        Assert.Empty(error.ToString());
    }

    private static readonly Sparkle.Db.Migrations.StatementProgress Build = new(
        Sparkle.Db.Migrations.StatementProgress.IndexBuild, "idx_posts_search", "posts", "building index: scanning table", 1200, 4000, 0, 0, 0, 0,
        TimeSpan.FromSeconds(12));

    [Fact]
    public async Task On_a_terminal_an_index_build_of_the_migration_being_applied_follows_its_phase_with_its_share_done()
    {
        using var terminal = new EmulatedTerminal(160, colour: false);
        using var plain = new StringWriter();

        await BenchPhaseBars.RunAsync(terminal, new Lines(plain), async (log, statements) =>
        {
            log.Report("[    25 s] plan: applying 008_advanced_indexes");
            statements.Report(Build);
            await Task.Yield();
            return 0;
        });

        Assert.Empty(plain.ToString());
        Assert.Contains(terminal.VisibleLines, l => l.StartsWith(
            "plan: applying 008_advanced_indexes · index idx_posts_search on posts: building index: scanning table, blocks 1,200 of 4,000 (30 %)",
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task Where_the_stream_is_not_a_terminal_an_index_build_is_a_line_as_migrate_prints_it()
    {
        using var error = new StringWriter();
        using var plain = new StringWriter();

        await BenchPhaseBars.RunAsync(error, new Lines(plain), (log, statements) =>
        {
            log.Report(Log[4]);
            statements.Report(Build);
            return Task.FromResult(0);
        });

        Assert.Equal(Log[4], plain.ToString().TrimEnd());
        Assert.Equal("  index idx_posts_search on posts: building index: scanning table, blocks 1,200 of 4,000 (30 %)   at 12 s", error.ToString().TrimEnd());
    }

    private sealed class Lines(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }
}
