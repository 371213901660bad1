-- name: message_reads_of_user
-- Read receipts: which of a user's recent messages were read.
-- kind: keyed
-- index: message_reads_pkey
-- param $1: the user with the most reads
-- pick: SELECT "userId" FROM message_reads GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
SELECT "messageId", "readAt"
FROM message_reads
WHERE "userId" = $1
ORDER BY "messageId"
LIMIT 100;
