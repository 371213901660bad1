-- name: home_feed
-- Home feed: newest published, not deleted posts.
-- kind: feed
-- index: posts_deleted_published_publishedAt_idx
SELECT id, title, slug, "coverImage", "authorId", "categoryId", "publishedAt"
FROM posts
WHERE published = true AND deleted = false
ORDER BY "publishedAt" DESC
LIMIT 20;
