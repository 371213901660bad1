using Npgsql;

namespace Sparkle.Db.Seeding;

public sealed partial class Seeder
{
    private static readonly string[] NotificationTypes =
    [
        "POST_LIKED", "POST_LIKED", "POST_LIKED", "POST_COMMENTED", "POST_COMMENTED", "COMMENT_LIKED", "USER_FOLLOWED", "USER_FOLLOWED",
        "ACHIEVEMENT_UNLOCKED", "LEVEL_UP", "MENTION", "SYSTEM", "GROUP_INVITE", "GROUP_POST", "EVENT_REMINDER", "DIRECT_MESSAGE",
        "QUEST_COMPLETE", "TRADE_REQUEST", "CONTENT_FEATURED", "MILESTONE_REACHED",
    ];

    // How far back the time-partitioned tables reach: phase 007 gets a partition for each month of these windows before
    // the rows are written (Seeder.PartitionsAsync), so none lands in a DEFAULT partition.
    private const double NotificationDays = 120;
    private const double ActivityDays = 90;
    private const double AnalyticsDays = 60;

    private static readonly string[] Actions = ["post.create", "post.view", "post.like", "comment.create", "user.follow", "group.join", "event.rsvp"];
    private static readonly string[] AnalyticsNames = ["page_view", "page_view", "page_view", "click", "search", "signup", "share", "video_play", "scroll"];

    private async Task CopyConversationsAsync(NpgsqlConnection connection, SeedUsers users, CancellationToken ct)
    {
        var random = SeedRandom.For(_options.Seed, "conversations");
        var participants = new int[_plan.Conversations][];
        var created = new DateTime[_plan.Conversations];
        for (var c = 0; c < _plan.Conversations; c++)
        {
            var size = random.Chance(0.8) ? 2 : random.Next(3, 11);
            size = Math.Min(size, users.Count);
            var start = random.Skewed(users.Count, 2.0);
            var members = new int[size];
            var latest = DateTime.MinValue;
            for (var j = 0; j < size; j++)
            {
                members[j] = users.ByRank((start + j * 7) % users.Count);
                latest = Max(latest, users.Created[members[j]]);
            }

            participants[c] = members.Distinct().ToArray();
            created[c] = Max(latest, DaysAgo(300 * random.NextDouble()));
        }

        await CopyAsync(connection, "conversations", "\"id\", \"isGroup\", \"title\", \"createdBy\", \"isArchived\", \"deleted\", \"deletedAt\", \"createdAt\", \"updatedAt\"", sink =>
        {
            for (var c = 0; c < _plan.Conversations; c++)
            {
                var group = participants[c].Length > 2;
                var deleted = random.Chance(0.01);
                sink.Row();
                sink.Text(_ids.For('C', c)).Bool(group).Text(group ? SeedText.Title(random) : null).Text(UserId(participants[c][0]))
                    .Bool(random.Chance(0.05)).Bool(deleted).Time(deleted ? DaysAgo(1) : null).Time(created[c]).Time(created[c]);
            }
        }, ct);

        await CopyAsync(connection, "conversation_participants", "\"id\", \"conversationId\", \"userId\", \"role\", \"joinedAt\", \"isActive\"", sink =>
        {
            long n = 0;
            for (var c = 0; c < _plan.Conversations; c++)
            {
                for (var j = 0; j < participants[c].Length; j++)
                {
                    sink.Row();
                    sink.Text(_ids.For('c', n++)).Text(_ids.For('C', c)).Text(UserId(participants[c][j])).Text(j == 0 ? "admin" : "member")
                        .Time(created[c]).Bool(random.Chance(0.97));
                }
            }
        }, ct);

        var counts = SkewedShares.ByRank(_plan.Messages, _plan.Conversations, 0.8, random, int.MaxValue);
        var readers = new List<(long Message, int User, DateTime At)>();
        var reads = SeedRandom.For(_options.Seed, "message_reads");
        await CopyAsync(connection, "messages",
            "\"id\", \"conversationId\", \"senderId\", \"content\", \"messageType\", \"replyToId\", \"attachments\", \"edited\", \"status\", \"deliveredAt\", \"deleted\", \"deletedAt\", \"createdAt\"",
            sink =>
            {
                long n = 0;
                for (var c = 0; c < _plan.Conversations; c++)
                {
                    var members = participants[c];
                    var first = n;
                    var span = Now - created[c];
                    // Messages arrive in bursts: times are sorted draws, denser towards the present.
                    var times = new double[counts[c]];
                    for (var j = 0; j < times.Length; j++)
                    {
                        times[j] = 1 - Math.Pow(random.NextDouble(), 2);
                    }

                    System.Array.Sort(times);
                    for (var j = 0; j < counts[c]; j++)
                    {
                        var at = created[c] + span * times[j];
                        var sender = members[random.Next(members.Length)];
                        var age = (Now - at).TotalHours;
                        var status = age > 24
                            ? random.NextDouble() switch { < 0.8 => "READ", < 0.95 => "DELIVERED", _ => "SENT" }
                            : random.NextDouble() switch { < 0.3 => "READ", < 0.6 => "DELIVERED", _ => "SENT" };
                        var deleted = random.Chance(0.02);
                        var id = n++;
                        sink.Row();
                        sink.Text(_ids.For('M', id)).Text(_ids.For('C', c)).Text(UserId(sender)).Text(SeedText.Sentence(random, random.Next(1, 25)))
                            .Text(random.Chance(0.05) ? "IMAGE" : "TEXT").Text(j > 0 && random.Chance(0.1) ? _ids.For('M', first + random.Next(j)) : null)
                            .Json(random.Chance(0.05) ? "[{\"type\":\"image\",\"url\":\"https://cdn.example.test/m.png\"}]" : null)
                            .Bool(random.Chance(0.03)).Enum(status).Time(status == "SENT" ? null : at.AddSeconds(2))
                            .Bool(deleted).Time(deleted ? Min(Now, at.AddHours(1)) : null).Time(at);
                        if (status == "READ")
                        {
                            foreach (var member in members)
                            {
                                if (member != sender && (members.Length == 2 || reads.Chance(0.4)))
                                {
                                    readers.Add((id, member, Min(Now, at.AddMinutes(1 + reads.Next(600)))));
                                }
                            }
                        }
                    }

                }
            }, ct);

        await CopyAsync(connection, "message_reads", "\"messageId\", \"userId\", \"readAt\"", sink =>
        {
            foreach (var (message, user, at) in readers)
            {
                sink.Row();
                sink.Text(_ids.For('M', message)).Text(UserId(user)).Time(at);
            }
        }, ct);
    }

