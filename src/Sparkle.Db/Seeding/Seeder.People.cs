using System.Globalization;
using Npgsql;

namespace Sparkle.Db.Seeding;

public sealed partial class Seeder
{
    private static readonly string[] AchievementCodes =
    [
        "FIRST_POST", "FIRST_FOLLOWER", "PROLIFIC_WRITER", "WELL_LIKED", "SOCIAL_BUTTERFLY", "INFLUENCER",
        "STREAK_WEEK", "STREAK_MONTH", "CREATOR", "VERIFIED_CREATOR", "FIRST_COMMENT", "CONVERSATIONALIST",
        "FAN_ARTIST", "THEORIST", "EARLY_BIRD", "NIGHT_OWL", "EVENT_GOER", "GROUP_FOUNDER", "TRADER", "POLLSTER",
    ];

    private static readonly string[] Rarities = ["COMMON", "COMMON", "UNCOMMON", "UNCOMMON", "RARE", "EPIC", "LEGENDARY", "MYTHIC"];
    private static readonly string[] QuestTypes = ["DAILY", "WEEKLY", "MONTHLY", "SPECIAL", "ACHIEVEMENT", "SEASONAL", "COMMUNITY", "CREATOR"];
    private static readonly string[] Interests = ["music", "art", "theory", "cosplay", "gaming", "video", "writing", "dance", "lore", "collecting"];

    private string UserId(int i) => _ids.For('u', i);

    private async Task<SeedUsers> CopyUsersAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var random = SeedRandom.For(_options.Seed, "users");
        var users = new SeedUsers(_plan.Users, new Permutation(_plan.Users, SeedRandom.For(_options.Seed, "users.rank")));
        var rankOf = new int[_plan.Users];
        for (var r = 0; r < _plan.Users; r++)
        {
            rankOf[users.ByRank(r)] = r;
        }

