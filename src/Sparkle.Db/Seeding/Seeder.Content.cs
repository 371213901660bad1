using System.Globalization;
using Npgsql;

namespace Sparkle.Db.Seeding;

public sealed partial class Seeder
{
    private static readonly (string Type, double Share)[] ContentTypes =
    [
        ("BLOG", 0.40), ("THEORY_THREAD", 0.15), ("FAN_ART", 0.10), ("VIDEO_REVIEW", 0.10), ("NEWS", 0.08),
        ("TUTORIAL", 0.07), ("POLL", 0.04), ("LIVE_BLOG", 0.03), ("SERIES", 0.03),
    ];

    private static readonly string[] ReactionTypes =
        ["LIKE", "LIKE", "LIKE", "LIKE", "LIKE", "LOVE", "LOVE", "FIRE", "SPARKLE", "MIND_BLOWN", "LAUGH", "CRY", "ANGRY"];

    private string PostId(int i) => _ids.For('P', i);

    private async Task<SeedPosts> CopyPostsAsync(NpgsqlConnection connection, SeedUsers users, CancellationToken ct)
    {
        var random = SeedRandom.For(_options.Seed, "posts");
        var posts = new SeedPosts(_plan.Posts, new Permutation(_plan.Posts, SeedRandom.For(_options.Seed, "posts.rank")));
        var rankOf = new int[_plan.Posts];
        for (var r = 0; r < _plan.Posts; r++)
        {
            rankOf[posts.ByRank(r)] = r;
        }

        await CopyAsync(connection, "posts",
            "\"id\", \"slug\", \"title\", \"content\", \"contentType\", \"contentStatus\", \"excerpt\", \"coverImage\", \"authorId\", \"authorName\", " +
            "\"categoryId\", \"published\", \"featured\", \"isDraft\", \"sponsoredContent\", \"sponsorInfo\", \"youtubeVideoId\", \"youtubeVideoData\", " +
            "\"views\", \"uniqueViews\", \"readingTime\", \"wordCount\", \"metaKeywords\", \"moderationStatus\", \"scheduledPublishAt\", \"publishedAt\", " +
            "\"deleted\", \"deletedAt\", \"createdAt\", \"updatedAt\"",
            sink =>
            {
                for (var i = 0; i < _plan.Posts; i++)
                {
                    var rank = rankOf[i];
                    var author = users.ByRank(random.Skewed(users.Count, 3.0));
                    var created = Max(users.Created[author].AddHours(1), DaysAgo(180 * Math.Pow(random.NextDouble(), 1.3)));
                    var type = ContentTypeFor(random.NextDouble());
                    var roll = random.NextDouble();
                    var status = roll < 0.85 ? "PUBLISHED" : roll < 0.93 ? "DRAFT" : roll < 0.97 ? "SCHEDULED" : "ARCHIVED";
                    var published = status == "PUBLISHED";
                    var deleted = random.Chance(0.02);
                    DateTime? publishedAt = published || status == "ARCHIVED" ? created.AddMinutes(random.Next(1, 600)) : null;
                    if (publishedAt > Now)
                    {
                        publishedAt = Now.AddMinutes(-1);
                    }

                    // Scheduled posts: half already due (the publisher job is behind), half in the next week.
                    DateTime? scheduled = status == "SCHEDULED" ? Now.AddHours(random.NextDouble() * 336 - 168) : null;
                    var moderation = random.NextDouble() switch
                    {
                        < 0.70 => "APPROVED",
                        < 0.90 => "AUTO_APPROVED",
                        < 0.95 => "PENDING",
                        < 0.97 => "REJECTED",
                        < 0.98 => "UNDER_REVIEW",
                        < 0.99 => "ESCALATED",
                        _ => "SHADOW_BANNED",
                    };
                    // One view_history row per view (below), so the view counters are a recount of real rows: about
                    // 1M views per scale 1, skewed by popularity.
                    var views = published ? (int)(20_000 * _plan.Scale / Math.Pow(rank + 1, 0.8) * (0.5 + random.NextDouble())) + random.Next(3) : 0;
                    posts.Views[i] = views;
                    var content = SeedText.PostContent(random, out var words);
                    var title = SeedText.Title(random);
                    if (!deleted && published)
                    {
                        posts.Live[i] = publishedAt;
                    }

                    posts.Created[i] = created;
                    posts.IsPoll[i] = type == "POLL";
                    var video = type == "VIDEO_REVIEW";
                    var sponsored = random.Chance(0.02);
                    sink.Row();
                    sink.Text(PostId(i)).Text(title.ToLowerInvariant().Replace(' ', '-') + "-" + i.ToString(CultureInfo.InvariantCulture)).Text(title).Json(content)
                        .Enum(type).Enum(status).Text(SeedText.Sentence(random, random.Next(10, 30)))
                        .Text(random.Chance(0.6) ? $"https://cdn.example.test/covers/{i}.jpg" : null)
                        .Text(UserId(author)).Text(null)
                        .Text(random.Chance(0.9) ? _ids.For('k', random.Skewed(SeedPlan.Categories, 1.8)) : null)
                        .Bool(published).Bool(published && rank < _plan.Posts / 200).Bool(status == "DRAFT").Bool(sponsored)
                        .Json(sponsored ? $"{{\"sponsor\":\"Brand {random.Next(20)}\",\"disclosure\":true}}" : null)
                        .Text(video ? "yt" + i.ToString(CultureInfo.InvariantCulture) : null)
                        .Json(video ? $"{{\"duration\":{random.Next(60, 3600)},\"channel\":\"ch{random.Next(100)}\"}}" : null)
                        .Int(views).Int(views * 7 / 10).Int(1 + words / 200).Int(words)
                        .Array(random.Chance(0.8) ? SeedText.Keywords(random, random.Next(1, 5)) : null)
                        .Enum(moderation).Time(scheduled).Time(publishedAt)
                        .Bool(deleted).Time(deleted ? Max(created, DaysAgo(random.NextDouble() * 30)) : null)
                        .Time(created).Time(publishedAt ?? created);
                }
            }, ct);
        return posts;
    }

