using System.Globalization;
using System.Text.RegularExpressions;
using Sparkle.Db.Cli;
using Sparkle.Db.Connections;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Cli.Terminal;

/// <summary>
/// seed's progress as a person (or a log) sees it: bars that fit a narrow terminal on one, and whole lines (one per
/// table, with its rows) where standard error is not a terminal. Each case seeds a database of its own.
/// </summary>
public sealed partial class SeedProgressOutputTests
{
    [Fact]
    public async Task Where_standard_error_is_not_a_terminal_progress_is_one_whole_line_per_table_with_the_rows_it_loaded()
    {
        await WithEmptyMigratedDatabaseAsync(async target =>
        {
            using var output = new StringWriter(CultureInfo.InvariantCulture);
            using var error = new StringWriter(CultureInfo.InvariantCulture);

            var code = await CliApplication.RunAsync(["seed", "--scale", "0.001", "--database-url", target.ConnectionString], output, error);

            Assert.True(code == 0, error.ToString());
            var log = error.ToString();
            Assert.DoesNotContain('\r', log);
            Assert.DoesNotContain('\u001b', log);

            // The last "done" line of each table carries the rows the summary on standard output lists for it, and the
            // table holds that many rows (read back from the database: an oracle independent of the seeder's count).
            var done = DoneLine().Matches(log).GroupBy(m => m.Groups["table"].Value)
                .ToDictionary(g => g.Key, g => long.Parse(g.Last().Groups["rows"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
            var summary = SummaryLine().Matches(output.ToString())
                .ToDictionary(m => m.Groups["table"].Value, m => long.Parse(m.Groups["rows"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
            Assert.NotEmpty(summary);
            Assert.Equal(summary.OrderBy(p => p.Key, StringComparer.Ordinal), done.OrderBy(p => p.Key, StringComparer.Ordinal));
            await using var connection = new Npgsql.NpgsqlConnection(target.ConnectionString);
            await connection.OpenAsync();
            foreach (var table in new[] { "users", "posts", "comments" })
            {
                Assert.Equal(await connection.ScalarAsync<long>($"SELECT count(*) FROM {table}"), done[table]);
            }
        });
    }

    [Fact]
    public async Task On_a_narrow_terminal_the_bars_fit_its_width_and_end_with_every_table_at_its_rows()
    {
        const int width = 72;
        await WithEmptyMigratedDatabaseAsync(async target =>
        {
            using var output = new StringWriter(CultureInfo.InvariantCulture);
            using var terminal = new EmulatedTerminal(width, colour: true);

            var code = await CliApplication.RunAsync(["seed", "--scale", "0.001", "--database-url", target.ConnectionString], output, terminal);

            Assert.True(code == 0, terminal.ToString());
            var lines = terminal.VisibleLines.Where(l => l.Trim().Length > 0).ToArray();
            Assert.All(lines, l => Assert.True(EmulatedTerminal.Columns(l) <= width, $"{EmulatedTerminal.Columns(l)} columns > {width}: {l}"));
            Assert.Contains(lines, l => l.Contains("all tables", StringComparison.Ordinal) && l.Contains("100%", StringComparison.Ordinal));
            var users = SummaryLine().Matches(output.ToString()).Single(m => m.Groups["table"].Value == "users").Groups["rows"].Value;
            Assert.Contains(lines, l => Regex.IsMatch(l, $@"^users\s+{Regex.Escape(users)} rows\s+[0-9,]+/s"));
        });
    }

    private static async Task WithEmptyMigratedDatabaseAsync(Func<DatabaseTarget, Task> test)
    {
        var server = await TestServer.GetAsync();
        var target = await server.CreateDatabaseAsync(migrated: true, "seedprogress");
        try
        {
            await test(target);
        }
        finally
        {
            await server.DropDatabaseAsync(target);
        }
    }

    [GeneratedRegex(@"^  (?<table>\w+)\s+done\s+(?<rows>[0-9,]+) rows\s+[0-9,]+ rows/s", RegexOptions.Multiline)]
    private static partial Regex DoneLine();

    [GeneratedRegex(@"^  (?<table>\w+)\s+(?<rows>[0-9,]+)\r?$", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();
}
