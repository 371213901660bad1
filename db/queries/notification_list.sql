-- name: notification_list
-- Notification panel as the app loads it: a user's notifications, high priority first, then newest.
-- app: src/server/services/notification.service.ts listNotifications: notification.findMany where userId; orderBy priority desc, createdAt desc; take limit + 1
-- kind: keyed
-- index: idx_notifications_user_priority
-- param $1: the user with the most notifications
-- pick: SELECT "userId" FROM notifications GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
SELECT id, type, title, message, "imageUrl", "actorId", read, priority, "createdAt"
FROM notifications
WHERE "userId" = $1
ORDER BY priority DESC, "createdAt" DESC
LIMIT 21 OFFSET 0;
