-- name: profile_by_username
-- Profile page as the app loads it: a user by exact username, with post, follower and following counts.
-- app: src/server/services/user.service.ts getProfileByUsername: user.findUnique where username, deleted false; select extendedProfile (_count { posts where published, followers, following }: grouped counts of the whole tables)
-- kind: keyed
-- index: users_username_key
-- param $1: the username of the most followed user
-- pick: SELECT u.username FROM users u JOIN user_stats s ON s."userId" = u.id ORDER BY s."totalFollowers" DESC, u.id LIMIT 1
SELECT t1.id, t1.username, t1.image, t1.bio, t1.role, t1.verified, t1."createdAt", t1."lastSeenAt",
       COALESCE(p."_aggr_count_posts", 0) AS "_aggr_count_posts",
       COALESCE(f1."_aggr_count_followers", 0) AS "_aggr_count_followers",
       COALESCE(f2."_aggr_count_following", 0) AS "_aggr_count_following"
FROM users AS t1
LEFT JOIN (SELECT "authorId", COUNT(*) AS "_aggr_count_posts" FROM posts WHERE published = true GROUP BY "authorId") AS p ON t1.id = p."authorId"
LEFT JOIN (SELECT "followingId", COUNT(*) AS "_aggr_count_followers" FROM follows WHERE 1 = 1 GROUP BY "followingId") AS f1 ON t1.id = f1."followingId"
LEFT JOIN (SELECT "followerId", COUNT(*) AS "_aggr_count_following" FROM follows WHERE 1 = 1 GROUP BY "followerId") AS f2 ON t1.id = f2."followerId"
WHERE t1.username = $1 AND t1.deleted = false
LIMIT 1 OFFSET 0;
