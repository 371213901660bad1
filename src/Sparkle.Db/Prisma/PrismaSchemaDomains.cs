namespace Sparkle.Db.Prisma;

/// <summary>
/// How the tables of the Sparkle v4.3 data model are split into the files of migration
/// <c>000_base_schema</c>. A table of a new model that is not listed here lands in
/// <see cref="UnassignedFileName"/> until it is given a domain.
/// </summary>
public static class PrismaSchemaDomains
{
    public const string ExtensionsAndEnumsFileName = "00_extensions_and_enums.sql";

    public const string UnassignedFileName = "98_unassigned.sql";

    public const string ForeignKeysFileName = "99_foreign_keys.sql";

    public static IReadOnlyList<PrismaSchemaDomain> SparkleV43 { get; } =
    [
        new("01_users_and_auth.sql", "Users, profiles, accounts and authentication",
        [
            "users", "user_stats", "user_balances", "user_subscriptions", "profiles", "accounts", "sessions",
            "login_history", "security_alerts", "api_keys", "webhooks", "blocks", "notification_preferences", "referrals",
        ]),
        new("02_content.sql", "Posts, comments, tags, reactions and the social graph",
        [
            "categories", "posts", "post_stats", "post_revisions", "post_relations", "post_series", "tags", "post_tags",
            "comments", "reactions", "mentions", "bookmarks", "bookmark_folders", "follows", "view_history", "search_history",
        ]),
        new("03_scheduling.sql", "Scheduled and recurring actions, publishing queue",
        [
            "scheduled_actions", "recurring_schedules", "publish_queue",
        ]),
        new("04_notifications_and_email.sql", "Notifications and e-mail campaigns",
        [
            "notifications", "notification_queue", "email_campaigns", "newsletter_subscriptions", "email_templates",
            "email_send_queue",
        ]),
        new("05_gamification.sql", "Achievements, XP, currency, store, trades, quests and leaderboards",
        [
            "achievements", "user_achievements", "xp_logs", "level_configs", "currency_transactions", "store_items",
            "store_bundles", "_BundleItems", "user_inventory", "trades", "quests", "user_quests", "leaderboards",
            "leaderboard_entries",
        ]),
        new("06_monetization.sql", "Creator payouts, fan funding, revenue shares and tips",
        [
            "creator_payouts", "fan_funding", "revenue_shares", "tip_transactions",
        ]),
        new("07_youtube.sql", "YouTube channels and videos, watch parties, clips and playlists",
        [
            "youtube_channels", "youtube_videos", "video_analytics", "watch_parties", "watch_party_participants",
            "watch_party_chat", "video_clips", "playlists", "playlist_items", "youtube_api_quota",
        ]),
        new("08_groups_and_events.sql", "Groups and events",
        [
            "groups", "group_members", "group_posts", "group_channels", "events", "event_attendees",
        ]),
        new("09_messaging_and_realtime.sql", "Conversations, messages, chat rooms and presence",
        [
            "conversations", "conversation_participants", "messages", "message_reads", "websocket_sessions",
            "chat_rooms", "chat_messages", "collaborative_spaces", "space_collaborators", "presence_tracking",
        ]),
        new("10_activity_and_analytics.sql", "Activity streams and daily activity and performance",
        [
            "activity_streams", "user_activity", "content_performance",
        ]),
        new("11_polls_and_fan_art.sql", "Polls and fan art galleries",
        [
            "polls", "poll_options", "poll_votes", "poll_vote_choices", "fan_art_galleries", "fan_art_submissions",
        ]),
        new("12_ai.sql", "AI recommendations, suggestions, preferences and assistant conversations",
        [
            "ai_recommendations", "ai_content_suggestions", "user_ai_preferences", "ai_assistant_conversations",
        ]),
        new("13_moderation.sql", "Reports, moderation queue, actions and filters",
        [
            "reports", "ai_moderation_queue", "moderation_actions", "content_filters",
        ]),
        new("14_platform.sql", "Media, experiments, flags, settings, audit, analytics, caching and operations",
        [
            "media_files", "experiments", "experiment_assignments", "feature_flags", "site_settings", "audit_logs",
            "analytics_events", "search_index", "cache_entries", "system_health", "rate_limit_tracker", "encryption_keys",
            "data_retention_policies",
        ]),
    ];
}
