using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Cli;

/// <summary>What a new user does on day one, end to end through the CLI.</summary>
public sealed class LifecycleCommandTests(EmptyDatabaseFixture fixture) : IClassFixture<EmptyDatabaseFixture>
{
    [Fact]
    public async Task Up_seed_up_maintain_verify_each_exit_0()
    {
        // Regression (issue 16): the seeded history (months back) landed in the DEFAULT partitions, so the second `up`
        // failed partitions.default_empty and exited 1.
        string[][] steps =
        [
            ["up"],
            ["seed", "--scale", "0.02"],
            ["up"],
            ["maintain"],
            ["verify"],
        ];

        foreach (var step in steps)
        {
            var (code, output, error) = await CliRun.RunAsync([.. step, "--database-url", fixture.ConnectionString]);

            Assert.True(code == 0, $"sparkle-db {string.Join(' ', step)} exited {code}:\n{output}\n{error}");
            Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
        }

        await using var connection = await fixture.OpenAsync();
        Assert.True(await connection.ScalarAsync<long>("SELECT count(*) FROM notifications") > 1000);
        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM notifications_default"));
        Assert.Equal("healthy", await connection.ScalarAsync<string>("SELECT status FROM sparkle_db.maintenance_runs ORDER BY id DESC LIMIT 1"));
    }
}
