-- name: search_all
-- Search box: search_all over posts, users, groups and events (a function; its inner plans are not visible).
-- kind: search
-- index: -
-- param $1: two words from a live post title
-- pick: SELECT 'remix tier'
SELECT result_type, id, title, rank
FROM search_all($1, 'all', 20, 0);
