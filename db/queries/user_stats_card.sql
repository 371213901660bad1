-- name: user_stats_card
-- Hover card: a user's follower/post counts.
-- kind: keyed
-- index: user_stats_userId_idx
-- param $1: the most followed user
-- pick: SELECT "userId" FROM user_stats ORDER BY "totalFollowers" DESC, "userId" LIMIT 1
SELECT "totalFollowers", "totalPosts", "engagementRate"
FROM user_stats
WHERE "userId" = $1;
