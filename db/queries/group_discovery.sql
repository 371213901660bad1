-- name: group_discovery
-- Group directory: public groups, featured first, then by size.
-- kind: feed
-- index: -
SELECT id, name, slug, "memberCount"
FROM groups
WHERE deleted = false AND visibility = 'PUBLIC'
ORDER BY "isFeatured" DESC, "memberCount" DESC
LIMIT 20;
