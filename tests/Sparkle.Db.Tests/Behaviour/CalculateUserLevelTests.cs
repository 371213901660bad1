using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Behaviour;

public sealed class CalculateUserLevelTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    // The configuration of check F-1: level 4 is deliberately missing.
    private const string Configs = """
        INSERT INTO level_configs (level, "requiredXp", title, "createdAt")
        VALUES (1, 0, 'One', now() AT TIME ZONE 'UTC'), (2, 100, 'Two', now() AT TIME ZONE 'UTC'),
               (3, 300, 'Three', now() AT TIME ZONE 'UTC'), (5, 1000, 'Five', now() AT TIME ZONE 'UTC')
        ON CONFLICT (level) DO NOTHING
        """;

    [Theory]
    [InlineData(0, 1)]
    [InlineData(99, 1)]
    [InlineData(100, 2)]
    [InlineData(101, 2)]
    [InlineData(150, 2)]
    [InlineData(299, 2)]
    [InlineData(300, 3)]
    [InlineData(999, 3)]
    [InlineData(1000, 5)]
    [InlineData(1001, 5)]
    [InlineData(5000, 5)]
    [InlineData(-5, 1)]
    public async Task Level_is_the_highest_level_whose_threshold_is_reached(int experience, int expected)
    {
        await using var connection = await db.OpenAsync();
        await Sql.ExecAsync(connection, Configs);

        Assert.Equal(expected, await Sql.ScalarAsync<int>(connection, "SELECT calculate_user_level($1)", experience));
    }

    [Fact]
    public async Task Level_is_one_when_no_level_configs_exist()
    {
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Sql.ExecAsync(connection, "DELETE FROM level_configs");

        Assert.Equal(1, await Sql.ScalarAsync<int>(connection, "SELECT calculate_user_level(5000)"));
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task Function_is_stable_with_a_pinned_search_path()
    {
        await using var connection = await db.OpenAsync();
        var row = (await Sql.RowsAsync(
            connection,
            """
            SELECT p.provolatile::text, array_to_string(p.proconfig, ',')
            FROM pg_proc p WHERE p.oid = 'calculate_user_level(integer)'::regprocedure
            """)).Single();

        Assert.Equal("s", row[0]);
        Assert.Equal("search_path=pg_catalog, public", row[1]);
    }
}
