-- name: search_posts
-- Search: posts matching words, ranked (the posts branch of search_all).
-- kind: search
-- index: idx_post_search_vector
-- param $1: two words from a live post title
-- pick: SELECT 'remix tier'
SELECT id, title, ts_rank(search_vector, q) AS rank
FROM posts, plainto_tsquery('english', $1) q
WHERE search_vector @@ q AND published = true AND deleted = false
ORDER BY rank DESC
LIMIT 20;
