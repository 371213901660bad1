-- name: creator_discovery
-- Who to follow: active verified creators by level.
-- kind: feed
-- index: users_role_verified_createdAt_idx
SELECT id, username, level
FROM users
WHERE deleted = false AND status = 'ACTIVE' AND role = 'CREATOR' AND verified = true
ORDER BY level DESC, "createdAt" DESC
LIMIT 20;
