-- name: conversation_last_messages
-- Inbox previews: the app asks for each conversation's latest message; Prisma reads all their messages and keeps one each in memory.
-- app: src/server/api/routers/message.ts getConversations: include messages { take 1, orderBy createdAt desc } → message.findMany where conversationId in (the page's conversations) orderBy createdAt desc
-- kind: keyed
-- index: messages_conversationId_deleted_createdAt_idx
-- param $1: the conversations of the user in the most conversations
-- pick: SELECT array_agg("conversationId") FROM conversation_participants WHERE "userId" = (SELECT "userId" FROM conversation_participants GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)
SELECT id, "conversationId", "senderId", content, "createdAt"
FROM messages
WHERE "conversationId" = ANY($1::text[])
ORDER BY "createdAt" DESC;
