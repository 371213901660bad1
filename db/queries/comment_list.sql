-- name: comment_list
-- Post page: a post's top-level comments, newest first, with reaction and reply counts.
-- app: src/server/services/comment.service.ts listComments (sortBy newest): comment.findMany where postId, parentId null, moderationStatus not REJECTED; orderBy createdAt desc; take limit + 1; include _count { reactions, replies } (grouped counts of the whole tables)
-- kind: keyed
-- index: comments_postId_parentId_createdAt_idx
-- param $1: the most commented post
-- pick: SELECT "postId" FROM post_stats ORDER BY "commentCount" DESC, "postId" LIMIT 1
SELECT t1.id, t1.content, t1."authorId", t1."parentId", t1."createdAt",
       COALESCE(r."_aggr_count_reactions", 0) AS "_aggr_count_reactions",
       COALESCE(p."_aggr_count_replies", 0) AS "_aggr_count_replies"
FROM comments AS t1
LEFT JOIN (SELECT "commentId", COUNT(*) AS "_aggr_count_reactions" FROM reactions WHERE 1 = 1 GROUP BY "commentId") AS r ON t1.id = r."commentId"
LEFT JOIN (SELECT "parentId", COUNT(*) AS "_aggr_count_replies" FROM comments WHERE 1 = 1 GROUP BY "parentId") AS p ON t1.id = p."parentId"
WHERE t1."postId" = $1 AND t1."parentId" IS NULL AND t1."moderationStatus" <> 'REJECTED'
ORDER BY t1."createdAt" DESC
LIMIT 21 OFFSET 0;
