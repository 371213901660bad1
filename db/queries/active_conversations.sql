-- name: active_conversations
-- Support console: most recently active conversations. (DESC without NULLS LAST: the index is DESC NULLS FIRST.)
-- kind: feed
-- index: conversations_isArchived_lastMessageAt_idx
SELECT id, title, "lastMessageAt", "messageCount"
FROM conversations
WHERE deleted = false AND "isArchived" = false AND "lastMessageAt" IS NOT NULL
ORDER BY "lastMessageAt" DESC
LIMIT 20;
