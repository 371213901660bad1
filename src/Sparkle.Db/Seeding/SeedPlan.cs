namespace Sparkle.Db.Seeding;

/// <summary>
/// Target row counts for a scale. Scale 1 ≈ 10k users, 100k posts, 1M messages, 1M notifications; every
/// other table is a fixed multiple; small floors keep tiny test scales meaningful. Tables whose rows hang off
/// a parent (reactions, reads, votes …) get their count from the parents' skewed shares, so their actual count
/// lands near, not exactly on, the target (the seeder reports what it wrote).
/// </summary>
public sealed record SeedPlan
{
    public SeedPlan(double scale)
    {
        if (scale is <= 0 or > 100 || double.IsNaN(scale))
        {
            throw new InvalidInputException($"The scale {scale} is outside (0, 100].", "Use e.g. --scale 1 (10k users) or --scale 0.01.");
        }

        Scale = scale;
        Users = Count(10_000, 20);
        Posts = Count(100_000, 100);
        Comments = Count(200_000, 100);
        Reactions = Count(300_000, 100);
        Tags = Count(1_000, 20);
        PostTags = Count(200_000, 100);
        Follows = Count(100_000, 40);
        Conversations = Count(20_000, 10);
        Messages = Count(1_000_000, 500);
        Notifications = Count(1_000_000, 500);
        Groups = Count(500, 5);
        GroupMembers = Count(20_000, 40);
        GroupPosts = Count(20_000, 20);
        Events = Count(1_000, 5);
        UserAchievements = Count(30_000, 20);
        UserQuests = Count(30_000, 20);
        Trades = Count(5_000, 5);
        PollVotes = Count(20_000, 20);
        ActivityStreams = Count(200_000, 100);
        AnalyticsEvents = Count(300_000, 100);
        ViewHistory = Count(1_000_000, 100);
    }

    public const int Categories = 12;

    public const int Achievements = 20;

    public const int Quests = 15;

    public double Scale { get; }

    public int Users { get; }
    public int Posts { get; }
    public int Comments { get; }
    public int Reactions { get; }
    public int Tags { get; }
    public int PostTags { get; }
    public int Follows { get; }
    public int Conversations { get; }
    public int Messages { get; }
    public int Notifications { get; }
    public int Groups { get; }
    public int GroupMembers { get; }
    public int GroupPosts { get; }
    public int Events { get; }
    public int UserAchievements { get; }
    public int UserQuests { get; }
    public int Trades { get; }
    public int PollVotes { get; }
    public int ActivityStreams { get; }
    public int AnalyticsEvents { get; }

    /// <summary>Approximate: each live post's views follow its popularity rank; the seeder reports the exact count.</summary>
    public int ViewHistory { get; }

    private int Count(double perScale, int floor) => Math.Max(floor, (int)Math.Round(perScale * Scale));
}
