-- name: search_all_common
-- Search box: search_all over posts, users, groups and events (common word; a function: its inner plans are not visible here).
-- kind: search
-- index: -
-- param $1: a very common word: the 10th most common lexeme of post texts (in about two thirds of posts)
-- pick: SELECT word FROM ts_stat('SELECT search_vector FROM posts') ORDER BY ndoc DESC, word LIMIT 1 OFFSET 9
SELECT result_type, id, title, rank
FROM search_all($1, 'all', 20, 0);
