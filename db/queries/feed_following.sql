-- name: feed_following
-- Following feed: newest published posts of the users a member follows (and their own).
-- app: src/server/services/post.service.ts getUserFeed → listPosts: follow.findMany where followerId; then post.findMany where authorId in (followed + self), published, contentStatus PUBLISHED; orderBy createdAt desc; take limit + 1 (the _count joins as in feed_latest are left out here)
-- kind: feed
-- index: posts_authorId_published_publishedAt_idx
-- param $1: the ids followed by the user who follows most, and that user
-- pick: SELECT array_agg("followingId") || (SELECT "followerId" FROM follows GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1) FROM follows WHERE "followerId" = (SELECT "followerId" FROM follows GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)
SELECT id, slug, title, excerpt, "authorId", "publishedAt", "createdAt"
FROM posts
WHERE "authorId" = ANY($1::text[]) AND published = true AND "contentStatus" = 'PUBLISHED'
ORDER BY "createdAt" DESC
LIMIT 21 OFFSET 0;
