-- name: user_mention_search
-- Mention autocomplete: active users whose username, bio or display name contains the typed text.
-- app: src/server/services/user.service.ts searchUsers: user.findMany where (username | bio | profile.displayName contains, insensitive), status ACTIVE, deleted false; orderBy verified desc, stats.totalFollowers desc, createdAt desc; take limit
-- kind: search
-- index: idx_user_username_trgm
-- param $1: three letters typed (the start of a common username)
-- pick: SELECT '%' || left(username, 3) || '%' FROM users ORDER BY id LIMIT 1 OFFSET 11
SELECT t1.id, t1.username, t1.image, t1.verified
FROM users AS t1
LEFT JOIN user_stats AS s ON s."userId" = t1.id
WHERE (t1.username ILIKE $1 OR t1.bio ILIKE $1
       OR t1.id IN (SELECT "userId" FROM profiles WHERE "displayName" ILIKE $1))
  AND t1.status = 'ACTIVE' AND t1.deleted = false
ORDER BY t1.verified DESC, s."totalFollowers" DESC, t1."createdAt" DESC, t1.id ASC
LIMIT 10 OFFSET 0;
