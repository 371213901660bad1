// What Prisma's own drift diff (`prisma migrate diff --from-config-datasource --to-schema <v4.3> --script`)
// reports on each of the suite's databases, every statement with its reason. test/drift.test.mjs asserts the
// exact set, so a new difference (or a vanished one) fails it. docs/SCHEMA.md ("What Prisma's own drift check reports")
// explains the list for the app's developers; keep the two in step.
//
// Prisma's differ does not see partial or expression indexes, triggers, functions, views, materialized views,
// other schemas (sparkle_db, sparkle_archive) or partitions, so none of those appear.

// Reported on every database, Prisma's own included: the schema's dbgenerated default is compared as text, and
// PostgreSQL stores `interval '7 days'` as `'7 days'::interval`.
export const prismaItself = [
  { statement: `ALTER TABLE "trades" ALTER COLUMN "expiresAt" SET DEFAULT (CURRENT_TIMESTAMP + interval '7 days');`, why: 'Prisma compares dbgenerated defaults as text; PostgreSQL normalises the interval literal' },
]

const dropIndex = (names, why) => names.map((name) => ({ statement: `DROP INDEX "${name}";`, why }))
const partitionedKey = (table) => ({
  statement: `ALTER TABLE "${table}" DROP CONSTRAINT "${table}_pkey", ADD CONSTRAINT "${table}_pkey" PRIMARY KEY ("id");`,
  why: 'phase 007: a partitioned table\'s primary key must hold the partition key, so it is (id, time) (D74; id kept unique by D78)',
})
const searchVector = (table) => ({ statement: `ALTER TABLE "${table}" DROP COLUMN "search_vector";`, why: 'phase 006: the full-text search column (D70)' })

export const sparkleDb = [
  ...prismaItself,
  ...dropIndex([
    'idx_conversation_settings', 'idx_group_settings', 'idx_profile_notification_settings',
    'idx_profile_privacy_settings', 'idx_quest_requirements', 'idx_quest_rewards', 'idx_trade_initiator_items',
    'idx_trade_recipient_items', 'idx_user_ai_content_preferences', 'idx_user_quest_progress',
  ], 'phase 002: JSON GIN index of the plan (docs/INDEXES.md)'),
  ...dropIndex([
    'idx_user_search_vector', 'idx_group_search_vector', 'idx_event_search_vector',
    'idx_user_username_trgm', 'idx_group_name_trgm',
  ], 'phase 006: full-text and trigram search index (D72; the posts ones are partial, which the differ does not see)'),
  ...dropIndex([
    'idx_post_tags_gin',
  ], 'phase 008: advanced index of the plan (docs/INDEXES.md)'),
  ...dropIndex([
    'ai_moderation_queue_entityId_idx', 'ai_moderation_queue_reviewedBy_idx', 'chat_messages_replyToId_idx', 'chat_rooms_createdBy_idx',
    'email_campaigns_templateId_idx', 'email_send_queue_templateId_idx', 'email_templates_createdBy_idx', 'mentions_mentionerId_idx',
    'messages_replyToId_idx', 'posts_parentVersionId_idx', 'posts_seriesId_idx', 'reports_resolvedBy_idx', 'site_settings_updatedBy_idx',
    'watch_parties_youtubeVideoId_idx', 'watch_party_chat_replyToId_idx', 'youtube_videos_youtubeChannelId_idx',
  ], 'phase 008: index on a foreign key that v4.3 leaves unindexed (docs/INDEXES.md)'),
  ...dropIndex([
    'idx_notifications_user_priority',
  ], 'phase 008: index for a hot query of the app that neither v4.3 nor the plan serves (docs/INDEXES.md)'),
  ...['activity_streams', 'analytics_events', 'audit_logs', 'currency_transactions', 'notifications', 'xp_logs'].map(partitionedKey),
  ...['events', 'groups', 'posts', 'users'].map(searchVector),
]
