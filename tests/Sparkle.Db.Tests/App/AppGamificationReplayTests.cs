using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.App;

/// <summary>
/// Level-ups, rewards, achievements and their notifications, as the app performs them (gamification.service) and as the
/// database performs them where the app does not: each effect exactly once.
/// </summary>
public sealed class AppGamificationReplayTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await using var connection = await db.OpenAsync();
        // The app's formula (level = floor(sqrt(xp / 100)) + 1) as level configs, as its seed would write them:
        // level 2 at 100 XP, 3 at 400, 4 at 900; sparkle 10 x level, premium 1 at level 4.
        await connection.ExecuteAsync(
            """
            INSERT INTO level_configs (level, "requiredXp", title, "sparkleReward", "premiumReward", "createdAt")
            VALUES (1, 0, 'Newcomer', 0, 0, now()), (2, 100, 'Apprentice', 20, 0, now()), (3, 400, 'Adept', 30, 0, now()),
                   (4, 900, 'Expert', 40, 1, now()), (5, 1600, 'Master', 50, 0, now())
            ON CONFLICT (level) DO NOTHING
            """);
        await connection.ExecuteAsync(
            """
            INSERT INTO achievements (id, code, name, icon, "xpReward", "sparklePointsReward", "premiumPointsReward", "createdAt", "updatedAt")
            VALUES ('ach_first_post', 'FIRST_POST', 'First Post', 'icon', 150, 5, 0, now(), now())
            ON CONFLICT (code) DO NOTHING
            """);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_apps_level_up_in_its_transaction_is_not_paid_or_notified_again_at_commit()
    {
        var (app, notifications, connection) = await SessionAsync(appCounters: true);
        await using var _ = connection;
        await using var __ = notifications.Connection;
        var user = await app.RegisterAsync();

        // 0 -> 950 XP: levels 2, 3 and 4 crossed in one awardXP.
        await app.AwardXpAsync(user, 950, "post_create", notifications);

        Assert.Equal(4, await connection.ScalarAsync<int>("SELECT level FROM users WHERE id = $1", user));
        Assert.Equal(
            ["2 sparkle 20", "3 sparkle 30", "4 premium 1", "4 sparkle 40"],
            await LedgerAsync(connection, user));
        Assert.Equal(["LEVEL_UP 4"], await LevelUpNotificationsAsync(connection, user));
        // Paid once, in the balances the app keeps: the welcome 100 in user_balances, plus the rewards in both.
        Assert.Equal("90 1 190 1", await BalancesAsync(connection, user));
    }

    [Fact]
    public async Task Without_the_apps_level_up_code_the_database_pays_each_level_once_and_notifies_once()
    {
        var (app, notifications, connection) = await SessionAsync(appCounters: false);
        await using var _ = connection;
        await using var __ = notifications.Connection;
        var user = await app.RegisterAsync();

        await app.AwardXpAsync(user, 950, "post_create", notifications);
        Assert.Equal(4, await connection.ScalarAsync<int>("SELECT level FROM users WHERE id = $1", user));
        Assert.Equal(
            ["2 sparkle 20", "3 sparkle 30", "4 premium 1", "4 sparkle 40"],
            await LedgerAsync(connection, user));
        Assert.Equal(["LEVEL_UP 4"], await LevelUpNotificationsAsync(connection, user));
        Assert.Equal("90 1 190 1", await BalancesAsync(connection, user));

        // More XP inside the level: nothing more.
        await app.AwardXpAsync(user, 10, "comment", notifications);
        Assert.Equal(4, (await LedgerAsync(connection, user)).Count);
        Assert.Single(await LevelUpNotificationsAsync(connection, user));
    }

    [Fact]
    public async Task A_level_up_the_app_only_half_settles_is_completed_by_the_database()
    {
        // The app pays level 2 itself in the transaction that also reaches level 3 (say its loop stopped early);
        // the database pays level 3 and sends the notification the app did not.
        var (app, _, connection) = await SessionAsync(appCounters: true);
        await using var __ = connection;
        var user = await app.RegisterAsync();
        await app.Prisma.TransactionAsync(async () =>
        {
            await app.Prisma.UpdateAsync("users", "id", user, set: new Dictionary<string, object?> { ["experience"] = 450, ["level"] = 3 });
            await app.Prisma.UpdateAsync("users", "id", user, increments: new Dictionary<string, int> { ["sparklePoints"] = 20 });
            await app.Prisma.CreateAsync("currency_transactions", new Dictionary<string, object?>
            {
                ["userId"] = user, ["amount"] = 20, ["currencyType"] = "sparkle", ["transactionType"] = "earn", ["source"] = "level_up",
                ["sourceId"] = "2", ["balanceBefore"] = 0, ["balanceAfter"] = 20,
            });
        });

        Assert.Equal(["2 sparkle 20", "3 sparkle 30"], await LedgerAsync(connection, user));
        Assert.Equal(["LEVEL_UP 3"], await LevelUpNotificationsAsync(connection, user));
        Assert.Equal(50, await connection.ScalarAsync<int>("""SELECT "sparklePoints" FROM users WHERE id = $1""", user));
    }

    [Fact]
    public async Task An_achievement_the_database_granted_is_not_unlocked_again_by_the_app()
    {
        var (app, _, connection) = await SessionAsync(appCounters: true);
        await using var __ = connection;
        var author = await app.RegisterAsync();

        await app.CreatePostAsync(author);   // FIRST_POST: granted by the database in the post's insert
        Assert.False(await app.UnlockAchievementAsync(author, "FIRST_POST"));

        Assert.Equal(1L, await HoldingsAsync(connection, author));
        Assert.Equal(1L, await connection.ScalarAsync<long>(
            """SELECT count(*) FROM notifications WHERE "userId" = $1 AND type = 'ACHIEVEMENT_UNLOCKED'""", author));
        Assert.Equal(["achievement sparkle 5", "level_up sparkle 20"], await RewardsAsync(connection, author));
        // 150 XP from the achievement, logged once by the database; it also reached level 2 (paid once, at commit).
        Assert.Equal(150, await connection.ScalarAsync<int>("SELECT experience FROM users WHERE id = $1", author));
        Assert.Equal(1L, await connection.ScalarAsync<long>("""SELECT count(*) FROM xp_logs WHERE "userId" = $1""", author));
    }

    [Fact]
    public async Task An_achievement_the_app_unlocked_first_is_not_granted_again_by_the_database()
    {
        var (app, _, connection) = await SessionAsync(appCounters: true);
        await using var __ = connection;
        var author = await app.RegisterAsync();
        // The app tracks progress in the holding's row first (progress below 1), then unlocks it itself.
        await app.Prisma.UpsertAsync(
            "user_achievements", ["userId", "achievementId"],
            new Dictionary<string, object?> { ["userId"] = author, ["achievementId"] = "ach_first_post", ["progress"] = 0.5 },
            new Dictionary<string, object?> { ["progress"] = 0.5 }, null);
        Assert.True(await app.UnlockAchievementAsync(author, "FIRST_POST"));

        await app.CreatePostAsync(author);

        Assert.Equal(1L, await HoldingsAsync(connection, author));
        Assert.Equal(1L, await connection.ScalarAsync<long>(
            """SELECT count(*) FROM notifications WHERE "userId" = $1 AND type = 'ACHIEVEMENT_UNLOCKED'""", author));
        Assert.Equal(["achievement sparkle 5", "level_up sparkle 20"], await RewardsAsync(connection, author));
    }

    [Fact]
    public async Task The_apps_progress_row_does_not_stop_the_database_from_granting()
    {
        var (app, _, connection) = await SessionAsync(appCounters: false);
        await using var __ = connection;
        var author = await app.RegisterAsync();
        await app.Prisma.UpsertAsync(
            "user_achievements", ["userId", "achievementId"],
            new Dictionary<string, object?> { ["userId"] = author, ["achievementId"] = "ach_first_post", ["progress"] = 0.5 },
            new Dictionary<string, object?> { ["progress"] = 0.5 }, null);

        await app.CreatePostAsync(author);

        Assert.Equal(1.0, await connection.ScalarAsync<double>(
            """SELECT progress FROM user_achievements WHERE "userId" = $1 AND "achievementId" = 'ach_first_post'""", author));
        Assert.Equal(["achievement sparkle 5", "level_up sparkle 20"], await RewardsAsync(connection, author));
    }

    private async Task<(AppWritePaths App, PrismaStatements Notifications, NpgsqlConnection Connection)> SessionAsync(bool appCounters)
    {
        var connection = await AppRole.OpenAsync(db);
        // The app's NotificationService writes through the client's pool, not the transaction: another connection.
        var notifications = new PrismaStatements(await AppRole.OpenAsync(db));
        return (new AppWritePaths(new PrismaStatements(connection), appCounters), notifications, connection);
    }

    private static Task<List<string>> LedgerAsync(NpgsqlConnection connection, string user) =>
        connection.ColumnAsync<string>(
            """
            SELECT format('%s %s %s', "sourceId", "currencyType", amount) FROM currency_transactions
            WHERE "userId" = $1 AND source = 'level_up' ORDER BY "sourceId"::int, "currencyType"
            """,
            user);

    private static Task<List<string>> RewardsAsync(NpgsqlConnection connection, string user) =>
        connection.ColumnAsync<string>(
            """SELECT format('%s %s %s', source, "currencyType", amount) FROM currency_transactions WHERE "userId" = $1 ORDER BY 1""", user);

    private static Task<List<string>> LevelUpNotificationsAsync(NpgsqlConnection connection, string user) =>
        connection.ColumnAsync<string>(
            """SELECT format('%s %s', type, "entityId") FROM notifications WHERE "userId" = $1 AND type = 'LEVEL_UP' ORDER BY 1""", user);

    private static async Task<string> BalancesAsync(NpgsqlConnection connection, string user) =>
        (await connection.ColumnAsync<string>(
            """
            SELECT format('%s %s %s %s', u."sparklePoints", u."premiumPoints", b."sparklePoints", b."premiumPoints")
            FROM users u JOIN user_balances b ON b."userId" = u.id WHERE u.id = $1
            """,
            user)).Single();

    private static Task<long> HoldingsAsync(NpgsqlConnection connection, string user) =>
        connection.ScalarAsync<long>("""SELECT count(*) FROM user_achievements WHERE "userId" = $1 AND progress >= 1""", user);
}
