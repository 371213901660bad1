-- name: post_reaction_counts
-- Post page: reaction counts by type.
-- kind: keyed
-- index: reactions_postId_userId_type_key
-- param $1: the post with the most reactions
-- pick: SELECT "postId" FROM post_stats ORDER BY "totalReactionCount" DESC, "postId" LIMIT 1
SELECT type, count(*)
FROM reactions
WHERE "postId" = $1
GROUP BY type;
