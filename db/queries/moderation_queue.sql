-- name: moderation_queue
-- Moderators: pending posts, newest first.
-- kind: queue
-- index: idx_posts_moderation_partial
SELECT id, title, "authorId", "createdAt"
FROM posts
WHERE "moderationStatus" = 'PENDING' AND deleted = false
ORDER BY "createdAt" DESC
LIMIT 50;
