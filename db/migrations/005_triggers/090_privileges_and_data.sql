-- Phase 005, part 9: existing rows brought to the rules of this phase.

-- Function privileges are granted by the privilege step that runs after every migration run
-- (db/engine/privileges.sql, docs/SECURITY.md): the application role gets EXECUTE on the invoker helpers
-- the triggers call (in public, and those of sparkle_db named there), nobody else does.

-- Rows written before this phase (or while its triggers were off) are brought to one soft-delete state.
-- The updates fire the triggers above, so the counters follow.
UPDATE public.posts SET deleted = true WHERE "contentStatus" = 'DELETED' AND NOT deleted;
UPDATE public.posts SET "contentStatus" = 'DELETED' WHERE deleted AND "contentStatus" <> 'DELETED';
DO $$
DECLARE
    v_table text;
BEGIN
    FOREACH v_table IN ARRAY ARRAY['users', 'categories', 'posts', 'post_series', 'tags', 'comments',
                                   'achievements', 'user_achievements', 'trades', 'youtube_channels',
                                   'watch_parties', 'watch_party_chat', 'groups', 'events', 'conversations',
                                   'messages', 'chat_messages', 'polls', 'reports']
    LOOP
        EXECUTE format('UPDATE public.%I SET deleted = true WHERE "deletedAt" IS NOT NULL AND NOT deleted', v_table);
        EXECUTE format('UPDATE public.%I SET "deletedAt" = now() AT TIME ZONE %L WHERE deleted AND "deletedAt" IS NULL',
                       v_table, 'UTC');
    END LOOP;
END;
$$;
