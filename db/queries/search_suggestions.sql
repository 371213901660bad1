-- name: search_suggestions
-- Search-as-you-type: search_suggestions for the first 14 characters of a live post's title (a function: titles, usernames and group names starting with the text).
-- kind: search
-- index: -
-- param $1: the first 14 characters of a live post's title, as typed so far
-- pick: SELECT left(title, 14) FROM posts WHERE published = true AND deleted = false ORDER BY id LIMIT 1 OFFSET 100
SELECT suggestion, result_type, similarity
FROM search_suggestions($1, 'all', 10);
