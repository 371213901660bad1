-- name: online_users
-- Presence: users online now, most recent first.
-- kind: feed
-- index: idx_users_activity_tracking
SELECT id, username, "lastSeenAt"
FROM users
WHERE deleted = false AND "onlineStatus" = true
ORDER BY "lastSeenAt" DESC
LIMIT 50;