    private static string ContentTypeFor(double roll)
    {
        foreach (var (type, share) in ContentTypes)
        {
            if (roll < share)
            {
                return type;
            }

            roll -= share;
        }

        return "BLOG";
    }

    private async Task CopyPostTagsAsync(NpgsqlConnection connection, SeedPosts posts, CancellationToken ct)
    {
        var random = SeedRandom.For(_options.Seed, "post_tags");
        var perPost = (double)_plan.PostTags / posts.Count;
        await CopyAsync(connection, "post_tags", "\"postId\", \"tagId\", \"createdAt\"", sink =>
        {
            for (var i = 0; i < posts.Count; i++)
            {
                var k = Math.Min(_plan.Tags, (int)(perPost * 2 * random.NextDouble() + 0.5));
                var start = random.Skewed(_plan.Tags, 2.5);
                for (var j = 0; j < k; j++)
                {
                    sink.Row();
                    sink.Text(PostId(i)).Text(_ids.For('t', (start + j) % _plan.Tags)).Time(posts.Created[i]);
                }
            }
        }, ct);
    }

    private async Task CopyPollsAsync(NpgsqlConnection connection, SeedPosts posts, SeedUsers users, CancellationToken ct)
    {
        var random = SeedRandom.For(_options.Seed, "polls");
        var pollPosts = Enumerable.Range(0, posts.Count).Where(i => posts.IsPoll[i]).ToArray();
        await CopyAsync(connection, "polls", "\"id\", \"postId\", \"question\", \"multipleChoice\", \"closeAt\", \"createdAt\", \"updatedAt\"", sink =>
        {
            for (var p = 0; p < pollPosts.Length; p++)
            {
                var created = posts.Created[pollPosts[p]];
                sink.Row();
                sink.Text(_ids.For('o', p)).Text(PostId(pollPosts[p])).Text(SeedText.Title(random) + "?").Bool(random.Chance(0.2))
                    .Time(random.Chance(0.5) ? created.AddDays(7) : null).Time(created).Time(created);
            }
        }, ct);

        await CopyAsync(connection, "poll_options", "\"id\", \"pollId\", \"optionText\", \"displayOrder\", \"voteCount\"", sink =>
        {
            for (var p = 0; p < pollPosts.Length; p++)
            {
                for (var o = 0; o < 4; o++)
                {
                    sink.Row();
                    sink.Text(_ids.For('O', p * 4L + o)).Text(_ids.For('o', p)).Text(SeedText.Title(random)).Int(o).Int(0);
                }
            }
        }, ct);

        var counts = SkewedShares.ByRank(_plan.PollVotes, Math.Max(1, pollPosts.Length), 0.9, random, users.Count);
        await CopyAsync(connection, "poll_votes", "\"id\", \"pollId\", \"userId\", \"createdAt\"", sink =>
        {
            long n = 0;
            for (var p = 0; p < pollPosts.Length; p++)
            {
                var start = random.Next(users.Count);
                var created = posts.Created[pollPosts[p]];
                for (var j = 0; j < counts[p]; j++)
                {
                    var u = users.ByRank((start + j) % users.Count);
                    sink.Row();
                    sink.Text(_ids.For('v', n++)).Text(_ids.For('o', p)).Text(UserId(u)).Time(Min(Now, created.AddHours(1 + random.NextDouble() * 100)));
                }
            }
        }, ct);
    }

