-- name: posts_by_keyword
-- Posts carrying a meta keyword.
-- kind: keyed
-- index: idx_post_tags_gin
-- param $1: a rare keyword (the 30th most common)
-- pick: SELECT k FROM posts, unnest("metaKeywords") k GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1 OFFSET 30
SELECT id, title
FROM posts
WHERE "metaKeywords" @> ARRAY[$1]::text[] AND published = true AND deleted = false
LIMIT 20;
