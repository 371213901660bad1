using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Cli;

public sealed class UpCommandTests(EmptyDatabaseFixture fixture) : IClassFixture<EmptyDatabaseFixture>
{
    [Fact]
    public async Task Up_migrates_an_empty_database_verifies_it_and_a_second_run_applies_nothing()
    {
        var catalog = Sparkle.Db.Migrations.MigrationCatalog.Embedded();

        var (code, output, error) = await CliRun.RunAsync("up", "--database-url", fixture.ConnectionString);

        Assert.True(code == 0, output + error);
        Assert.Contains($"Applied {catalog.Migrations.Count} migration(s)", output, StringComparison.Ordinal);
        Assert.Matches(@"Verification: (\d+) of \1 checks passed\.", output);
        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);

        var (again, againOutput, _) = await CliRun.RunAsync("up", "--database-url", fixture.ConnectionString);

        Assert.Equal(0, again);
        Assert.Contains($"Nothing to apply: all {catalog.Migrations.Count} migrations are already applied.", againOutput, StringComparison.Ordinal);
    }
}
