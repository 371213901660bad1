-- name: event_discovery
-- Event calendar: upcoming public scheduled events.
-- kind: feed
-- index: -
-- param $1: the data's "now" (newest publishedAt)
-- pick: SELECT max("publishedAt") FROM posts WHERE published = true AND deleted = false
SELECT id, title, "startTime"
FROM events
WHERE deleted = false AND status = 'SCHEDULED' AND "startTime" >= $1 AND "isPublic" = true
ORDER BY "startTime"
LIMIT 20;
