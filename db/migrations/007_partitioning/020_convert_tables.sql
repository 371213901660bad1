-- sparkle-db:no-transaction
-- Phase 007, part 2: the conversions. Each CALL commits step by step (see 015) and does nothing
-- when its table is already partitioned, so this file re-runs cleanly. messages is deliberately
-- not partitioned (D2): message_reads."messageId" and messages."replyToId" reference messages(id).
CALL sparkle_db.convert_to_partitioned('analytics_events', 'timestamp');
CALL sparkle_db.convert_to_partitioned('activity_streams', 'createdAt');
CALL sparkle_db.convert_to_partitioned('audit_logs', 'createdAt');
CALL sparkle_db.convert_to_partitioned('notifications', 'createdAt');
CALL sparkle_db.convert_to_partitioned('xp_logs', 'createdAt');
CALL sparkle_db.convert_to_partitioned('currency_transactions', 'createdAt');
