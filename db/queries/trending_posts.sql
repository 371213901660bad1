-- name: trending_posts
-- Trending page: top 20 of the trending_posts materialized view.
-- kind: feed
-- index: idx_trending_posts_score
SELECT id, title, slug, "authorName", trending_score
FROM trending_posts
ORDER BY trending_score DESC
LIMIT 20;
