-- name: creator_earnings_leaderboard
-- Creator earnings leaderboard.
-- kind: feed
-- index: idx_users_creator_earnings
SELECT id, username, "totalRevenueEarned"
FROM users
WHERE role IN ('CREATOR', 'VERIFIED_CREATOR') AND deleted = false
ORDER BY "totalRevenueEarned" DESC
LIMIT 20;
