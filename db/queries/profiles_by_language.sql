-- name: profiles_by_language
-- Mailer: profiles whose notification settings ask for a language.
-- kind: keyed
-- index: idx_profile_notification_settings
-- param $1: the rarest language
-- pick: SELECT "notificationSettings"->>'language' FROM profiles GROUP BY 1 ORDER BY count(*), 1 LIMIT 1
SELECT "userId"
FROM profiles
WHERE "notificationSettings" @> jsonb_build_object('language', $1::text)
LIMIT 100;
