-- name: search_posts
-- Search: posts matching words, ranked (the posts branch of search_all).
-- kind: search
-- index: idx_post_search_vector
-- param $1: a word of middling frequency in post texts (the 300th most common lexeme)
-- pick: SELECT word FROM ts_stat('SELECT search_vector FROM posts') ORDER BY ndoc DESC, word LIMIT 1 OFFSET 300
SELECT id, title, ts_rank(search_vector, q) AS rank
FROM posts, plainto_tsquery('english', $1) q
WHERE search_vector @@ q AND published = true AND deleted = false
ORDER BY rank DESC
LIMIT 20;
