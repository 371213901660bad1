using System.Text.Json;
using Sparkle.Db.Cli;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Operations;

/// <summary>The verify, monitor and maintain commands end to end through the CLI front end.</summary>
public sealed class OperationsCommandTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync([.. args, "--database-url", db.ConnectionString], output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Verify_exits_non_zero_and_names_the_failed_check_when_an_object_is_missing()
    {
        await using (var connection = await db.OpenAsync())
        {
            await connection.ExecuteAsync("DROP VIEW IF EXISTS blocking_locks");
        }

        var (exitCode, output, _) = await RunAsync("verify", "--json");

        Assert.Equal(1, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("passed").GetBoolean());
        var phase009 = json.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "plan.objects.phase_009");
        Assert.False(phase009.GetProperty("passed").GetBoolean());
        Assert.Contains("blocking_locks", phase009.GetProperty("found").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_json_carries_every_section_and_the_thresholds_given()
    {
        var (exitCode, output, error) = await RunAsync("monitor", "--json", "--slow-ms", "5", "--top", "3");

        Assert.True(exitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(5, root.GetProperty("thresholds").GetProperty("slowMeanMs").GetDouble());
        foreach (var section in new[] { "cacheHitRatios", "statements", "indexes", "bloat", "blockingLocks", "longRunning", "idleInTransaction", "connections", "sequences" })
        {
            Assert.True(root.TryGetProperty(section, out _), section);
        }
    }

    [Fact]
    public async Task Monitor_text_shows_each_section_headline()
    {
        var (exitCode, output, _) = await RunAsync("monitor");

        Assert.Equal(0, exitCode);
        foreach (var headline in new[] { "Cache hit ratio (target 99 %)", "Slowest statements (mean ≥ 20 ms)", "Indexes — scan counts", "Blocking locks", "Connections" })
        {
            Assert.Contains(headline, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Maintain_reports_its_steps_and_the_journal_row()
    {
        var (exitCode, output, error) = await RunAsync("maintain", "--json");

        Assert.True(exitCode == 0, error + output);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("healthy", json.RootElement.GetProperty("status").GetString());
        Assert.True(json.RootElement.GetProperty("journalId").GetInt64() > 0);
        Assert.Contains(json.RootElement.GetProperty("steps").EnumerateArray(), s => s.GetProperty("kind").GetString() == "analyze");
    }
}
