-- name: post_comment_thread
-- Post page: top-level comments of a post, oldest first.
-- kind: keyed
-- index: comments_postId_deleted_createdAt_idx
-- param $1: the most commented post
-- pick: SELECT "postId" FROM post_stats ORDER BY "commentCount" DESC, "postId" LIMIT 1
SELECT id, "authorId", content, "createdAt"
FROM comments
WHERE "postId" = $1 AND "parentId" IS NULL AND deleted = false
ORDER BY "createdAt"
LIMIT 50;
