-- name: search_all_rare
-- Search box: search_all over posts, users, groups and events (rare word; a function: its inner plans are not visible here).
-- kind: search
-- index: -
-- param $1: the rarest lexeme of post texts
-- pick: SELECT word FROM ts_stat('SELECT search_vector FROM posts') ORDER BY ndoc, word LIMIT 1
SELECT result_type, id, title, rank
FROM search_all($1, 'all', 20, 0);
