namespace Sparkle.Db.Scaling;

/// <summary>
/// The proposed Citus distribution (docs/SCALING.md): which tables are sharded by which column and co-located with
/// which, and which small lookup tables become reference tables (a full copy on every node). Every other table stays a
/// local table on the coordinator.
/// </summary>
public sealed record DistributionPlan(IReadOnlyList<DistributedTable> Distributed, IReadOnlyList<string> Reference)
{
    /// <summary>
    /// Chat by conversation (a conversation's messages and participants on one node); a user's own rows (notifications,
    /// activity, statistics, XP) by user; small lookups as reference tables.
    /// </summary>
    public static DistributionPlan Proposed { get; } = new(
        [
            new("conversations", "id", "conversation"),
            new("messages", "conversationId", "conversation"),
            new("conversation_participants", "conversationId", "conversation"),
            new("users", "id", "user"),
            new("profiles", "userId", "user"),
            new("user_stats", "userId", "user"),
            new("notifications", "userId", "user"),
            new("notification_queue", "userId", "user"),
            new("activity_streams", "userId", "user"),
            new("user_activity", "userId", "user"),
            new("xp_logs", "userId", "user"),
        ],
        ["categories", "tags", "achievements", "level_configs", "quests", "feature_flags", "site_settings", "email_templates"]);

    public DistributedTable? DistributionOf(string table) => Distributed.FirstOrDefault(d => d.Table == table);

    public bool IsReference(string table) => Reference.Contains(table);

    /// <summary>"distributed by X (group G)", "reference" or "local".</summary>
    public string Describe(string table) =>
        DistributionOf(table) is { } d ? $"distributed by \"{d.Column}\" ({d.Group} group)" : IsReference(table) ? "reference" : "local";
}
