-- name: comment_reaction_counts
-- Post page: reaction counts by type of one comment (the app asks once per comment on the page).
-- app: src/server/services/comment.service.ts getCommentReactions: reaction.groupBy by type where commentId
-- kind: keyed
-- index: reactions_commentId_idx
-- param $1: the comment with the most reactions
-- pick: SELECT "commentId" FROM reactions WHERE "commentId" IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
SELECT type, COUNT(type)
FROM reactions
WHERE "commentId" = $1
GROUP BY type;