    private async Task CopyNotificationsAsync(NpgsqlConnection connection, SeedUsers users, SeedPosts posts, CancellationToken ct)
    {
        var random = SeedRandom.For(_options.Seed, "notifications");
        var counts = SkewedShares.ByRank(_plan.Notifications, users.Count, 0.9, random, int.MaxValue);
        await CopyAsync(connection, "notifications",
            "\"id\", \"type\", \"userId\", \"actorId\", \"entityId\", \"entityType\", \"title\", \"message\", \"imageUrl\", \"actionUrl\", \"priority\", " +
            "\"read\", \"readAt\", \"emailSent\", \"dismissed\", \"dismissedAt\", \"createdAt\", \"updatedAt\"",
            sink =>
            {
                long n = 0;
                for (var r = 0; r < users.Count; r++)
                {
                    var u = users.ByRank(r);
                    for (var j = 0; j < counts[r]; j++)
                    {
                        var type = random.Pick(NotificationTypes);
                        var at = Max(users.Created[u], DaysAgo(NotificationDays * Math.Pow(random.NextDouble(), 2)));
                        var ageDays = (Now - at).TotalDays;
                        var read = random.Chance(ageDays > 3 ? 0.9 : 0.3);
                        var dismissed = random.Chance(0.05);
                        var actor = users.ByRank(random.Skewed(users.Count));
                        var post = random.Next(posts.Count);
                        sink.Row();
                        sink.Text(_ids.For('n', n++)).Enum(type).Text(UserId(u)).Text(type is "SYSTEM" or "LEVEL_UP" ? null : UserId(actor))
                            .Text(PostId(post)).Text("post").Text(SeedText.Title(random)).Text(SeedText.Sentence(random, random.Next(5, 20)))
                            .Text(random.Chance(0.3) ? "https://cdn.example.test/n.png" : null).Text("/posts/" + PostId(post))
                            .Int(random.Chance(0.1) ? 1 : 0).Bool(read).Time(read ? Min(Now, at.AddHours(random.Next(1, 48))) : null)
                            .Bool(random.Chance(0.2)).Bool(dismissed).Time(dismissed ? Min(Now, at.AddHours(1)) : null).Time(at).Time(at);
                    }
                }
            }, ct);
    }

    private async Task CopyActivityAsync(NpgsqlConnection connection, SeedUsers users, SeedPosts posts, CancellationToken ct)
    {
        var random = SeedRandom.For(_options.Seed, "activity");
        await CopyAsync(connection, "activity_streams", "\"id\", \"userId\", \"action\", \"entityType\", \"entityId\", \"visibility\", \"createdAt\"", sink =>
        {
            for (var i = 0; i < _plan.ActivityStreams; i++)
            {
                var u = users.ByRank(random.Skewed(users.Count));
                sink.Row();
                sink.Text(_ids.For('s', i)).Text(UserId(u)).Text(random.Pick(Actions)).Text("post").Text(PostId(posts.ByRank(random.Skewed(posts.Count))))
                    .Text(random.Chance(0.9) ? "PUBLIC" : "PRIVATE").Time(Max(users.Created[u], DaysAgo(ActivityDays * random.NextDouble())));
            }
        }, ct);

        await CopyAsync(connection, "analytics_events", "\"id\", \"eventName\", \"eventType\", \"userId\", \"sessionId\", \"properties\", \"timestamp\"", sink =>
        {
            for (var i = 0; i < _plan.AnalyticsEvents; i++)
            {
                var u = users.ByRank(random.Skewed(users.Count));
                var name = random.Pick(AnalyticsNames);
                sink.Row();
                sink.Text(_ids.For('y', i)).Text(name).Text(name == "page_view" ? "navigation" : "interaction").Text(random.Chance(0.8) ? UserId(u) : null)
                    .Text("sess" + random.Next(1_000_000)).Json($"{{\"path\":\"/p/{random.Next(1000)}\"}}").Time(Max(users.Created[u], DaysAgo(AnalyticsDays * random.NextDouble())));
            }
        }, ct);
    }
}
