-- name: comment_list_row_counts
-- Post page comments with their reaction and reply counts counted for the 21 returned rows only (a count per row, as a LATERAL join does), instead of grouped over the whole tables: what comment_list costs in that shape.
-- app: src/server/services/comment.service.ts listComments (sortBy newest), with the counts loaded per row (Prisma's join strategy, relationJoins, loads relations with LATERAL joins; docs/APP.md "Reads whose cost is their shape")
-- kind: keyed
-- index: comments_postId_parentId_createdAt_idx
-- param $1: the most commented post
-- pick: SELECT "postId" FROM post_stats ORDER BY "commentCount" DESC, "postId" LIMIT 1
SELECT t1.id, t1.content, t1."authorId", t1."parentId", t1."createdAt",
       (SELECT COUNT(*) FROM reactions AS r WHERE r."commentId" = t1.id) AS "_aggr_count_reactions",
       (SELECT COUNT(*) FROM comments AS p WHERE p."parentId" = t1.id) AS "_aggr_count_replies"
FROM comments AS t1
WHERE t1."postId" = $1 AND t1."parentId" IS NULL AND t1."moderationStatus" <> 'REJECTED'
ORDER BY t1."createdAt" DESC
LIMIT 21 OFFSET 0;
