-- name: user_profile
-- Profile page: a user by case-insensitive username, with stats.
-- kind: keyed
-- index: idx_users_username_lower
-- param $1: the username of the most followed user, upper-cased
-- pick: SELECT upper(u.username) FROM users u JOIN user_stats s ON s."userId" = u.id ORDER BY s."totalFollowers" DESC, u.id LIMIT 1
SELECT u.id, u.username, u.image, u.bio, u.verified, u.level, s."totalFollowers", s."totalPosts", s."engagementRate"
FROM users u
LEFT JOIN user_stats s ON s."userId" = u.id
WHERE lower(u.username) = lower($1);
