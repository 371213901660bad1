-- name: message_reads_of_page
-- Chat window: which of a page of messages the reader has read.
-- app: src/server/api/routers/message.ts getMessages: include reads { where userId } → message_read.findMany where messageId in (the page's 51 messages), userId
-- kind: keyed
-- index: message_reads_pkey
-- param $1: the 51 newest messages of the conversation with the most messages
-- param $2: a participant of that conversation
-- pick: SELECT (SELECT array_agg(id) FROM (SELECT id FROM messages WHERE "conversationId" = c.id AND deleted = false ORDER BY "createdAt" DESC LIMIT 51) m), (SELECT "userId" FROM conversation_participants WHERE "conversationId" = c.id ORDER BY "userId" LIMIT 1) FROM (SELECT id FROM conversations ORDER BY "messageCount" DESC, id LIMIT 1) c
SELECT "messageId", "userId", "readAt"
FROM message_reads
WHERE "messageId" = ANY($1::text[]) AND "userId" = $2;
