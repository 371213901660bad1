using Npgsql;
using Sparkle.Db.Connections;
using Sparkle.Db.Seeding;
using Sparkle.Db.Tests.Support;
using Sparkle.Db.Verification;
using Xunit;

namespace Sparkle.Db.Tests.Data;

/// <summary>Two migrated databases seeded at a small scale: one fast (triggers bypassed), one with every trigger active.</summary>
public sealed class SeededCountersFixture : IAsyncLifetime
{
    public const double Scale = 0.005;

    public TestServer Server { get; private set; } = null!;

    public DatabaseTarget Fast { get; private set; } = null!;

    public DatabaseTarget WithTriggers { get; private set; } = null!;

    public SeedResult WithTriggersResult { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestServer.GetAsync();
        Fast = await Server.CreateDatabaseAsync(migrated: true, "seed_fast");
        WithTriggers = await Server.CreateDatabaseAsync(migrated: true, "seed_triggers");
        await new Seeder(Fast, new SeedOptions { Scale = Scale, Seed = 11, FastLoad = true }).RunAsync();
        WithTriggersResult = await new Seeder(WithTriggers, new SeedOptions { Scale = Scale, Seed = 11, FastLoad = false }).RunAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var database in new[] { Fast, WithTriggers })
        {
            if (database is not null)
            {
                await Server.DropDatabaseAsync(database);
            }
        }
    }
}

/// <summary>
/// Seeded data is data the database agrees with: every counter the database computes (phase 003's compute_post_stats and
/// post_engagement_ratio, phase 005's compute_user_stats) recounts to the seeded value, and no seeded row sits in a DEFAULT
/// partition. The oracle is the database's own functions, not the seeder's SQL.
/// </summary>
public sealed class SeededCountersTests(SeededCountersFixture db) : IClassFixture<SeededCountersFixture>
{
    private const string UserMismatches =
        """
        SELECT s."userId" || ': ' || row(s."totalPosts", s."totalFollowers", s."totalFollowing", s."totalLikesReceived", s."totalComments", s."totalLikesGiven")::text
               || ' vs ' || row(c.total_posts, c.total_followers, c.total_following, c.total_likes_received, c.total_comments, c.total_likes_given)::text
          FROM user_stats s CROSS JOIN LATERAL compute_user_stats(s."userId") c
         WHERE (s."totalPosts", s."totalFollowers", s."totalFollowing", s."totalLikesReceived", s."totalComments", s."totalLikesGiven")
               IS DISTINCT FROM (c.total_posts, c.total_followers, c.total_following, c.total_likes_received, c.total_comments, c.total_likes_given)
        """;

    private const string PostMismatches =
        """
        SELECT s."postId" || ': ' || row(s."viewCount", s."uniqueViewCount", s."likeCount", s."loveCount", s."fireCount", s."totalReactionCount",
                                         s."commentCount", s."bookmarkCount", s."engagementRate")::text
               || ' vs ' || row(c.view_count, c.unique_view_count, c.like_count, c.love_count, c.fire_count, c.total_reaction_count,
                                c.comment_count, c.bookmark_count,
                                post_engagement_ratio(c.total_reaction_count::bigint + c.comment_count + s."shareCount" + c.bookmark_count, c.view_count))::text
          FROM post_stats s CROSS JOIN LATERAL compute_post_stats(s."postId") c
         WHERE (s."viewCount", s."uniqueViewCount", s."likeCount", s."loveCount", s."fireCount", s."totalReactionCount", s."commentCount", s."bookmarkCount")
               IS DISTINCT FROM (c.view_count, c.unique_view_count, c.like_count, c.love_count, c.fire_count, c.total_reaction_count, c.comment_count, c.bookmark_count)
            OR s."engagementRate"::numeric
               <> post_engagement_ratio(c.total_reaction_count::bigint + c.comment_count + s."shareCount" + c.bookmark_count, c.view_count)
            OR abs(s."avgReadTime" - c.avg_read_time) > 1e-9
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Seeded_user_and_post_counters_equal_the_databases_recount(bool fast)
    {
        await using var connection = await OpenAsync(fast ? db.Fast : db.WithTriggers);

        Assert.Empty(await connection.ColumnAsync<string>(UserMismatches));
        Assert.Empty(await connection.ColumnAsync<string>(PostMismatches));
        // Not vacuous: the data has what the rules are about.
        Assert.True(await connection.ScalarAsync<long>("SELECT count(*) FROM view_history") > 100);
        Assert.True(await connection.ScalarAsync<long>("SELECT count(*) FROM post_stats WHERE \"engagementRate\" > 0 AND \"engagementRate\" <= 1") > 10);
        Assert.True(await connection.ScalarAsync<long>("SELECT count(*) FROM reactions r JOIN posts p ON p.id = r.\"postId\" WHERE r.\"userId\" = p.\"authorId\"") > 0,
            "no self-reaction was seeded, so the likes-received rule is not exercised");
        Assert.Equal(await connection.ScalarAsync<long>("SELECT count(*) FROM posts"), await connection.ScalarAsync<long>("SELECT count(*) FROM post_stats"));

        // verify's counter check (every owned counter of sparkle_db.owned_counters, all rows at this size) passes too.
        var counters = await new CounterConsistencyCheck().RunAsync(connection, CancellationToken.None);
        Assert.NotEmpty(counters);
        Assert.All(counters, c => Assert.True(c.Passed, $"{c.Name}: {c.Found}"));
    }

    [Fact]
    public async Task Recomputing_post_stats_with_the_databases_function_changes_no_counter()
    {
        await using var connection = await OpenAsync(db.Fast);
        const string Counters = "SELECT md5(string_agg(row(\"postId\", \"viewCount\", \"uniqueViewCount\", \"totalReactionCount\", \"commentCount\", \"engagementRate\")::text, '|' ORDER BY \"postId\")) FROM post_stats";
        var before = await connection.ScalarAsync<string>(Counters);

        await connection.ExecuteAsync("SELECT update_post_stats(id) FROM posts");

        Assert.Equal(before, await connection.ScalarAsync<string>(Counters));
    }

    [Fact]
    public async Task A_load_with_triggers_active_fired_them()
    {
        await using var connection = await OpenAsync(db.WithTriggers);

        Assert.False(db.WithTriggersResult.FastLoad);
        // Phase 005's achievement triggers granted FIRST_POST-style achievements beyond the seeded ones and notified.
        Assert.True(await connection.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE \"createdAt\" > (SELECT max(\"createdAt\") FROM messages)") > 0);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task No_seeded_row_lands_in_a_DEFAULT_partition(bool fast)
    {
        await using var connection = await OpenAsync(fast ? db.Fast : db.WithTriggers);

        var report = await new Verifier([new PartitionCoverageCheck()]).RunAsync(connection);

        var check = Assert.Single(report.Results, r => r.Name == "partitions.default_empty");
        Assert.True(check.Passed, check.Found);
        Assert.True(await connection.ScalarAsync<long>("SELECT count(*) FROM analytics_events") > 0);
    }

    private static async Task<NpgsqlConnection> OpenAsync(DatabaseTarget database)
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
