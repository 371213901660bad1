-- name: search_all
-- Search box: search_all over posts, users, groups and events (middling word; a function: its inner plans are not visible here).
-- kind: search
-- index: -
-- param $1: a word of middling frequency in post texts (the 300th most common lexeme)
-- pick: SELECT word FROM ts_stat('SELECT search_vector FROM posts') ORDER BY ndoc DESC, word LIMIT 1 OFFSET 300
SELECT result_type, id, title, rank
FROM search_all($1, 'all', 20, 0);
