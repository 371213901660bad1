-- name: feed_latest_page
-- Home feed rows alone (the feed statement without the app's _count joins): what the feed costs once the app reads counts from post_stats.
-- app: src/server/services/post.service.ts listPosts (sortBy latest), without include _count
-- kind: feed
-- index: idx_posts_feed_latest
SELECT id, slug, title, content, excerpt, "coverImage", "authorId", "categoryId", featured, "contentType", "publishedAt", "createdAt", views
FROM posts
WHERE published = true AND "contentStatus" = 'PUBLISHED'
ORDER BY "createdAt" DESC
LIMIT 21 OFFSET 0;
