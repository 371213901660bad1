-- name: unread_notifications
-- Bell: a user's unread notifications, newest first.
-- kind: keyed
-- index: notifications_userId_read_createdAt_idx
-- param $1: the user with the most unread notifications
-- pick: SELECT "userId" FROM notifications WHERE read = false GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
SELECT id, type, title, "createdAt"
FROM notifications
WHERE "userId" = $1 AND read = false
ORDER BY "createdAt" DESC
LIMIT 50;
