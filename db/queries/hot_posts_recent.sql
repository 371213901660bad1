-- name: hot_posts_recent
-- Hot this week: live posts of the last 7 days, newest first then most viewed.
-- kind: feed
-- index: posts_deleted_published_publishedAt_idx
-- param $1: the newest publishedAt minus 7 days
-- pick: SELECT max("publishedAt") - interval '7 days' FROM posts WHERE published = true AND deleted = false
SELECT id, title, views, "publishedAt"
FROM posts
WHERE published = true AND deleted = false AND "publishedAt" > $1
ORDER BY "publishedAt" DESC, views DESC
LIMIT 20;
