using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Behaviour;

public sealed class LevelProgressionTriggerTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Jump_across_several_levels_pays_each_reward_once_and_notifies_once(bool hasBalance)
    {
        // Check F-7, with and without a user_balances row.
        await using var connection = await db.OpenAsync();
        await TestData.LevelConfigsAsync(connection);
        var user = await TestData.UserAsync(connection);
        if (hasBalance)
        {
            // The app keeps users."sparklePoints" and user_balances in step; the ledger chains the former.
            await Sql.ExecAsync(connection, """UPDATE users SET "sparklePoints" = 5 WHERE id = $1""", user);
            await Sql.ExecAsync(
                connection,
                """INSERT INTO user_balances (id, "userId", "sparklePoints", "lifetimeEarned", "updatedAt") VALUES ($1, $2, 5, 5, now() AT TIME ZONE 'UTC')""",
                TestData.NewId("bal"), user);
        }

        var start = hasBalance ? 5 : 0;
        await Sql.ExecAsync(connection, "UPDATE users SET experience = 1200 WHERE id = $1", user);

        Assert.Equal(5, await Sql.ScalarAsync<int>(connection, "SELECT level FROM users WHERE id = $1", user));
        // Levels 2..5 pay 20 + 30 + 40 + 50 sparkle points and 1 + 2 premium points, one ledger row each.
        var ledger = await Sql.RowsAsync(
            connection,
            """
            SELECT "sourceId", "currencyType", amount, "balanceBefore", "balanceAfter", description, "transactionType"
            FROM currency_transactions WHERE "userId" = $1 AND source = 'level_up'
            ORDER BY "currencyType" DESC, "sourceId"
            """,
            user);
        Assert.Equal(
            new[]
            {
                new object?[] { "2", "sparkle", 20, start, start + 20, "Level 2 reward", "earn" },
                new object?[] { "3", "sparkle", 30, start + 20, start + 50, "Level 3 reward", "earn" },
                new object?[] { "4", "sparkle", 40, start + 50, start + 90, "Level 4 reward", "earn" },
                new object?[] { "5", "sparkle", 50, start + 90, start + 140, "Level 5 reward", "earn" },
                new object?[] { "3", "premium", 1, 0, 1, "Level 3 reward", "earn" },
                new object?[] { "5", "premium", 2, 1, 3, "Level 5 reward", "earn" },
            },
            ledger);
        var balance = (await Sql.RowsAsync(
            connection,
            """SELECT "sparklePoints", "premiumPoints", "lifetimeEarned", "lastTransactionAt" IS NOT NULL FROM user_balances WHERE "userId" = $1""",
            user)).Single();
        Assert.Equal(new object?[] { start + 140, 3, start + 140, true }, balance);
        Assert.Equal(
            new object?[] { start + 140, 3 },
            (await Sql.RowsAsync(connection, """SELECT "sparklePoints", "premiumPoints" FROM users WHERE id = $1""", user)).Single());

        var notifications = await Sql.RowsAsync(
            connection, """SELECT title, message, priority FROM notifications WHERE "userId" = $1 AND type = 'LEVEL_UP'""", user);
        Assert.Equal(new object?[] { "Level Up! You reached level 5!", "Congratulations! You are now a Master!", 1 }, Assert.Single(notifications));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(connection, """SELECT count(*) FROM xp_logs WHERE "userId" = $1""", user));
    }

    [Fact]
    public async Task Levels_never_decrease_and_a_level_is_paid_only_once()
    {
        await using var connection = await db.OpenAsync();
        await TestData.LevelConfigsAsync(connection);
        var user = await TestData.UserAsync(connection);
        await Sql.ExecAsync(connection, "UPDATE users SET experience = 350 WHERE id = $1", user);
        Assert.Equal(3, await LevelAsync(connection, user));

        await Sql.ExecAsync(connection, "UPDATE users SET experience = 50 WHERE id = $1", user);
        Assert.Equal(3, await LevelAsync(connection, user));

        // An administrative reset of the level, then the XP rises again: the level comes back and is
        // notified, but levels 2 and 3 are not paid twice; level 4 is new.
        await Sql.ExecAsync(connection, "UPDATE users SET level = 1 WHERE id = $1", user);
        await Sql.ExecAsync(connection, "UPDATE users SET experience = 700 WHERE id = $1", user);

        Assert.Equal(4, await LevelAsync(connection, user));
        Assert.Equal(
            new[] { "2", "3", "3", "4" },
            await connection.ColumnAsync<string>(
                """SELECT "sourceId" FROM currency_transactions WHERE "userId" = $1 AND source = 'level_up' ORDER BY 1""", user));
        Assert.Equal(2L, await Sql.ScalarAsync<long>(connection, """SELECT count(*) FROM notifications WHERE "userId" = $1 AND type = 'LEVEL_UP'""", user));
    }

    [Fact]
    public async Task Xp_change_within_a_level_writes_nothing()
    {
        await using var connection = await db.OpenAsync();
        await TestData.LevelConfigsAsync(connection);
        var user = await TestData.UserAsync(connection);

        await Sql.ExecAsync(connection, "UPDATE users SET experience = 99 WHERE id = $1", user);

        Assert.Equal(1, await LevelAsync(connection, user));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(connection, """SELECT count(*) FROM notifications WHERE "userId" = $1""", user));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(connection, """SELECT count(*) FROM user_balances WHERE "userId" = $1""", user));
    }

    [Fact]
    public async Task Rows_written_by_a_level_up_are_complete_and_in_utc()
    {
        // Check F-13 on the level-up path.
        await using var connection = await db.OpenAsync();
        await TestData.LevelConfigsAsync(connection);
        await Sql.ExecAsync(connection, "SET TimeZone = 'America/New_York'");
        var user = await TestData.UserAsync(connection);

        await using var transaction = await connection.BeginTransactionAsync();
        await Sql.ExecAsync(connection, "UPDATE users SET experience = 100 WHERE id = $1", user);
        // A level-up settles at commit; SET CONSTRAINTS ... IMMEDIATE settles it now, inside the transaction whose
        // now() its rows must carry.
        Assert.Equal(0L, await Sql.ScalarAsync<long>(connection, """SELECT count(*) FROM notifications WHERE "userId" = $1""", user));
        await Sql.ExecAsync(connection, "SET CONSTRAINTS sparkle_db.settle_level_up IMMEDIATE");
        Assert.Equal(1L, await Sql.ScalarAsync<long>(connection, """SELECT count(*) FROM notifications WHERE "userId" = $1""", user));

        const string Now = "(now() AT TIME ZONE 'UTC')::timestamp(3)";
        Assert.True(await Sql.ScalarAsync<bool>(
            connection,
            $"""
            SELECT bool_and(length(n.id) = 36 AND n."createdAt" = {Now} AND n."updatedAt" = {Now})
               AND (SELECT bool_and(length(c.id) = 36 AND c."createdAt" = {Now}) FROM currency_transactions c WHERE c."userId" = $1)
               AND (SELECT bool_and(length(b.id) = 36 AND b."updatedAt" = {Now} AND b."lastTransactionAt" = {Now})
                    FROM user_balances b WHERE b."userId" = $1)
            FROM notifications n WHERE n."userId" = $1
            """,
            user));
    }

    private static Task<int> LevelAsync(NpgsqlConnection connection, string user) =>
        Sql.ScalarAsync<int>(connection, "SELECT level FROM users WHERE id = $1", user);
}
