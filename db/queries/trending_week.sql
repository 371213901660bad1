-- name: trending_week
-- Trending page as the app computes it live: this week's published posts by engagement, reactions, views.
-- app: src/server/services/post.service.ts getTrendingPosts (period week): post.findMany where published, contentStatus PUBLISHED, publishedAt >= now - 7 days; orderBy stats.engagementRate, stats.totalReactionCount, stats.viewCount desc (a LEFT JOIN of post_stats); take limit
-- kind: feed
-- index: posts_deleted_published_publishedAt_idx
-- param $1: the newest publishedAt minus 7 days
-- pick: SELECT max("publishedAt") - interval '7 days' FROM posts WHERE published = true AND "contentStatus" = 'PUBLISHED'
SELECT t1.id, t1.slug, t1.title, t1."authorId", t1."publishedAt"
FROM posts AS t1
LEFT JOIN post_stats AS s ON s."postId" = t1.id
WHERE t1.published = true AND t1."contentStatus" = 'PUBLISHED' AND t1."publishedAt" >= $1
ORDER BY s."engagementRate" DESC, s."totalReactionCount" DESC, s."viewCount" DESC, t1.id ASC
LIMIT 20 OFFSET 0;
