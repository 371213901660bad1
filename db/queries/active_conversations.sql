-- name: active_conversations
-- Support console: most recently active conversations.
-- kind: feed
-- index: idx_conversations_active_partial
SELECT id, title, "lastMessageAt", "messageCount"
FROM conversations
WHERE deleted = false AND "isArchived" = false
ORDER BY "lastMessageAt" DESC NULLS LAST
LIMIT 20;
