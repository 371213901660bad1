-- name: trending_tags
-- Tag cloud: most used non-featured tags.
-- kind: feed
-- index: idx_tags_trending
SELECT id, name, "postCount"
FROM tags
WHERE deleted = false AND featured = false
ORDER BY "postCount" DESC, "createdAt" DESC
LIMIT 30;
