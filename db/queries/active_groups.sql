-- name: active_groups
-- Groups page: top 20 of active_groups by activity score.
-- kind: feed
-- index: idx_active_groups_score
SELECT id, name, slug, activity_score
FROM active_groups
ORDER BY activity_score DESC
LIMIT 20;
