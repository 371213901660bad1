using System.Globalization;
using Npgsql;
using Sparkle.Db.Cli;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Cli.Terminal;

/// <summary>
/// `migrate` shows a long index build while it runs: 008 is rolled back, a writer's open transaction holds its first
/// concurrent build on users (whichever index that is), and standard error (not a terminal) names the index, its table and PostgreSQL's phase
/// in a whole line before the writer lets it finish.
/// </summary>
public sealed class MigrationProgressOutputTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task A_concurrent_index_build_waiting_for_a_writer_is_shown_by_name_table_and_phase()
    {
        var (down, _, downError) = await CliRun.RunAsync("migrate", "--to", "7", "--database-url", db.ConnectionString);
        Assert.True(down == 0, downError);

        await using var writer = await db.OpenAsync();
        await using var transaction = await writer.BeginTransactionAsync();
        await writer.ExecuteAsync("""UPDATE users SET "updatedAt" = "updatedAt" WHERE false""");

        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        var error = TextWriter.Synchronized(buffer);
        var migrating = CliApplication.RunAsync(["migrate", "--database-url", db.ConnectionString], output, error);

        // Whichever of 008's indexes on users comes first (the catalog decides); the database then confirms it is one.
        var expected = new System.Text.RegularExpressions.Regex(@"index (?<index>\w+) on users: waiting for writers before build");
        for (var i = 0; i < 600 && !expected.IsMatch(Read(error, buffer)) && !migrating.IsCompleted; i++)
        {
            await Task.Delay(100);
        }

        var seen = Read(error, buffer);
        await transaction.CommitAsync();
        var code = await migrating;

        var match = expected.Match(seen);
        Assert.True(match.Success, $"exit {code}; standard error: {Read(error, buffer)}");
        Assert.True(code == 0, Read(error, buffer));
        await using (var check = await db.OpenAsync())
        {
            Assert.True(await check.ScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'users' AND indexname = $1)", match.Groups["index"].Value));
        }

        Assert.Contains("Applied 2 migration(s)", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain('\r', Read(error, buffer));
        Assert.DoesNotContain('\u001b', Read(error, buffer));
    }

    // TextWriter.Synchronized locks the wrapper itself around each write: reading the buffer under that lock is safe.
    private static string Read(TextWriter synchronized, StringWriter buffer)
    {
        lock (synchronized)
        {
            return buffer.ToString();
        }
    }
}
