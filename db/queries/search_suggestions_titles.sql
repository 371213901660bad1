-- name: search_suggestions_titles
-- Search-as-you-type, the posts part of search_suggestions: live titles starting with the typed text (case-insensitive), ranked by similarity.
-- kind: search
-- index: idx_post_title_prefix
-- param $1: the first 14 characters of a live post's title, as typed so far, lower-cased
-- param $2: the same text with its last character replaced by the next one (the end of the prefix range)
-- pick: SELECT lower(left(title, 14)), left(lower(left(title, 14)), -1) || chr(ascii(right(lower(left(title, 14)), 1)) + 1) FROM posts WHERE published = true AND deleted = false ORDER BY id LIMIT 1 OFFSET 100
SELECT x.title, similarity(x.title, $1) AS sim
FROM (SELECT DISTINCT t.title
      FROM (SELECT title::text AS title
            FROM posts
            WHERE lower(title::text) ~>=~ $1 AND lower(title::text) ~<~ $2
              AND published AND NOT deleted AND "moderationStatus" IN ('APPROVED', 'AUTO_APPROVED', 'PENDING')
            ORDER BY lower(title::text) USING ~<~
            LIMIT 50) t) x
ORDER BY sim DESC, x.title
LIMIT 10;
