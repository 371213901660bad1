-- name: followers_list
-- Followers tab: a user's followers, newest first.
-- app: src/server/services/user.service.ts getFollowers: follow.findMany where followingId; orderBy createdAt desc; take limit + 1 (include follower: users by id)
-- kind: keyed
-- index: follows_followingId_idx
-- param $1: the most followed user
-- pick: SELECT "followingId" FROM follows GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
SELECT id, "followerId", "followingId", "createdAt"
FROM follows
WHERE "followingId" = $1
ORDER BY "createdAt" DESC
LIMIT 21 OFFSET 0;
