-- name: creator_earnings_leaderboard
-- Creator earnings leaderboard.
-- kind: feed
-- index: users_role_verified_createdAt_idx
SELECT id, username, "totalRevenueEarned"
FROM users
WHERE role IN ('CREATOR', 'VERIFIED_CREATOR') AND deleted = false
ORDER BY "totalRevenueEarned" DESC
LIMIT 20;
