namespace Sparkle.Db.Seeding;

/// <summary>What later tables need to know about the generated users.</summary>
internal sealed class SeedUsers(int count, Permutation popularity)
{
    public DateTime[] Created { get; } = new DateTime[count];

    public bool[] Deleted { get; } = new bool[count];

    public int Count => count;

    /// <summary>The user of a popularity rank (rank 0 is the most active).</summary>
    public int ByRank(long rank) => popularity.Index(rank);
}
