using System.Globalization;
using Npgsql;

namespace Sparkle.Db.Seeding;

public sealed partial class Seeder
{
    private static readonly string[] EventTypes = ["WATCH_PARTY", "COMMUNITY_MEETUP", "CONTEST", "PREMIERE", "AMA", "SPECIAL", "TOURNAMENT", "WORKSHOP"];
    private static readonly string[] EventCategories = ["music", "art", "gaming", "talk", "premiere", "contest", "learning"];

    private async Task CopyGroupsAsync(NpgsqlConnection connection, SeedUsers users, CancellationToken ct)
    {
        var random = SeedRandom.For(_options.Seed, "groups");
        var created = new DateTime[_plan.Groups];
        await CopyAsync(connection, "groups",
            "\"id\", \"name\", \"slug\", \"description\", \"shortDescription\", \"ownerId\", \"visibility\", \"joinApproval\", \"memberCount\", " +
            "\"tags\", \"categories\", \"settings\", \"guidelines\", \"isVerified\", \"isFeatured\", \"deleted\", \"deletedAt\", \"createdAt\", \"updatedAt\"",
            sink =>
            {
                for (var g = 0; g < _plan.Groups; g++)
                {
                    var owner = users.ByRank(random.Skewed(users.Count));
                    created[g] = Max(users.Created[owner], DaysAgo(random.NextDouble() * 500));
                    var visibility = random.NextDouble() switch { < 0.70 => "PUBLIC", < 0.90 => "PRIVATE", < 0.97 => "INVITE_ONLY", _ => "HIDDEN" };
                    var approval = visibility != "PUBLIC";
                    var name = SeedText.Title(random);
                    var deleted = random.Chance(0.02);
                    sink.Row();
                    sink.Text(_ids.For('g', g)).Text(name).Text(name.ToLowerInvariant().Replace(' ', '-') + "-" + g.ToString(CultureInfo.InvariantCulture))
                        .Text(SeedText.Sentence(random, 30)).Text(SeedText.Sentence(random, 8)).Text(UserId(owner)).Enum(visibility).Bool(approval).Int(1)
                        .Array(SeedText.Keywords(random, random.Next(1, 5))).Array([random.Pick(EventCategories)])
                        .Json($"{{\"maxMembers\":{random.Next(50, 5000)},\"joinApproval\":{(approval ? "true" : "false")}}}")
                        .Json(random.Chance(0.3) ? "{\"rules\":[\"be kind\"]}" : null)
                        .Bool(random.Chance(0.05)).Bool(g < Math.Max(1, _plan.Groups / 50)).Bool(deleted).Time(deleted ? DaysAgo(2) : null)
                        .Time(created[g]).Time(created[g]);
                }
            }, ct);

        var counts = SkewedShares.ByRank(_plan.GroupMembers, _plan.Groups, 1.0, random, users.Count);
        await CopyAsync(connection, "group_members", "\"id\", \"groupId\", \"userId\", \"role\", \"joinedAt\", \"bannedUntil\", \"lastActiveAt\"", sink =>
        {
            long n = 0;
            for (var g = 0; g < _plan.Groups; g++)
            {
                var start = random.Skewed(users.Count, 1.5);
                for (var j = 0; j < counts[g]; j++)
                {
                    var u = users.ByRank((start + j) % users.Count);
                    var joined = Max(users.Created[u], Max(created[g], DaysAgo(random.NextDouble() * 300)));
                    var role = j == 0 ? "OWNER" : j < 3 ? "ADMIN" : random.Chance(0.02) ? "MODERATOR" : "MEMBER";
                    sink.Row();
                    sink.Text(_ids.For('G', n++)).Text(_ids.For('g', g)).Text(UserId(u)).Enum(role).Time(joined)
                        .Time(random.Chance(0.01) ? Now.AddDays(random.Next(-30, 30)) : null)
                        .Time(Max(joined, DaysAgo(30 * Math.Pow(random.NextDouble(), 3))));
                }
            }
        }, ct);

        var postCounts = SkewedShares.ByRank(_plan.GroupPosts, _plan.Groups, 1.0, random, int.MaxValue);
        await CopyAsync(connection, "group_posts",
            "\"id\", \"groupId\", \"authorId\", \"title\", \"content\", \"viewCount\", \"reactionCount\", \"commentCount\", \"createdAt\", \"updatedAt\"",
            sink =>
            {
                long n = 0;
                for (var g = 0; g < _plan.Groups; g++)
                {
                    for (var j = 0; j < postCounts[g]; j++)
                    {
                        var author = users.ByRank(random.Skewed(users.Count));
                        var at = Max(created[g], DaysAgo(90 * Math.Pow(random.NextDouble(), 2)));
                        sink.Row();
                        sink.Text(_ids.For('h', n++)).Text(_ids.For('g', g)).Text(UserId(author)).Text(SeedText.Title(random))
                            .Text(SeedText.Sentence(random, random.Next(5, 50))).Int(random.Next(500)).Int(random.Skewed(200)).Int(random.Skewed(50)).Time(at).Time(at);
                    }
                }
            }, ct);
    }

