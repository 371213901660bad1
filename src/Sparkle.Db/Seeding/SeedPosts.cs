namespace Sparkle.Db.Seeding;

/// <summary>What later tables need to know about the generated posts.</summary>
internal sealed class SeedPosts(int count, Permutation popularity)
{
    public DateTime[] Created { get; } = new DateTime[count];

    /// <summary>Published time of live posts (published and not deleted); null otherwise.</summary>
    public DateTime?[] Live { get; } = new DateTime?[count];

    public bool[] IsPoll { get; } = new bool[count];

    /// <summary>posts.views: the number of view_history rows the seeder writes for the post.</summary>
    public int[] Views { get; } = new int[count];

    public int Count => count;

    public int ByRank(long rank) => popularity.Index(rank);
}
