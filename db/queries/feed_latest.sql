-- name: feed_latest
-- Home feed as the app loads it: the newest published posts, with comment and reaction counts.
-- app: src/server/services/post.service.ts listPosts (sortBy latest): post.findMany where published, contentStatus PUBLISHED; orderBy createdAt desc; take limit + 1; include _count { comments, reactions }, which Prisma joins as a count grouped over each whole table
-- kind: feed
-- index: idx_posts_feed_latest
SELECT t1.id, t1.slug, t1.title, t1.content, t1.excerpt, t1."coverImage", t1."authorId", t1."categoryId",
       t1.featured, t1."contentType", t1."publishedAt", t1."createdAt", t1.views,
       COALESCE(c."_aggr_count_comments", 0) AS "_aggr_count_comments",
       COALESCE(r."_aggr_count_reactions", 0) AS "_aggr_count_reactions"
FROM posts AS t1
LEFT JOIN (SELECT "postId", COUNT(*) AS "_aggr_count_comments" FROM comments WHERE 1 = 1 GROUP BY "postId") AS c ON t1.id = c."postId"
LEFT JOIN (SELECT "postId", COUNT(*) AS "_aggr_count_reactions" FROM reactions WHERE 1 = 1 GROUP BY "postId") AS r ON t1.id = r."postId"
WHERE t1.published = true AND t1."contentStatus" = 'PUBLISHED'
ORDER BY t1."createdAt" DESC
LIMIT 21 OFFSET 0;
