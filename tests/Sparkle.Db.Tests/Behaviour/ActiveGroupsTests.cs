using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Behaviour;

public sealed class ActiveGroupsTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Activity_score_follows_the_plan_formula_on_a_hand_made_group()
    {
        await using var connection = await db.OpenAsync();
        var owner = await TestData.UserAsync(connection);
        var group = await GroupAsync(connection, "PUBLIC", memberCount: 10, featured: true);

        // Counted posts: 3 recent (reactions 2, 4, 6) + 1 old (0); a rejected post does not count.
        await GroupPostAsync(connection, group, owner, hoursAgo: 1, reactions: 2);
        await GroupPostAsync(connection, group, owner, hoursAgo: 30, reactions: 4, status: "APPROVED");
        await GroupPostAsync(connection, group, owner, hoursAgo: 100, reactions: 6);
        await GroupPostAsync(connection, group, owner, hoursAgo: 240, reactions: 0);
        await GroupPostAsync(connection, group, owner, hoursAgo: 1, reactions: 100, status: "REJECTED");
        // Active members: 2 within 24 h; one banned until tomorrow and one seen 2 days ago do not count.
        await MemberAsync(connection, group, await TestData.UserAsync(connection), activeHoursAgo: 1);
        await MemberAsync(connection, group, await TestData.UserAsync(connection), activeHoursAgo: 23);
        await MemberAsync(connection, group, await TestData.UserAsync(connection), activeHoursAgo: 1, bannedHoursAhead: 24);
        await MemberAsync(connection, group, await TestData.UserAsync(connection), activeHoursAgo: 48);

        var hidden = await GroupAsync(connection, "HIDDEN", memberCount: 500);
        var invite = await GroupAsync(connection, "INVITE_ONLY", memberCount: 500);
        var empty = await GroupAsync(connection, "PUBLIC", memberCount: 0);
        var deleted = await GroupAsync(connection, "PRIVATE", memberCount: 500);
        await Sql.ExecAsync(connection, "UPDATE groups SET deleted = true WHERE id = $1", deleted);

        await Sql.ExecAsync(connection, "SELECT refresh_materialized_views(ARRAY['active_groups'])");

        var rows = await Sql.RowsAsync(
            connection,
            """
            SELECT id, recent_posts, active_members, avg_post_engagement, last_post_at IS NOT NULL, activity_score
            FROM active_groups WHERE id = ANY($1)
            """,
            (object)new[] { group, hidden, invite, empty, deleted });

        // 0.3·10 + 2·3 + 1.5·2 + 10·3 + 100 (featured) = 142
        Assert.Equal(new object?[] { group, 3L, 2L, 3.0, true, 142.0 }, Assert.Single(rows));
    }

    private static async Task<string> GroupAsync(NpgsqlConnection connection, string visibility, int memberCount, bool featured = false)
    {
        var id = TestData.NewId("g");
        await Sql.ExecAsync(
            connection,
            """
            INSERT INTO groups (id, name, slug, visibility, "memberCount", "isFeatured", "updatedAt")
            VALUES ($1, 'Group', $1, $2::"GroupVisibility", $3, $4, now() AT TIME ZONE 'UTC')
            """,
            id, visibility, memberCount, featured);
        return id;
    }

    private static Task GroupPostAsync(
        NpgsqlConnection connection, string group, string author, int hoursAgo, int reactions, string status = "AUTO_APPROVED") =>
        Sql.ExecAsync(
            connection,
            """
            INSERT INTO group_posts (id, "groupId", "authorId", content, "reactionCount", "moderationStatus", "createdAt", "updatedAt")
            VALUES (gen_random_uuid()::text, $1, $2, 'text', $3, $4::"ModerationStatus",
                    (now() AT TIME ZONE 'UTC') - make_interval(hours => $5), now() AT TIME ZONE 'UTC')
            """,
            group, author, reactions, status, hoursAgo);

    private static Task MemberAsync(
        NpgsqlConnection connection, string group, string user, int activeHoursAgo, int? bannedHoursAhead = null) =>
        Sql.ExecAsync(
            connection,
            """
            INSERT INTO group_members (id, "groupId", "userId", "lastActiveAt", "bannedUntil")
            VALUES (gen_random_uuid()::text, $1, $2, (now() AT TIME ZONE 'UTC') - make_interval(hours => $3),
                    (now() AT TIME ZONE 'UTC') + make_interval(hours => $4))
            """,
            group, user, activeHoursAgo, bannedHoursAhead);
}
