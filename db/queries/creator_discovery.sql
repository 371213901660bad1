-- name: creator_discovery
-- Who to follow: active verified creators by level.
-- kind: feed
-- index: idx_users_discovery
SELECT id, username, level
FROM users
WHERE deleted = false AND status = 'ACTIVE' AND role = 'CREATOR' AND verified = true
ORDER BY level DESC, "createdAt" DESC
LIMIT 20;
