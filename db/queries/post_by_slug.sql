-- name: post_by_slug
-- Post page: one published post by slug, with its comment and reaction counts.
-- app: src/server/services/post.service.ts getPostBySlug: post.findUnique where slug, contentStatus PUBLISHED; include _count { comments, reactions } (grouped counts of the whole tables, joined on the post id)
-- kind: keyed
-- index: posts_slug_key
-- param $1: the slug of the most commented post
-- pick: SELECT p.slug FROM posts p JOIN post_stats s ON s."postId" = p.id WHERE p."contentStatus" = 'PUBLISHED' ORDER BY s."commentCount" DESC, p.id LIMIT 1
SELECT t1.id, t1.slug, t1.title, t1.content, t1."authorId", t1."publishedAt",
       COALESCE(c."_aggr_count_comments", 0) AS "_aggr_count_comments",
       COALESCE(r."_aggr_count_reactions", 0) AS "_aggr_count_reactions"
FROM posts AS t1
LEFT JOIN (SELECT "postId", COUNT(*) AS "_aggr_count_comments" FROM comments WHERE 1 = 1 GROUP BY "postId") AS c ON t1.id = c."postId"
LEFT JOIN (SELECT "postId", COUNT(*) AS "_aggr_count_reactions" FROM reactions WHERE 1 = 1 GROUP BY "postId") AS r ON t1.id = r."postId"
WHERE t1.slug = $1 AND t1."contentStatus" = 'PUBLISHED'
LIMIT 1 OFFSET 0;