    private async Task CopyCommentsAndReactionsAsync(NpgsqlConnection connection, SeedPosts posts, SeedUsers users, CancellationToken ct)
    {
        var random = SeedRandom.For(_options.Seed, "comments");
        var liveByRank = new Func<int, bool>(r => posts.Live[posts.ByRank(r)] is not null);
        var commentCounts = SkewedShares.ByRank(_plan.Comments, posts.Count, 1.0, random, int.MaxValue, liveByRank);
        var commentPost = new List<int>(_plan.Comments + 1000);
        await CopyAsync(connection, "comments",
            "\"id\", \"content\", \"postId\", \"authorId\", \"parentId\", \"edited\", \"moderationStatus\", \"deleted\", \"deletedAt\", \"createdAt\", \"updatedAt\"",
            sink =>
            {
                for (var r = 0; r < posts.Count; r++)
                {
                    var post = posts.ByRank(r);
                    var first = commentPost.Count;
                    for (var j = 0; j < commentCounts[r]; j++)
                    {
                        var id = commentPost.Count;
                        commentPost.Add(post);
                        var published = posts.Live[post]!.Value;
                        var created = Min(Now, published + TimeSpan.FromDays(30 * Math.Pow(random.NextDouble(), 3)));
                        var author = users.ByRank(random.Skewed(users.Count, 2.0));
                        var deleted = random.Chance(0.03);
                        sink.Row();
                        sink.Text(_ids.For('m', id)).Text(SeedText.Sentence(random, random.Next(3, 40))).Text(PostId(post)).Text(UserId(author))
                            .Text(j > 0 && random.Chance(0.3) ? _ids.For('m', first + random.Next(j)) : null)
                            .Bool(random.Chance(0.05)).Enum(random.Chance(0.97) ? "AUTO_APPROVED" : "PENDING")
                            .Bool(deleted).Time(deleted ? Now.AddDays(-1) : null).Time(created).Time(created);
                    }
                }
            }, ct);

        var reactions = SeedRandom.For(_options.Seed, "reactions");
        var reactionCounts = SkewedShares.ByRank(_plan.Reactions, posts.Count, 1.0, reactions, users.Count, liveByRank);
        await CopyAsync(connection, "reactions", "\"id\", \"type\", \"postId\", \"commentId\", \"userId\", \"createdAt\"", sink =>
        {
            long n = 0;
            for (var r = 0; r < posts.Count; r++)
            {
                var post = posts.ByRank(r);
                // Reactors are consecutive popularity ranks from a skewed start: distinct per post, mostly active users.
                var start = reactions.Skewed(users.Count, 2.0);
                for (var j = 0; j < reactionCounts[r]; j++)
                {
                    var published = posts.Live[post]!.Value;
                    sink.Row();
                    sink.Text(_ids.For('r', n++)).Enum(reactions.Pick(ReactionTypes)).Text(PostId(post)).Null()
                        .Text(UserId(users.ByRank((start + j) % users.Count)))
                        .Time(Min(Now, published + TimeSpan.FromDays(20 * Math.Pow(reactions.NextDouble(), 3))));
                }
            }

            // A few reactions on comments (one per chosen comment, so the unique key holds).
            for (var c = 0; c < commentPost.Count; c += 10)
            {
                sink.Row();
                sink.Text(_ids.For('r', n++)).Enum("LIKE").Null().Text(_ids.For('m', c)).Text(UserId(users.ByRank(reactions.Skewed(users.Count))))
                    .Time(Min(Now, posts.Live[commentPost[c]]!.Value.AddDays(1)));
            }
        }, ct);
    }

    /// <summary>
    /// One view_history row per view of a post (posts.views of it): viewers skewed to active users (a viewer may come
    /// back), times after publication, a fifth of the views bounce (0 s). post_stats' view counters are recounted from
    /// these rows, as compute_post_stats does.
    /// </summary>
    private async Task CopyViewHistoryAsync(NpgsqlConnection connection, SeedPosts posts, SeedUsers users, CancellationToken ct)
    {
        var random = SeedRandom.For(_options.Seed, "view_history");
        string[] devices = ["mobile", "mobile", "mobile", "desktop", "desktop", "tablet"];
        string?[] referrers = [null, null, "https://search.example.test", "https://social.example.test", "/feed"];
        await CopyAsync(connection, "view_history",
            "\"id\", \"userId\", \"postId\", \"viewDuration\", \"scrollDepth\", \"referrer\", \"deviceType\", \"createdAt\"",
            sink =>
            {
                long n = 0;
                for (var i = 0; i < posts.Count; i++)
                {
                    var from = posts.Live[i] ?? posts.Created[i];
                    for (var j = 0; j < posts.Views[i]; j++)
                    {
                        var bounced = random.Chance(0.2);
                        sink.Row();
                        sink.Text(_ids.For('w', n++)).Text(UserId(users.ByRank(random.Skewed(users.Count, 2.0)))).Text(PostId(i))
                            .Int(bounced ? 0 : random.Next(5, 600)).Double(bounced ? 0 : Math.Round(random.NextDouble(), 2))
                            .Text(random.Pick(referrers)).Text(random.Pick(devices))
                            .Time(Min(Now, from + TimeSpan.FromDays(30 * Math.Pow(random.NextDouble(), 3))));
                    }
                }
            }, ct);
    }
}
