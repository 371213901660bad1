-- name: category_page
-- Category page: posts of one category, content type and moderation status, newest first.
-- kind: feed
-- index: idx_posts_complex_filter
-- param $1: the category of the most common (category, type, status) combination
-- param $2: its content type
-- param $3: its moderation status
-- pick: SELECT "categoryId", "contentType"::text, "moderationStatus"::text FROM posts WHERE published = true AND deleted = false AND "categoryId" IS NOT NULL GROUP BY 1, 2, 3 ORDER BY count(*) DESC, 1 LIMIT 1
SELECT id, title, slug, "publishedAt"
FROM posts
WHERE "categoryId" = $1 AND "contentType" = $2::"ContentType" AND "moderationStatus" = $3::"ModerationStatus"
  AND published = true AND deleted = false
ORDER BY "publishedAt" DESC
LIMIT 20;
