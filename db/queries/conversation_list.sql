-- name: conversation_list
-- Inbox: a user's conversations, most recently active first, with their unread message counts.
-- app: src/server/api/routers/message.ts getConversations: conversation.findMany where participants some { userId }, deleted false; orderBy lastMessageAt desc; take limit + 1; include _count { messages where status not READ, senderId not the user } (a grouped count over all messages)
-- kind: keyed
-- index: conversation_participants_userId_isPinned_idx
-- param $1: the user in the most conversations
-- pick: SELECT "userId" FROM conversation_participants GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
SELECT t1.id, t1.title, t1."isGroup", t1."lastMessageAt",
       COALESCE(m."_aggr_count_messages", 0) AS "_aggr_count_messages"
FROM conversations AS t1
LEFT JOIN (SELECT "conversationId", COUNT(*) AS "_aggr_count_messages" FROM messages
           WHERE status <> 'READ' AND "senderId" <> $1 GROUP BY "conversationId") AS m ON t1.id = m."conversationId"
WHERE t1.id IN (SELECT "conversationId" FROM conversation_participants WHERE "userId" = $1) AND t1.deleted = false
ORDER BY t1."lastMessageAt" DESC
LIMIT 21 OFFSET 0;
