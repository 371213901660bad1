-- name: post_by_slug_counters
-- Post page with its counts read from post_stats (kept exact by the database, docs/APP.md) instead of Prisma's _count: what post_by_slug costs once the app reads the counters.
-- app: src/server/services/post.service.ts getPostBySlug, with include stats { commentCount, totalReactionCount } in place of _count (docs/APP.md "Reads whose cost is their shape")
-- kind: keyed
-- index: posts_slug_key
-- param $1: the slug of the most commented post
-- pick: SELECT p.slug FROM posts p JOIN post_stats s ON s."postId" = p.id WHERE p."contentStatus" = 'PUBLISHED' ORDER BY s."commentCount" DESC, p.id LIMIT 1
SELECT t1.id, t1.slug, t1.title, t1.content, t1."authorId", t1."publishedAt",
       s."commentCount", s."totalReactionCount"
FROM posts AS t1
LEFT JOIN post_stats AS s ON s."postId" = t1.id
WHERE t1.slug = $1 AND t1."contentStatus" = 'PUBLISHED'
LIMIT 1 OFFSET 0;
