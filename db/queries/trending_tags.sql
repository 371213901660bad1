-- name: trending_tags
-- Tag cloud: most used non-featured tags.
-- kind: feed
-- index: tags_postCount_idx
SELECT id, name, "postCount"
FROM tags
WHERE deleted = false AND featured = false
ORDER BY "postCount" DESC, "createdAt" DESC
LIMIT 30;
