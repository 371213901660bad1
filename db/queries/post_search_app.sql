-- name: post_search_app
-- The app's own post search (its database fallback when Algolia is not configured): a word inside the title or excerpt.
-- app: src/server/services/search.service.ts searchPostsInDatabase: post.findMany where published, deleted false, (title | excerpt contains, insensitive); orderBy featured desc, publishedAt desc; take 20 (and a count with the same where)
-- kind: search
-- index: idx_post_title_excerpt_trgm
-- param $1: a word of middling frequency in post texts, as the app wraps it
-- pick: SELECT '%' || word || '%' FROM ts_stat('SELECT search_vector FROM posts') ORDER BY ndoc DESC, word LIMIT 1 OFFSET 300
SELECT id, slug, title, excerpt, "authorId", featured, "publishedAt"
FROM posts
WHERE published = true AND deleted = false AND (title ILIKE $1 OR excerpt ILIKE $1)
ORDER BY featured DESC, "publishedAt" DESC
LIMIT 20 OFFSET 0;
