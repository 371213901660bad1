-- name: user_by_email
-- Login: a user by case-insensitive email.
-- kind: keyed
-- index: idx_users_email_lower
-- param $1: the email of a user, upper-cased
-- pick: SELECT upper(email) FROM users ORDER BY id LIMIT 1 OFFSET 7
SELECT id, "hashedPassword", status, "twoFactorEnabled"
FROM users
WHERE lower(email) = lower($1);