        await CopyAsync(connection, "users",
            "\"id\", \"email\", \"username\", \"hashedPassword\", \"image\", \"bio\", \"role\", \"status\", \"verified\", \"verifiedAt\", " +
            "\"experience\", \"level\", \"sparklePoints\", \"reputationScore\", \"lastSeenAt\", \"onlineStatus\", \"emailVerified\", " +
            "\"deleted\", \"deletedAt\", \"createdAt\", \"updatedAt\", \"creatorRevenueShare\", \"totalRevenueEarned\"",
            sink =>
            {
                for (var i = 0; i < _plan.Users; i++)
                {
                    var rank = rankOf[i];
                    var top = (double)rank / _plan.Users;
                    var role = top < 0.005 ? "VERIFIED_CREATOR" : top < 0.03 ? "CREATOR"
                        : random.Chance(0.004) ? "MODERATOR" : random.Chance(0.001) ? "ADMIN" : "USER";
                    var deleted = random.Chance(0.01);
                    var status = deleted ? "DELETED" : random.NextDouble() switch
                    {
                        < 0.04 => "PENDING_VERIFICATION",
                        < 0.06 => "SUSPENDED",
                        < 0.07 => "BANNED",
                        _ => "ACTIVE",
                    };
                    var created = DaysAgo(30 + random.NextDouble() * 600);
                    users.Created[i] = created;
                    users.Deleted[i] = deleted;
                    var experience = (int)(50_000 * Math.Pow(1 - top, 8) * random.NextDouble());
                    var level = 1 + (int)Math.Sqrt(experience / 100.0);
                    var verified = role == "VERIFIED_CREATOR" || random.Chance(0.02);
                    var username = SeedText.Words[random.Next(SeedText.Words.Length)] + "_" + i.ToString(CultureInfo.InvariantCulture);
                    var lastSeen = Max(created, DaysAgo(60 * Math.Pow(random.NextDouble(), 3)));
                    var revenue = role.EndsWith("CREATOR", StringComparison.Ordinal) ? (long)(2_000_000 * Math.Pow(random.NextDouble(), 4)) : 0L;
                    sink.Row();
                    sink.Text(UserId(i)).Text(username + "@example.test").Text(username).Text("$argon2id$seed")
                        .Text(random.Chance(0.7) ? $"https://cdn.example.test/avatars/{i}.png" : null)
                        .Text(random.Chance(0.5) ? SeedText.Sentence(random, random.Next(5, 25)) : null)
                        .Enum(role).Enum(status).Bool(verified).Time(verified ? created.AddDays(3) : null)
                        .Int(experience).Int(level).Int(experience / 10).Int(experience / 20)
                        .Time(lastSeen).Bool(!deleted && random.Chance(0.05)).Time(created.AddHours(1))
                        .Bool(deleted).Time(deleted ? DaysAgo(random.NextDouble() * 20) : null)
                        .Time(created).Time(Max(created, lastSeen))
                        .Decimal(0.7000m).Long(revenue);
                }
            }, ct);
        return users;
    }

    private async Task CopyProfilesAsync(NpgsqlConnection connection, SeedUsers users, CancellationToken ct)
    {
        var random = SeedRandom.For(_options.Seed, "profiles");
        string[] languages = ["en", "en", "en", "es", "fr", "de", "ja", "pt"];
        string[] frequencies = ["daily", "weekly", "never"];
        await CopyAsync(connection, "profiles",
            "\"id\", \"userId\", \"displayName\", \"location\", \"notificationSettings\", \"privacySettings\", \"themePreference\", " +
            "\"socialLinks\", \"interests\", \"skills\", \"profileCompleted\", \"profileCompleteness\", \"joinedCommunityAt\", \"createdAt\", \"updatedAt\"",
            sink =>
            {
                for (var i = 0; i < users.Count; i++)
                {
                    var created = users.Created[i];
                    var complete = random.Next(10, 101);
                    sink.Row();
                    sink.Text(_ids.For('p', i)).Text(UserId(i)).Text(SeedText.Title(random)).Text(random.Chance(0.4) ? "City " + random.Next(200) : null)
                        .Json($"{{\"language\":\"{random.Pick(languages)}\",\"emailDigestFrequency\":\"{random.Pick(frequencies)}\",\"push\":{(random.Chance(0.7) ? "true" : "false")}}}")
                        .Json(random.Chance(0.3) ? "{\"showEmail\":false,\"showActivity\":true}" : "{}")
                        .Json(random.Chance(0.4) ? $"{{\"mode\":\"{(random.Chance(0.6) ? "dark" : "light")}\"}}" : null)
                        .Json(random.Chance(0.3) ? $"{{\"twitter\":\"@u{i}\"}}" : null)
                        .Array(random.Chance(0.6) ? [random.Pick(Interests), random.Pick(Interests)] : null)
                        .Array(random.Chance(0.3) ? [random.Pick(Interests)] : null)
                        .Bool(complete > 80).Int(complete).Time(created).Time(created).Time(created);
                }
            }, ct);
    }

    private async Task CopyCatalogAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var random = SeedRandom.For(_options.Seed, "catalog");
        var anchor = DaysAgo(700);
        string[] categories = ["Theories", "Fan Art", "Music", "Videos", "News", "Tutorials", "Events", "Cosplay", "Lore", "Off Topic", "Art Critique", "Remixes"];
        await CopyAsync(connection, "categories", "\"id\", \"name\", \"slug\", \"description\", \"parentId\", \"displayOrder\", \"createdAt\", \"updatedAt\"", sink =>
        {
            for (var i = 0; i < SeedPlan.Categories; i++)
            {
                sink.Row();
                sink.Text(_ids.For('k', i)).Text(categories[i]).Text(categories[i].ToLowerInvariant().Replace(' ', '-'))
                    .Text(SeedText.Sentence(random, 8)).Text(i >= 10 ? _ids.For('k', i - 9) : null).Int(i).Time(anchor).Time(anchor);
            }
        }, ct);

        await CopyAsync(connection, "tags", "\"id\", \"name\", \"slug\", \"featured\", \"deleted\", \"deletedAt\", \"createdAt\"", sink =>
        {
            for (var i = 0; i < _plan.Tags; i++)
            {
                var name = SeedText.Words[i % SeedText.Words.Length] + (i >= SeedText.Words.Length ? "-" + (i / SeedText.Words.Length).ToString(CultureInfo.InvariantCulture) : "");
                var deleted = random.Chance(0.01);
                sink.Row();
                sink.Text(_ids.For('t', i)).Text(name).Text(name).Bool(random.Chance(0.05)).Bool(deleted)
                    .Time(deleted ? DaysAgo(5) : null).Time(DaysAgo(random.NextDouble() * 600));
            }
        }, ct);

        await CopyAsync(connection, "achievements",
            "\"id\", \"code\", \"name\", \"description\", \"xpReward\", \"sparklePointsReward\", \"rarity\", \"category\", \"criteria\", \"progressSteps\", \"displayOrder\", \"createdAt\", \"updatedAt\"",
            sink =>
            {
                for (var i = 0; i < SeedPlan.Achievements; i++)
                {
                    sink.Row();
                    sink.Text(_ids.For('a', i)).Text(AchievementCodes[i]).Text(AchievementCodes[i].Replace('_', ' ')).Text(SeedText.Sentence(random, 6))
                        .Int(10 * (i + 1)).Int(5 * (i + 1)).Enum(Rarities[i % Rarities.Length]).Text(i < 10 ? "core" : "community")
                        .Json($"{{\"threshold\":{1 + i * 5}}}").Int(1 + i % 5).Int(i).Time(anchor).Time(anchor);
                }
            }, ct);

        await CopyAsync(connection, "quests",
            "\"id\", \"code\", \"name\", \"type\", \"requirements\", \"rewards\", \"xpReward\", \"pointsReward\", \"metadata\", \"createdAt\", \"updatedAt\"",
            sink =>
            {
                for (var i = 0; i < SeedPlan.Quests; i++)
                {
                    sink.Row();
                    sink.Text(_ids.For('q', i)).Text("QUEST_" + i.ToString(CultureInfo.InvariantCulture)).Text(SeedText.Title(random)).Enum(QuestTypes[i % QuestTypes.Length])
                        .Json($"{{\"action\":\"post\",\"count\":{1 + i}}}").Json($"{{\"xp\":{20 * (i + 1)}}}").Int(20 * (i + 1)).Int(10 * (i + 1))
                        .Json(i % 3 == 0 ? "{\"season\":1}" : null).Time(anchor).Time(anchor);
                }
            }, ct);
    }

    private async Task CopyUserAchievementsAsync(NpgsqlConnection connection, SeedUsers users, CancellationToken ct)
    {
        var random = SeedRandom.For(_options.Seed, "user_achievements");
        var counts = SkewedShares.ByRank(_plan.UserAchievements, users.Count, 0.6, random, SeedPlan.Achievements);
        await CopyAsync(connection, "user_achievements",
            "\"id\", \"userId\", \"achievementId\", \"progress\", \"unlockedAt\", \"showcased\", \"deleted\", \"deletedAt\"",
            sink =>
            {
                long n = 0;
                for (var r = 0; r < users.Count; r++)
                {
                    var u = users.ByRank(r);
                    var start = random.Next(SeedPlan.Achievements);
                    for (var j = 0; j < counts[r]; j++)
                    {
                        var progress = random.Chance(0.75) ? 1.0 : Math.Round(random.NextDouble() * 0.95, 2);
                        var deleted = random.Chance(0.01);
                        sink.Row();
                        sink.Text(_ids.For('A', n++)).Text(UserId(u)).Text(_ids.For('a', (start + j) % SeedPlan.Achievements)).Double(progress)
                            .Time(Max(users.Created[u], DaysAgo(random.NextDouble() * 300))).Bool(random.Chance(0.1)).Bool(deleted).Time(deleted ? DaysAgo(3) : null);
                    }
                }
            }, ct);
    }

    private async Task CopyUserQuestsAsync(NpgsqlConnection connection, SeedUsers users, CancellationToken ct)
    {
        var random = SeedRandom.For(_options.Seed, "user_quests");
        var counts = SkewedShares.ByRank(_plan.UserQuests, users.Count, 0.6, random, SeedPlan.Quests);
        string[] statuses = ["AVAILABLE", "IN_PROGRESS", "IN_PROGRESS", "COMPLETED", "CLAIMED", "EXPIRED"];
        await CopyAsync(connection, "user_quests", "\"id\", \"userId\", \"questId\", \"status\", \"progress\", \"currentStep\", \"startedAt\", \"completedAt\"", sink =>
        {
            long n = 0;
            for (var r = 0; r < users.Count; r++)
            {
                var u = users.ByRank(r);
                var start = random.Next(SeedPlan.Quests);
                for (var j = 0; j < counts[r]; j++)
                {
                    var status = random.Pick(statuses);
                    var started = Max(users.Created[u], DaysAgo(random.NextDouble() * 90));
                    sink.Row();
                    sink.Text(_ids.For('Q', n++)).Text(UserId(u)).Text(_ids.For('q', (start + j) % SeedPlan.Quests)).Enum(status)
                        .Json($"{{\"done\":{random.Next(5)}}}").Int(random.Next(3)).Time(started)
                        .Time(status is "COMPLETED" or "CLAIMED" ? started.AddHours(random.Next(1, 72)) : null);
                }
            }
        }, ct);
    }

    private async Task CopyFollowsAsync(NpgsqlConnection connection, SeedUsers users, CancellationToken ct)
    {
        var random = SeedRandom.For(_options.Seed, "follows");
        var counts = SkewedShares.ByRank(_plan.Follows, users.Count, 0.5, random, users.Count - 1);
        await CopyAsync(connection, "follows", "\"id\", \"followerId\", \"followingId\", \"notifyNewPosts\", \"createdAt\", \"updatedAt\"", sink =>
        {
            long n = 0;
            for (var r = 0; r < users.Count; r++)
            {
                var follower = users.ByRank(r);
                // Followed users are consecutive popularity ranks from a skewed start: popular users collect most followers.
                var start = random.Skewed(users.Count, 2.5);
                for (var j = 0; j < counts[r]; j++)
                {
                    var followed = users.ByRank((start + j) % users.Count);
                    if (followed == follower)
                    {
                        continue;
                    }

                    var created = Max(Max(users.Created[follower], users.Created[followed]), DaysAgo(random.NextDouble() * 400));
                    sink.Row();
                    sink.Text(_ids.For('f', n++)).Text(UserId(follower)).Text(UserId(followed)).Bool(random.Chance(0.8)).Time(created).Time(created);
                }
            }
        }, ct);
    }

    private async Task CopyTradesAsync(NpgsqlConnection connection, SeedUsers users, CancellationToken ct)
    {
        var random = SeedRandom.For(_options.Seed, "trades");
        string[] statuses = ["PENDING", "ACCEPTED", "REJECTED", "CANCELLED", "EXPIRED", "COMPLETED", "COMPLETED", "DISPUTED"];
        await CopyAsync(connection, "trades",
            "\"id\", \"initiatorId\", \"recipientId\", \"status\", \"initiatorItems\", \"recipientItems\", \"initiatorPoints\", \"tradeValue\", \"expiresAt\", \"completedAt\", \"deleted\", \"deletedAt\", \"createdAt\", \"updatedAt\"",
            sink =>
            {
                for (var i = 0; i < _plan.Trades; i++)
                {
                    var a = users.ByRank(random.Skewed(users.Count));
                    var b = users.ByRank(random.Skewed(users.Count));
                    if (a == b)
                    {
                        b = (b + 1) % users.Count;
                    }

                    var status = random.Pick(statuses);
                    var created = Max(Max(users.Created[a], users.Created[b]), DaysAgo(random.NextDouble() * 120));
                    var deleted = random.Chance(0.01);
                    sink.Row();
                    sink.Text(_ids.For('x', i)).Text(UserId(a)).Text(UserId(b)).Enum(status)
                        .Json($"[{{\"itemId\":\"item{random.Next(200)}\",\"qty\":{random.Next(1, 4)}}}]").Json($"[{{\"itemId\":\"item{random.Next(200)}\",\"qty\":1}}]")
                        .Int(random.Next(500)).Int(random.Next(2000)).Time(created.AddDays(7)).Time(status == "COMPLETED" ? created.AddHours(5) : null)
                        .Bool(deleted).Time(deleted ? DaysAgo(1) : null).Time(created).Time(created);
                }
            }, ct);
    }
}