    private async Task CopyEventsAsync(NpgsqlConnection connection, SeedUsers users, CancellationToken ct)
    {
        var random = SeedRandom.For(_options.Seed, "events");
        await CopyAsync(connection, "events",
            "\"id\", \"title\", \"slug\", \"description\", \"shortDescription\", \"type\", \"status\", \"hostId\", \"groupId\", \"locationName\", \"locationCoords\", " +
            "\"isVirtual\", \"startTime\", \"endTime\", \"maxAttendees\", \"isPublic\", \"tags\", \"categories\", \"agenda\", \"cancelledAt\", \"deleted\", \"deletedAt\", \"createdAt\", \"updatedAt\"",
            sink =>
            {
                for (var e = 0; e < _plan.Events; e++)
                {
                    var host = users.ByRank(random.Skewed(users.Count));
                    var start = Now.AddHours(random.NextDouble() * 24 * 120 - 24 * 60);
                    var end = start.AddHours(random.Next(1, 6));
                    var roll = random.NextDouble();
                    var status = roll < 0.05 ? "CANCELLED" : roll < 0.08 ? "DRAFT" : end < Now ? "ENDED" : start < Now ? "LIVE" : "SCHEDULED";
                    var isVirtual = random.Chance(0.6);
                    var created = Max(users.Created[host], start.AddDays(-random.Next(3, 60)));
                    var title = SeedText.Title(random);
                    var deleted = random.Chance(0.02);
                    sink.Row();
                    sink.Text(_ids.For('e', e)).Text(title).Text(title.ToLowerInvariant().Replace(' ', '-') + "-" + e.ToString(CultureInfo.InvariantCulture))
                        .Text(SeedText.Sentence(random, 25)).Text(SeedText.Sentence(random, 6)).Enum(random.Pick(EventTypes)).Enum(status)
                        .Text(UserId(host)).Text(random.Chance(0.3) ? _ids.For('g', random.Next(_plan.Groups)) : null)
                        .Text(isVirtual ? null : "Venue " + random.Next(100))
                        .Json(isVirtual ? null : string.Create(CultureInfo.InvariantCulture, $"{{\"lat\":{random.NextDouble() * 140 - 70:F4},\"lng\":{random.NextDouble() * 340 - 170:F4}}}"))
                        .Bool(isVirtual).Time(start).Time(end).Int(random.Chance(0.5) ? random.Next(20, 1000) : null).Bool(random.Chance(0.85))
                        .Array(SeedText.Keywords(random, 2)).Array([random.Pick(EventCategories), random.Pick(EventCategories)])
                        .Json(random.Chance(0.3) ? "[{\"time\":\"00:00\",\"item\":\"welcome\"}]" : null)
                        .Time(status == "CANCELLED" ? created.AddDays(1) : null).Bool(deleted).Time(deleted ? DaysAgo(1) : null)
                        .Time(Min(created, Now)).Time(Min(created, Now));
                }
            }, ct);
    }
}
