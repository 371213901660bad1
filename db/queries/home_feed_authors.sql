-- name: home_feed_authors
-- Author cards for a feed page: 20 users by id.
-- kind: keyed
-- index: users_pkey
-- param $1: the author ids of the 20 newest live posts
-- pick: SELECT array_agg("authorId") FROM (SELECT "authorId" FROM posts WHERE published = true AND deleted = false ORDER BY "publishedAt" DESC LIMIT 20) f
SELECT id, username, image, verified, level
FROM users
WHERE id = ANY($1::text[]);
