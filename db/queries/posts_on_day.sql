-- name: posts_on_day
-- Daily digest: posts published on one day.
-- kind: aggregate
-- index: idx_posts_published_date
-- param $1: the day before the newest post
-- pick: SELECT (max("publishedAt") - interval '1 day')::date FROM posts WHERE published = true AND deleted = false
SELECT count(*)
FROM posts
WHERE published = true AND date("publishedAt") = $1;
