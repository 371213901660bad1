-- name: search_posts_common
-- Search: posts matching words, ranked (the posts branch of search_all): the newest 500 visible matches (search_pool_size()), then those rows read again by id and ranked by ts_rank (common word).
-- kind: search
-- index: idx_post_search_vector
-- param $1: a very common word: the 10th most common lexeme of post texts (in about two thirds of posts)
-- pick: SELECT word FROM ts_stat('SELECT search_vector FROM posts') ORDER BY ndoc DESC, word LIMIT 1 OFFSET 9
SELECT b.id, b.title, b.rank
FROM (SELECT p.id, p.title, ts_rank(p.search_vector, plainto_tsquery('english', $1)) AS rank
      FROM posts p
      -- The pool is chosen narrow (ids) and only its rows are read again to be ranked (D102).
      WHERE p.id = ANY (ARRAY(
          SELECT pp.id
          FROM posts pp
          WHERE pp.search_vector @@ plainto_tsquery('english', $1)
            AND pp.published AND NOT pp.deleted
            AND pp."moderationStatus" IN ('APPROVED', 'AUTO_APPROVED', 'PENDING')
          ORDER BY pp."publishedAt" DESC, pp.id DESC
          LIMIT 500))
      ORDER BY rank DESC, p.id
      LIMIT 20) b;
