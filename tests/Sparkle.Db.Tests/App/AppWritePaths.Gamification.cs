using Sparkle.Db.Tests.Support;

namespace Sparkle.Db.Tests.App;

/// <summary>The app's gamification write paths (gamification.service).</summary>
internal sealed partial class AppWritePaths
{
    /// <summary>The app's own level formula (gamification.service <c>calculateLevel</c>).</summary>
    public static int AppLevel(int xp) => (int)Math.Floor(Math.Sqrt(xp / 100.0)) + 1;

    /// <summary>
    /// gamification.service <c>awardXP</c>, in one interactive transaction: the user's experience and (its own formula's)
    /// level, an xp_logs row and, when the level rose, <c>handleLevelUp</c>: each level's rewards through
    /// <c>awardSparklePointsTransaction</c>/<c>awardPremiumPointsTransaction</c> (users balance, user_balances upsert, a
    /// currency_transactions row with source level_up and sourceId = the level), a bonus xp_logs row, and a LEVEL_UP
    /// notification that its NotificationService writes on its own connection (<c>this.db</c>, not the transaction)
    /// before the transaction commits. Left out: userStats.upsert totalXpEarned and userActivity (v4.3 has no
    /// user_stats."totalXpEarned"; the app's call fails there on any database), auditLog.
    /// Without the app's level-up code (<see cref="AppCounters"/> off) it only adds the XP and logs it.
    /// </summary>
    public Task AwardXpAsync(string userId, int amount, string source, PrismaStatements notificationService) =>
        prisma.TransactionAsync(async () =>
        {
            if (!appCounters)
            {
                var updated = await prisma.UpdateAsync("users", "id", userId, increments: new Dictionary<string, int> { ["experience"] = amount });
                await XpLogAsync(userId, amount, source, (int)updated["experience"]!);
                return;
            }

            var user = await prisma.FindUniqueAsync("users", "id", userId) ?? throw new RecordNotFoundException("User not found");
            var oldLevel = (int)user["level"]!;
            var newXp = (int)user["experience"]! + amount;
            var newLevel = AppLevel(newXp);
            await prisma.UpdateAsync(
                "users", "id", userId,
                set: new Dictionary<string, object?> { ["experience"] = newXp, ["level"] = newLevel },
                increments: new Dictionary<string, int> { ["version"] = 1 });
            await XpLogAsync(userId, amount, source, newXp);
            if (newLevel <= oldLevel)
            {
                return;
            }

            for (var level = oldLevel + 1; level <= newLevel; level++)
            {
                var config = await prisma.FindUniqueAsync("level_configs", "level", level);
                if (config is null)
                {
                    continue;
                }

                if ((int)config["sparkleReward"]! > 0)
                {
                    await AwardPointsAsync(userId, "sparkle", (int)config["sparkleReward"]!, "level_up", level.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                if ((int)config["premiumReward"]! > 0)
                {
                    await AwardPointsAsync(userId, "premium", (int)config["premiumReward"]!, "level_up", level.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            await prisma.CreateAsync("xp_logs", new Dictionary<string, object?>
            {
                ["userId"] = userId, ["amount"] = 100 * (newLevel - oldLevel), ["source"] = "level_up",
                ["reason"] = $"Level up bonus ({oldLevel} → {newLevel})", ["bonusXp"] = 100 * (newLevel - oldLevel), ["totalXp"] = 0,
            });
            await new AppWritePaths(notificationService, appCounters).NotifyAsync(
                userId, "LEVEL_UP", newLevel.ToString(System.Globalization.CultureInfo.InvariantCulture), "level", "Level Up!");
        });

    /// <summary>
    /// gamification.service <c>checkAchievements</c> then <c>unlockAchievement</c>: skipped when the user's holding is already
    /// unlocked (progress 1); otherwise in one transaction the holding (upsert, progress 1), the XP reward with its xp_logs
    /// row, the sparkle reward; then the ACHIEVEMENT_UNLOCKED notification. Returns whether the app unlocked it.
    /// </summary>
    public async Task<bool> UnlockAchievementAsync(string userId, string code)
    {
        var achievement = await prisma.FindUniqueAsync("achievements", "code", code) ?? throw new RecordNotFoundException(code);
        var achievementId = (string)achievement["id"]!;
        var held = await prisma.Connection.ScalarAsync<double?>(
            """SELECT progress FROM "public"."user_achievements" WHERE "userId" = $1 AND "achievementId" = $2""", userId, achievementId);
        if (held >= 1)
        {
            return false;
        }

        await prisma.TransactionAsync(async () =>
        {
            var now = PrismaStatements.Now();
            await prisma.UpsertAsync(
                "user_achievements", ["userId", "achievementId"],
                new Dictionary<string, object?>
                {
                    ["userId"] = userId, ["achievementId"] = achievementId, ["progress"] = 1.0, ["unlockedAt"] = now, ["claimedRewards"] = true,
                },
                new Dictionary<string, object?> { ["progress"] = 1.0, ["unlockedAt"] = now, ["claimedRewards"] = true },
                null);
            var xp = (int)achievement["xpReward"]!;
            if (xp > 0)
            {
                await prisma.UpdateAsync("users", "id", userId, increments: new Dictionary<string, int> { ["experience"] = xp });
                await XpLogAsync(userId, xp, "achievement", 0, achievementId);
            }

            var sparkle = (int)achievement["sparklePointsReward"]!;
            if (sparkle > 0)
            {
                await AwardPointsAsync(userId, "sparkle", sparkle, "achievement", achievementId);
            }
        });
        await NotifyAsync(userId, "ACHIEVEMENT_UNLOCKED", achievementId, "achievement", "Achievement Unlocked!");
        return true;
    }

    /// <summary>notification.service <c>createNotification</c> (preferences allow it, no duplicate in the last five minutes).</summary>
    public async Task NotifyAsync(string userId, string type, string entityId, string entityType, string title)
    {
        var duplicate = await prisma.Connection.ScalarAsync<long>(
            """
            SELECT count(*) FROM "public"."notifications"
            WHERE "userId" = $1 AND "type" = CAST($2::text AS "public"."NotificationType") AND "entityId" = $3
              AND "createdAt" >= $4
            """,
            userId, type, entityId, PrismaStatements.Now().AddMinutes(-5));
        if (duplicate > 0)
        {
            return;
        }

        await prisma.CreateAsync("notifications", new Dictionary<string, object?>
        {
            ["type"] = new PgEnum("NotificationType", type), ["userId"] = userId, ["entityId"] = entityId, ["entityType"] = entityType,
            ["title"] = title, ["message"] = title, ["priority"] = 0,
        });
    }

    // gamification.service awardSparklePointsTransaction / awardPremiumPointsTransaction (userActivity left out, see above).
    private async Task AwardPointsAsync(string userId, string currency, int amount, string source, string sourceId)
    {
        var column = currency == "sparkle" ? "sparklePoints" : "premiumPoints";
        var user = await prisma.UpdateAsync(
            "users", "id", userId, increments: new Dictionary<string, int> { [column] = amount, ["version"] = 1 });
        await prisma.UpsertAsync(
            "user_balances", ["userId"],
            new Dictionary<string, object?>
            {
                ["userId"] = userId, ["sparklePoints"] = currency == "sparkle" ? amount : 0, ["premiumPoints"] = currency == "premium" ? amount : 0,
                ["lifetimeEarned"] = amount, ["lifetimeSpent"] = 0, ["version"] = 0,
            },
            new Dictionary<string, object?> { ["lastTransactionAt"] = PrismaStatements.Now() },
            new Dictionary<string, int> { [column] = amount, ["lifetimeEarned"] = amount, ["version"] = 1 });
        var after = (int)user[column]!;
        await prisma.CreateAsync("currency_transactions", new Dictionary<string, object?>
        {
            ["userId"] = userId, ["amount"] = amount, ["currencyType"] = currency, ["transactionType"] = "earn", ["source"] = source,
            ["sourceId"] = sourceId, ["balanceBefore"] = after - amount, ["balanceAfter"] = after,
        });
    }

    private Task XpLogAsync(string userId, int amount, string source, int totalXp, string? sourceId = null) =>
        prisma.CreateAsync("xp_logs", new Dictionary<string, object?>
        {
            ["userId"] = userId, ["amount"] = amount, ["source"] = source, ["sourceId"] = sourceId,
            ["reason"] = $"Earned {amount} XP from {source}", ["totalXp"] = totalXp, ["metadata"] = new Json("{}"),
        });
}
