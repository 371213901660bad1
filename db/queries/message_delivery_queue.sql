-- name: message_delivery_queue
-- Delivery worker: a conversation's SENT/DELIVERED messages in order.
-- kind: queue
-- index: idx_messages_delivery_queue
-- param $1: the conversation with the most undelivered messages
-- pick: SELECT "conversationId" FROM messages WHERE status IN ('SENT', 'DELIVERED') AND deleted = false GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
SELECT id, "senderId", status, "createdAt"
FROM messages
WHERE "conversationId" = $1 AND status IN ('SENT', 'DELIVERED') AND deleted = false
ORDER BY "createdAt"
LIMIT 100;
