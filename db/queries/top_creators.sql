-- name: top_creators
-- Creators page: top 20 of top_creators by reputation.
-- kind: feed
-- index: idx_top_creators_reputation
SELECT id, username, reputation, followers, creator_tier
FROM top_creators
ORDER BY reputation DESC
LIMIT 20;
