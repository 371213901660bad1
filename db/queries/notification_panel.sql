-- name: notification_panel
-- Notification panel: a user's not-dismissed notifications, newest first.
-- kind: keyed
-- index: idx_notifications_display_covering
-- param $1: the user with the most notifications
-- pick: SELECT "userId" FROM notifications GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
SELECT id, type, title, "imageUrl", read, priority, "createdAt"
FROM notifications
WHERE "userId" = $1 AND dismissed = false
ORDER BY "createdAt" DESC
LIMIT 30;
