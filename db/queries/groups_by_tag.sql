-- name: groups_by_tag
-- Group search by tag.
-- kind: keyed
-- index: -
-- param $1: the most common group tag
-- pick: SELECT t FROM groups, unnest(tags) t GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
SELECT id, name, "memberCount"
FROM groups
WHERE tags @> ARRAY[$1]::text[] AND deleted = false
LIMIT 20;
