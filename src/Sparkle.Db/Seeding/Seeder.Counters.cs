using Npgsql;

namespace Sparkle.Db.Seeding;

public sealed partial class Seeder
{
    /// <summary>Run by the connection that loaded the conversations (the side one in a fast load).</summary>
    private const string ConversationCounters =
        """
        UPDATE conversations c SET "messageCount" = s.n, "lastMessageAt" = s.last_at, "lastMessageId" = s.last_id
        FROM (SELECT DISTINCT ON ("conversationId") "conversationId", count(*) OVER (PARTITION BY "conversationId") AS n,
                     "createdAt" AS last_at, id AS last_id
              FROM messages ORDER BY "conversationId", "createdAt" DESC, id DESC) s
        WHERE s."conversationId" = c.id
        """;

    /// <summary>
    /// Derived counters, recomputed from the rows in set-based SQL (never incrementally during COPY), by the database's
    /// own rules so that its recount (compute_user_stats / sparkle_db.count_user_stats, compute_post_stats,
    /// post_engagement_ratio of phases 003/005, sparkle_db.owned_counters) agrees: likes received are other users'
    /// reactions on one's posts plus their LIKEs on one's comments; likes given are reactions on posts; tags and
    /// categories count published, live posts; post view counters count view_history; the engagement rate is
    /// post_engagement_ratio (interactions / views, capped at 1). Upserts, so rows that triggers
    /// created during a triggers-on load are corrected in place; ids of new rows derive from the parent id, so a fast
    /// load stays deterministic. Times are the anchor, not now().
    /// </summary>
    private async Task RecomputeCountersAsync(NpgsqlConnection connection, bool fast, bool conversations, CancellationToken ct)
    {
        var anchor = $"'{Now:yyyy-MM-dd HH:mm:ss}'::timestamp(3)";
        // Phase 003's formula when the database has it (one formula for the seeder and the database); the same
        // expression inline on a database with the data model alone (the benchmark's baseline).
        var ratio = await ScalarAsync<bool>(connection, "SELECT to_regprocedure('public.post_engagement_ratio(bigint, bigint)') IS NOT NULL", ct)
            ? (Func<string, string, string>)((interactions, views) => $"post_engagement_ratio({interactions}, {views})")
            : (interactions, views) => $"CASE WHEN ({views}) > 0 THEN round(LEAST(GREATEST({interactions}, 0)::numeric / ({views}), 1), 4) ELSE 0 END";
        string[] statements =
        [
            $"""
            INSERT INTO user_stats ("id", "userId", "totalPosts", "totalComments", "totalLikesReceived", "totalLikesGiven",
                                    "totalViews", "totalFollowers", "totalFollowing", "lastActivityAt", "engagementRate", "updatedAt")
            SELECT 'c' || left(md5('user_stats:' || u.id), 24), u.id, coalesce(p.posts, 0), coalesce(c.comments, 0), coalesce(lr.received, 0), coalesce(lg.given, 0),
                   coalesce(p.views, 0), coalesce(fr.n, 0), coalesce(fg.n, 0), u."lastSeenAt",
                   CASE WHEN coalesce(p.views, 0) > 0 THEN round((coalesce(lr.received, 0)::numeric / p.views), 4)::float8 ELSE 0 END, {anchor}
            FROM users u
            LEFT JOIN (SELECT "authorId" AS id, count(*) AS posts, sum(views) AS views FROM posts WHERE published AND NOT deleted GROUP BY 1) p ON p.id = u.id
            LEFT JOIN (SELECT "authorId" AS id, count(*) AS comments FROM comments WHERE NOT deleted GROUP BY 1) c ON c.id = u.id
            LEFT JOIN (SELECT x.id, count(*) AS received
                         FROM (SELECT p."authorId" AS id FROM reactions r JOIN posts p ON p.id = r."postId" WHERE r."userId" <> p."authorId"
                               UNION ALL
                               SELECT c."authorId" FROM reactions r JOIN comments c ON c.id = r."commentId"
                                WHERE r."userId" <> c."authorId" AND r.type = 'LIKE') x
                        GROUP BY 1) lr ON lr.id = u.id
            LEFT JOIN (SELECT "userId" AS id, count(*) AS given FROM reactions WHERE "postId" IS NOT NULL GROUP BY 1) lg ON lg.id = u.id
            LEFT JOIN (SELECT "followingId" AS id, count(*) AS n FROM follows GROUP BY 1) fr ON fr.id = u.id
            LEFT JOIN (SELECT "followerId" AS id, count(*) AS n FROM follows GROUP BY 1) fg ON fg.id = u.id
            ON CONFLICT ("userId") DO UPDATE SET
                "totalPosts" = EXCLUDED."totalPosts", "totalComments" = EXCLUDED."totalComments",
                "totalLikesReceived" = EXCLUDED."totalLikesReceived", "totalLikesGiven" = EXCLUDED."totalLikesGiven",
                "totalViews" = EXCLUDED."totalViews", "totalFollowers" = EXCLUDED."totalFollowers",
                "totalFollowing" = EXCLUDED."totalFollowing", "engagementRate" = EXCLUDED."engagementRate"
            """,
            $"""
            INSERT INTO post_stats ("id", "postId", "viewCount", "uniqueViewCount", "likeCount", "loveCount", "fireCount",
                                    "totalReactionCount", "commentCount", "bookmarkCount", "avgReadTime", "engagementRate", "lastCalculatedAt", "updatedAt")
            SELECT 'c' || left(md5('post_stats:' || p.id), 24), p.id, coalesce(v.n, 0), coalesce(v.viewers, 0),
                   coalesce(r.likes, 0), coalesce(r.loves, 0), coalesce(r.fires, 0), coalesce(r.total, 0), coalesce(c.n, 0), coalesce(b.n, 0),
                   coalesce(v.read_time, 0),
                   {ratio("coalesce(r.total, 0) + coalesce(c.n, 0) + coalesce(b.n, 0)", "coalesce(v.n, 0)")}::float8,
                   {anchor}, {anchor}
            FROM posts p
            LEFT JOIN (SELECT "postId", count(*) AS n, count(DISTINCT "userId") AS viewers,
                              avg("viewDuration") FILTER (WHERE "viewDuration" > 0)::float8 AS read_time
                       FROM view_history GROUP BY 1) v ON v."postId" = p.id
            LEFT JOIN (SELECT "postId", count(*) FILTER (WHERE type = 'LIKE') AS likes, count(*) FILTER (WHERE type = 'LOVE') AS loves,
                              count(*) FILTER (WHERE type = 'FIRE') AS fires, count(*) AS total
                       FROM reactions WHERE "postId" IS NOT NULL GROUP BY 1) r ON r."postId" = p.id
            LEFT JOIN (SELECT "postId", count(*) AS n FROM comments WHERE NOT deleted GROUP BY 1) c ON c."postId" = p.id
            LEFT JOIN (SELECT "postId", count(*) AS n FROM bookmarks GROUP BY 1) b ON b."postId" = p.id
            ON CONFLICT ("postId") DO UPDATE SET
                "viewCount" = EXCLUDED."viewCount", "uniqueViewCount" = EXCLUDED."uniqueViewCount", "likeCount" = EXCLUDED."likeCount",
                "loveCount" = EXCLUDED."loveCount", "fireCount" = EXCLUDED."fireCount", "totalReactionCount" = EXCLUDED."totalReactionCount",
                "commentCount" = EXCLUDED."commentCount", "bookmarkCount" = EXCLUDED."bookmarkCount", "avgReadTime" = EXCLUDED."avgReadTime",
                "engagementRate" = {ratio("EXCLUDED.\"totalReactionCount\"::bigint + EXCLUDED.\"commentCount\" + post_stats.\"shareCount\" + EXCLUDED.\"bookmarkCount\"", "EXCLUDED.\"viewCount\"")}::float8
            """,
            """
            UPDATE tags t SET "postCount" = s.n
            FROM (SELECT pt."tagId", count(*) AS n FROM post_tags pt JOIN posts p ON p.id = pt."postId"
                   WHERE p.published AND NOT p.deleted GROUP BY 1) s
            WHERE s."tagId" = t.id
            """,
            """
            UPDATE categories k SET "postCount" = s.n
            FROM (SELECT "categoryId", count(*) AS n FROM posts WHERE published AND NOT deleted GROUP BY 1) s WHERE s."categoryId" = k.id
            """,
            """
            UPDATE groups g SET "memberCount" = coalesce(m.n, 0), "postCount" = coalesce(gp.n, 0)
            FROM groups g2
            LEFT JOIN (SELECT "groupId", count(*) AS n FROM group_members GROUP BY 1) m ON m."groupId" = g2.id
            LEFT JOIN (SELECT "groupId", count(*) AS n FROM group_posts GROUP BY 1) gp ON gp."groupId" = g2.id
            WHERE g.id = g2.id
            """,
            """
            UPDATE poll_options o SET "voteCount" = v.n / 4 + (CASE WHEN o."displayOrder" < v.n % 4 THEN 1 ELSE 0 END)
            FROM (SELECT "pollId", count(*) AS n FROM poll_votes GROUP BY 1) v WHERE v."pollId" = o."pollId"
            """,
        ];

        if (fast)
        {
            // Counter updates need not fire the updatedAt/soft-delete triggers either.
            await ExecuteAsync(connection, "SET session_replication_role = replica", ct);
        }

        // With triggers on, phase 005's guard keeps owned counters from writers other than the database; this recount
        // is the database's own rule, so it says so (sparkle_db.owner_write, D82).
        await ExecuteAsync(connection, "SET sparkle_db.owner_write = on", ct);

        foreach (var sql in conversations ? [.. statements, ConversationCounters] : statements)
        {
            await ExecuteAsync(connection, sql, ct);
        }

        await ExecuteAsync(connection, "SET session_replication_role = origin", ct);
        await ExecuteAsync(connection, "RESET sparkle_db.owner_write", ct);
    }

