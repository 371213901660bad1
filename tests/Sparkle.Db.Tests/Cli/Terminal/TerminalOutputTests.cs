using System.Text.Json;
using Sparkle.Db.Cli;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Cli.Terminal;

/// <summary>
/// status, verify and monitor as a person sees them: tables on a terminal (that fit its width, in colour or under
/// NO_COLOR with nothing said by colour alone), plain escape-free lines when the output is not a terminal.
/// </summary>
public sealed class TerminalOutputTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    private const char Esc = '\u001b';

    [Fact]
    public async Task Redirected_output_is_plain_lines_without_escape_sequences_or_carriage_returns()
    {
        foreach (var command in new[] { "status", "verify", "monitor" })
        {
            var (code, output, error) = await CliRun.RunAsync(command, "--database-url", db.ConnectionString);

            Assert.True(code is 0 or 1, $"{command} exited {code}: {error}");
            Assert.DoesNotContain(Esc, output + error);
            Assert.DoesNotContain('\r', output + error);
            Assert.DoesNotContain('╭', output);
        }

        var (_, status, _) = await CliRun.RunAsync("status", "--database-url", db.ConnectionString);
        var migrations = Sparkle.Db.Migrations.MigrationCatalog.Embedded().Migrations;
        Assert.Equal(migrations.Count, status.Split('\n').Count(l => l.Contains(" Applied ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(100)]
    public async Task Verify_and_status_tables_fit_the_terminal_and_show_every_check(int width)
    {
        var (_, json, _) = await CliRun.RunAsync("verify", "--json", "--database-url", db.ConnectionString);
        var results = JsonDocument.Parse(json).RootElement.GetProperty("results").EnumerateArray().ToArray();
        var passed = results.Count(r => r.GetProperty("passed").GetBoolean());

        using var terminal = new EmulatedTerminal(width, colour: true);
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(["verify", "--database-url", db.ConnectionString], terminal, error);

        Assert.True(code is 0 or 1, error.ToString());
        Assert.Contains(Esc, terminal.ToString());
        var lines = terminal.VisibleLines.Where(l => l.Length > 0).ToArray();
        Assert.All(lines, l => Assert.True(EmulatedTerminal.Columns(l) <= width, $"{EmulatedTerminal.Columns(l)} columns > {width}: {l}"));
        Assert.StartsWith("╭", lines[0], StringComparison.Ordinal);
        // One PASS or FAIL cell per check: the table has a row for every result --json reports.
        Assert.Equal(passed, lines.Count(l => l.StartsWith("│ PASS ", StringComparison.Ordinal)));
        Assert.Equal(results.Length - passed, lines.Count(l => l.StartsWith("│ FAIL ", StringComparison.Ordinal)));
        Assert.Contains($"Verification: {passed} of {results.Length} checks passed.", lines[^1], StringComparison.Ordinal);

        using var statusTerminal = new EmulatedTerminal(width, colour: true);
        Assert.Equal(0, await CliApplication.RunAsync(["status", "--database-url", db.ConnectionString], statusTerminal, error));
        var statusLines = statusTerminal.VisibleLines.Where(l => l.Length > 0).ToArray();
        Assert.All(statusLines, l => Assert.True(EmulatedTerminal.Columns(l) <= width, $"{EmulatedTerminal.Columns(l)} columns > {width}: {l}"));
        var migrations = Sparkle.Db.Migrations.MigrationCatalog.Embedded().Migrations;
        Assert.Equal(migrations.Count, statusLines.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^│ \d{3}_.*│ applied ")));
        Assert.Equal("Up to date.", statusLines[^1]);
    }

    [Fact]
    public async Task Under_no_color_the_tables_carry_no_colour_and_the_health_levels_are_words()
    {
        // An invalid index is a red health check, whatever else the database looks like.
        await using (var connection = await db.OpenAsync())
        {
            await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS terminal_probe (id int PRIMARY KEY, code text)");
            await connection.ExecuteAsync("CREATE INDEX IF NOT EXISTS terminal_probe_invalid ON terminal_probe (code)");
            await connection.ExecuteAsync("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'terminal_probe_invalid'::regclass");
        }

        try
        {
            using var plain = new EmulatedTerminal(140, colour: false);
            using var error = new StringWriter();
            var code = await CliApplication.RunAsync(["monitor", "--database-url", db.ConnectionString], plain, error);

            Assert.Equal(0, code);
            Assert.False(EmulatedTerminal.HasColour(plain.ToString()), "colour under NO_COLOR");
            var invalid = Assert.Single(plain.VisibleLines, l => l.Contains("│ Invalid indexes", StringComparison.Ordinal));
            Assert.Contains("● red", invalid, StringComparison.Ordinal);

            // The same table in colour says the same words, and colours them.
            using var coloured = new EmulatedTerminal(140, colour: true);
            Assert.Equal(0, await CliApplication.RunAsync(["monitor", "--database-url", db.ConnectionString], coloured, error));
            Assert.True(EmulatedTerminal.HasColour(coloured.ToString()), "no colour on a colour terminal");
            Assert.Contains("● red", Assert.Single(coloured.VisibleLines, l => l.Contains("│ Invalid indexes", StringComparison.Ordinal)), StringComparison.Ordinal);

            using var verify = new EmulatedTerminal(140, colour: false);
            await CliApplication.RunAsync(["verify", "--database-url", db.ConnectionString], verify, error);
            Assert.False(EmulatedTerminal.HasColour(verify.ToString()), "colour under NO_COLOR");
            Assert.Contains(verify.VisibleLines, l => l.StartsWith("│ FAIL ", StringComparison.Ordinal) || l.StartsWith("│ PASS ", StringComparison.Ordinal));
        }
        finally
        {
            await using var connection = await db.OpenAsync();
            await connection.ExecuteAsync("DROP TABLE terminal_probe");
        }
    }

    [Theory]
    [InlineData(null, null, true, true)]
    [InlineData("1", null, true, false)]
    [InlineData("", null, true, true)]
    [InlineData(null, "dumb", false, true)]
    [InlineData(null, "xterm-256color", true, true)]
    public void The_environment_decides_rich_output_and_colour(string? noColor, string? term, bool interactive, bool colour)
    {
        var environment = new Dictionary<string, string?> { ["NO_COLOR"] = noColor, ["TERM"] = term };

        var profile = Sparkle.Db.Cli.Terminal.ForConsole(isTerminal: true, 120, name => environment.GetValueOrDefault(name));
        var redirected = Sparkle.Db.Cli.Terminal.ForConsole(isTerminal: false, 120, name => environment.GetValueOrDefault(name));

        Assert.Equal(interactive, profile.Interactive);
        Assert.Equal(colour, profile.Colour);
        Assert.False(redirected.Interactive);
    }
}
