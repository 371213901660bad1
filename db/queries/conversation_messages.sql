-- name: conversation_messages
-- Chat window: a conversation's latest visible messages (served by a Prisma index).
-- kind: keyed
-- index: messages_conversationId_deleted_createdAt_idx
-- param $1: the conversation with the most messages
-- pick: SELECT id FROM conversations ORDER BY "messageCount" DESC, id LIMIT 1
SELECT id, "senderId", content, status, "createdAt"
FROM messages
WHERE "conversationId" = $1 AND deleted = false
ORDER BY "createdAt" DESC
LIMIT 50;
