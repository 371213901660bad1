-- name: achievement_progress
-- Achievements tab: a user's unfinished achievements, closest first.
-- kind: keyed
-- index: user_achievements_userId_showcased_idx
-- param $1: the user with the most unfinished achievements
-- pick: SELECT "userId" FROM user_achievements WHERE progress < 1.0 AND deleted = false GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
SELECT "achievementId", progress
FROM user_achievements
WHERE "userId" = $1 AND progress < 1.0 AND deleted = false
ORDER BY progress DESC;
