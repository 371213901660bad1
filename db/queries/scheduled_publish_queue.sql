-- name: scheduled_publish_queue
-- Publisher job: scheduled posts that are due.
-- kind: queue
-- index: idx_posts_scheduled_publish
-- param $1: the newest publishedAt (the data's "now")
-- pick: SELECT max("publishedAt") FROM posts WHERE published = true AND deleted = false
SELECT id, "scheduledPublishAt"
FROM posts
WHERE "scheduledPublishAt" IS NOT NULL AND "scheduledPublishAt" <= $1
  AND "contentStatus" = 'SCHEDULED' AND deleted = false
ORDER BY "scheduledPublishAt"
LIMIT 100;
