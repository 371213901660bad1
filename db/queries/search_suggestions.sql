-- name: search_suggestions
-- Search-as-you-type: post titles similar to a prefix.
-- kind: search
-- index: idx_post_title_trgm
-- param $1: the start of a title
-- pick: SELECT 'Sparkle universe theo'
SELECT title, similarity(title, $1) AS sim
FROM posts
WHERE title % $1 AND published = true AND deleted = false
ORDER BY sim DESC
LIMIT 10;
