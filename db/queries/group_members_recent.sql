-- name: group_members_recent
-- Group sidebar: recently active members of a role.
-- kind: keyed
-- index: idx_group_members_active
-- param $1: the largest group
-- pick: SELECT id FROM groups ORDER BY "memberCount" DESC, id LIMIT 1
SELECT "userId", "lastActiveAt"
FROM group_members
WHERE "groupId" = $1 AND role = 'MEMBER' AND "bannedUntil" IS NULL
ORDER BY "lastActiveAt" DESC
LIMIT 50;
