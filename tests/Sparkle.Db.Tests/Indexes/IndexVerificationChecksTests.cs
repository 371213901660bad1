using Sparkle.Db.Tests.Support;
using Sparkle.Db.Verification;
using Xunit;

namespace Sparkle.Db.Tests.Indexes;

public sealed class IndexVerificationChecksTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Extension_and_index_checks_pass_on_a_migrated_database()
    {
        await using var connection = await db.OpenAsync();

        var report = await new Verifier([new ExtensionsCheck(), new PlannedIndexesCheck(), new ForeignKeyIndexesCheck()]).RunAsync(connection);

        // The planned-index check reports one result per origin (002, 008, foreign keys, the app's hot queries).
        Assert.Equal(7, report.Results.Count);
        Assert.All(report.Results, r => Assert.True(r.Passed, $"{r.Name}: {r.Found}"));
    }

    [Fact]
    public async Task Planned_index_check_names_a_dropped_index()
    {
        await using var connection = await db.OpenAsync();
        // The class shares one database: break it only inside a transaction that is rolled back.
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("DROP INDEX idx_group_members_active");

        var results = await new PlannedIndexesCheck().RunAsync(connection, CancellationToken.None);

        var phase008 = Assert.Single(results, r => r.Name == "indexes.planned.phase008");
        Assert.False(phase008.Passed);
        Assert.Contains("idx_group_members_active missing", phase008.Found, StringComparison.Ordinal);
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task Planned_index_check_names_an_index_that_is_a_recorded_departure()
    {
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // One the plan lists and the project does not build (D100): finding it is reported, not accepted silently.
        await connection.ExecuteAsync("""CREATE INDEX idx_tags_trending ON tags ("postCount" DESC, "createdAt" DESC) WHERE deleted = false AND featured = false""");

        var results = await new PlannedIndexesCheck().RunAsync(connection, CancellationToken.None);

        var phase008 = Assert.Single(results, r => r.Name == "indexes.planned.phase008");
        Assert.False(phase008.Passed);
        Assert.Contains("idx_tags_trending exists but is a recorded departure", phase008.Found, StringComparison.Ordinal);
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task Foreign_key_check_names_an_unindexed_foreign_key()
    {
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("""DROP INDEX "messages_replyToId_idx" """);

        var result = Assert.Single(await new ForeignKeyIndexesCheck().RunAsync(connection, CancellationToken.None));

        Assert.False(result.Passed);
        Assert.Contains("messages_replyToId_fkey", result.Found, StringComparison.Ordinal);
        await transaction.RollbackAsync();
    }
}
