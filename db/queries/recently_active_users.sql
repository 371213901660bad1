-- name: recently_active_users
-- Admin: recently seen active users. (DESC without NULLS LAST: the index is DESC NULLS FIRST.)
-- kind: feed
-- index: users_deleted_status_lastSeenAt_onlineStatus_idx
SELECT id, username, "lastSeenAt"
FROM users
WHERE deleted = false AND status = 'ACTIVE' AND "lastSeenAt" IS NOT NULL
ORDER BY "lastSeenAt" DESC
LIMIT 50;
