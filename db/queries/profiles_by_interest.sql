-- name: profiles_by_interest
-- People with an interest.
-- kind: keyed
-- index: -
-- param $1: an interest
-- pick: SELECT i FROM profiles, unnest(interests) i GROUP BY 1 ORDER BY count(*), 1 LIMIT 1
SELECT "userId"
FROM profiles
WHERE interests @> ARRAY[$1]::text[]
LIMIT 50;
