using Npgsql;
using Sparkle.Db.Tests.Support;

namespace Sparkle.Db.Tests.App;

/// <summary>
/// The owned counters recounted by the tests themselves, independently of the database's count functions: one grouped
/// aggregate per source over the whole table, joined to the stored rows, written from the definitions in docs/APP.md.
/// Returns one line per stored counter that differs ("user_stats u1 totalPosts stored 2 expected 1").
/// </summary>
internal static class CounterOracle
{
    private const string Differences =
        """
        WITH live_posts AS (SELECT id, "authorId", "categoryId" FROM posts WHERE published AND NOT deleted),
             expected_users AS (
                 SELECT u.id AS user_id,
                        COALESCE(p.n, 0) AS "totalPosts", COALESCE(c.n, 0) AS "totalComments",
                        COALESCE(fr.n, 0) AS "totalFollowers", COALESCE(fg.n, 0) AS "totalFollowing",
                        COALESCE(g.n, 0) AS "totalLikesGiven", COALESCE(rp.n, 0) + COALESCE(rc.n, 0) AS "totalLikesReceived"
                   FROM users u
                   LEFT JOIN (SELECT "authorId" AS k, count(*) AS n FROM live_posts GROUP BY 1) p ON p.k = u.id
                   LEFT JOIN (SELECT "authorId" AS k, count(*) AS n FROM comments WHERE NOT deleted GROUP BY 1) c ON c.k = u.id
                   LEFT JOIN (SELECT "followingId" AS k, count(*) AS n FROM follows GROUP BY 1) fr ON fr.k = u.id
                   LEFT JOIN (SELECT "followerId" AS k, count(*) AS n FROM follows GROUP BY 1) fg ON fg.k = u.id
                   LEFT JOIN (SELECT "userId" AS k, count(*) AS n FROM reactions WHERE "postId" IS NOT NULL GROUP BY 1) g ON g.k = u.id
                   LEFT JOIN (SELECT po."authorId" AS k, count(*) AS n FROM reactions r JOIN posts po ON po.id = r."postId"
                               WHERE r."userId" <> po."authorId" GROUP BY 1) rp ON rp.k = u.id
                   LEFT JOIN (SELECT co."authorId" AS k, count(*) AS n FROM reactions r JOIN comments co ON co.id = r."commentId"
                               WHERE r.type = 'LIKE' AND r."userId" <> co."authorId" GROUP BY 1) rc ON rc.k = u.id),
             expected_posts AS (
                 SELECT po.id AS post_id,
                        COALESCE(r.total, 0) AS "totalReactionCount", COALESCE(r.likes, 0) AS "likeCount",
                        COALESCE(r.loves, 0) AS "loveCount", COALESCE(r.fires, 0) AS "fireCount",
                        COALESCE(c.n, 0) AS "commentCount", COALESCE(b.n, 0) AS "bookmarkCount"
                   FROM posts po
                   LEFT JOIN (SELECT "postId" AS k, count(*) AS total, count(*) FILTER (WHERE type = 'LIKE') AS likes,
                                     count(*) FILTER (WHERE type = 'LOVE') AS loves, count(*) FILTER (WHERE type = 'FIRE') AS fires
                                FROM reactions GROUP BY 1) r ON r.k = po.id
                   LEFT JOIN (SELECT "postId" AS k, count(*) AS n FROM comments WHERE NOT deleted GROUP BY 1) c ON c.k = po.id
                   LEFT JOIN (SELECT "postId" AS k, count(*) AS n FROM bookmarks GROUP BY 1) b ON b.k = po.id)
        SELECT format('user_stats %s %s stored %s expected %s', s."userId", v.col, v.stored, v.expected)
          FROM user_stats s JOIN expected_users e ON e.user_id = s."userId"
         CROSS JOIN LATERAL (VALUES ('totalPosts', s."totalPosts", e."totalPosts"),
                                    ('totalComments', s."totalComments", e."totalComments"),
                                    ('totalFollowers', s."totalFollowers", e."totalFollowers"),
                                    ('totalFollowing', s."totalFollowing", e."totalFollowing"),
                                    ('totalLikesGiven', s."totalLikesGiven", e."totalLikesGiven"),
                                    ('totalLikesReceived', s."totalLikesReceived", e."totalLikesReceived")) v(col, stored, expected)
         WHERE v.stored <> v.expected
        UNION ALL
        SELECT format('post_stats %s %s stored %s expected %s', s."postId", v.col, v.stored, v.expected)
          FROM post_stats s JOIN expected_posts e ON e.post_id = s."postId"
         CROSS JOIN LATERAL (VALUES ('totalReactionCount', s."totalReactionCount", e."totalReactionCount"),
                                    ('likeCount', s."likeCount", e."likeCount"), ('loveCount', s."loveCount", e."loveCount"),
                                    ('fireCount', s."fireCount", e."fireCount"), ('commentCount', s."commentCount", e."commentCount"),
                                    ('bookmarkCount', s."bookmarkCount", e."bookmarkCount")) v(col, stored, expected)
         WHERE v.stored <> v.expected
        UNION ALL
        SELECT format('categories %s postCount stored %s expected %s', c.id, c."postCount", count(p.id))
          FROM categories c LEFT JOIN live_posts p ON p."categoryId" = c.id
         GROUP BY c.id HAVING c."postCount" <> count(p.id)
        UNION ALL
        SELECT format('tags %s postCount stored %s expected %s', t.id, t."postCount", count(p.id))
          FROM tags t LEFT JOIN post_tags pt ON pt."tagId" = t.id LEFT JOIN live_posts p ON p.id = pt."postId"
         GROUP BY t.id HAVING t."postCount" <> count(p.id)
        ORDER BY 1
        """;

    public static Task<List<string>> DifferencesAsync(NpgsqlConnection connection) => connection.ColumnAsync<string>(Differences);
}
