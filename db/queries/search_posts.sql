-- name: search_posts
-- Search: posts matching words, ranked (the posts branch of search_all): the newest 500 visible matches (search_pool_size()), ranked by ts_rank (middling word).
-- kind: search
-- index: idx_post_search_vector
-- param $1: a word of middling frequency in post texts (the 300th most common lexeme)
-- pick: SELECT word FROM ts_stat('SELECT search_vector FROM posts') ORDER BY ndoc DESC, word LIMIT 1 OFFSET 300
SELECT b.id, b.title, b.rank
FROM (SELECT pp.id, pp.title, ts_rank(pp.search_vector, plainto_tsquery('english', $1)) AS rank
      FROM (SELECT p.id, p.title, p.search_vector
            FROM posts p
            WHERE p.search_vector @@ plainto_tsquery('english', $1)
              AND p.published AND NOT p.deleted
              AND p."moderationStatus" IN ('APPROVED', 'AUTO_APPROVED', 'PENDING')
            ORDER BY p."publishedAt" DESC, p.id DESC
            LIMIT 500) pp
      ORDER BY rank DESC, pp.id
      LIMIT 20) b;
