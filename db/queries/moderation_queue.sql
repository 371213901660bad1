-- name: moderation_queue
-- Moderators: pending posts, newest first.
-- kind: queue
-- index: posts_moderationStatus_createdAt_idx
SELECT id, title, "authorId", "createdAt"
FROM posts
WHERE "moderationStatus" = 'PENDING' AND deleted = false
ORDER BY "createdAt" DESC
LIMIT 50;
