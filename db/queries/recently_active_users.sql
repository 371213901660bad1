-- name: recently_active_users
-- Admin: recently seen active users.
-- kind: feed
-- index: idx_users_active_partial
SELECT id, username, "lastSeenAt"
FROM users
WHERE deleted = false AND status = 'ACTIVE'
ORDER BY "lastSeenAt" DESC NULLS LAST
LIMIT 50;
