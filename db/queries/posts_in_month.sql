-- name: posts_in_month
-- Archive page: live posts of one month.
-- kind: aggregate
-- index: idx_posts_published_month
-- param $1: the month before the newest post
-- pick: SELECT date_trunc('month', max("publishedAt")) - interval '1 month' FROM posts WHERE published = true AND deleted = false
SELECT id, title, "publishedAt"
FROM posts
WHERE published = true AND deleted = false AND date_trunc('month', "publishedAt") = $1
ORDER BY "publishedAt" DESC
LIMIT 50;