    /// <summary>
    /// After the load's transaction: search vectors (a fast load bypassed phase 006's triggers) and statistics of every
    /// table but <paramref name="analyzed"/> (the side connection's, analyzed in its transaction).
    /// </summary>
    private static async Task FinishAsync(NpgsqlConnection connection, bool fast, string[] analyzed, CancellationToken ct)
    {
        // Phase 006 keeps search vectors up to date with triggers; a fast load bypassed them, so fill them in with
        // the phase's own backfill procedure when it exists (it commits per batch, so it runs outside a transaction),
        // still in replica mode: nobody else writes to a database being seeded, and no trigger needs to fire.
        if (fast && await ScalarAsync<bool>(connection, "SELECT to_regproc('sparkle_db.backfill_search_vectors') IS NOT NULL", ct))
        {
            await ExecuteAsync(connection, "SET session_replication_role = replica", ct);
            foreach (var table in new[] { "posts", "users", "groups", "events" })
            {
                await ExecuteAsync(connection, $"CALL sparkle_db.backfill_search_vectors('{table}')", ct);
            }

            await ExecuteAsync(connection, "SET session_replication_role = origin", ct);
        }

        await AnalyzeAsync(connection, analyzed, only: false, ct);
    }

    /// <summary>ANALYZE of the tables of public named in <paramref name="tables"/> (<paramref name="only"/>), or of all others.</summary>
    private static async Task AnalyzeAsync(NpgsqlConnection connection, string[] tables, bool only, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT string_agg(format('%I.%I', 'public', relname), ', ' ORDER BY relname) FROM pg_class
             WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition AND (relname = ANY ($1)) = $2
            """,
            connection) { Parameters = { new() { Value = tables }, new() { Value = only } } };
        if (await command.ExecuteScalarAsync(ct) is string list)
        {
            await ExecuteAsync(connection, "ANALYZE " + list, ct);
        }
    }
}
