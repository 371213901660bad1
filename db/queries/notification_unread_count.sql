-- name: notification_unread_count
-- Bell badge: a user's unread notification count.
-- app: src/server/services/notification.service.ts getUnreadCount: notification.count where userId, read false
-- kind: keyed
-- index: notifications_userId_read_createdAt_idx
-- param $1: the user with the most unread notifications
-- pick: SELECT "userId" FROM notifications WHERE read = false GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
SELECT COUNT(*) FROM (SELECT id FROM notifications WHERE "userId" = $1 AND read = false OFFSET 0) AS sub;
