-- name: events_by_category
-- Event filter by category.
-- kind: keyed
-- index: -
-- param $1: the most common event category
-- pick: SELECT c FROM events, unnest(categories) c GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
SELECT id, title, "startTime"
FROM events
WHERE categories @> ARRAY[$1]::text[] AND deleted = false
LIMIT 20;
