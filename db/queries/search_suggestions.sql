-- name: search_suggestions
-- Search-as-you-type: post titles similar to a prefix.
-- kind: search
-- index: idx_post_title_trgm
-- param $1: the first 14 characters of a live post's title, as typed so far
-- pick: SELECT left(title, 14) FROM posts WHERE published = true AND deleted = false ORDER BY id LIMIT 1 OFFSET 100
SELECT title, similarity(title, $1) AS sim
FROM posts
WHERE title % $1 AND published = true AND deleted = false
ORDER BY sim DESC
LIMIT 10;
