-- name: comment_replies
-- Post page: the replies shown under a page of comments (Prisma reads every reply of the page's comments and keeps 3 each in memory).
-- app: src/server/services/comment.service.ts listComments: include replies { where moderationStatus not REJECTED, take 3, orderBy createdAt asc } → comment.findMany where parentId in (the page's comment ids)
-- kind: keyed
-- index: comments_parentId_idx
-- param $1: the ids of the 21 newest top-level comments of the most commented post
-- pick: SELECT array_agg(id) FROM (SELECT id FROM comments WHERE "postId" = (SELECT "postId" FROM post_stats ORDER BY "commentCount" DESC, "postId" LIMIT 1) AND "parentId" IS NULL ORDER BY "createdAt" DESC LIMIT 21) c
SELECT id, content, "authorId", "parentId", "createdAt"
FROM comments
WHERE "parentId" = ANY($1::text[]) AND "moderationStatus" <> 'REJECTED'
ORDER BY "createdAt" ASC;
