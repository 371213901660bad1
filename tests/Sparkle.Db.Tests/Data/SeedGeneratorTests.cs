using Sparkle.Db.Seeding;
using Xunit;

namespace Sparkle.Db.Tests.Data;

public sealed class SeedGeneratorTests
{
    [Fact]
    public void The_same_seed_and_label_give_the_same_stream()
    {
        var a = SeedRandom.For(42, "posts");
        var b = SeedRandom.For(42, "posts");
        var c = SeedRandom.For(42, "users");
        var first = Enumerable.Range(0, 5).Select(_ => a.NextULong()).ToArray();
        Assert.Equal(first, Enumerable.Range(0, 5).Select(_ => b.NextULong()));
        Assert.NotEqual(first, Enumerable.Range(0, 5).Select(_ => c.NextULong()));
    }

    [Fact]
    public void Ids_are_unique_cuid_like_and_depend_on_the_seed()
    {
        var ids = new SeedIds(1);
        var many = Enumerable.Range(0, 20_000).Select(i => ids.For('P', i)).ToArray();
        Assert.Equal(many.Length, many.Distinct(StringComparer.Ordinal).Count());
        Assert.All(many.Take(10), id => Assert.Matches("^c[0-9a-z]{24}$", id));
        Assert.NotEqual(ids.For('P', 5), new SeedIds(2).For('P', 5));
        Assert.NotEqual(ids.For('P', 5), ids.For('M', 5));
    }

    [Fact]
    public void A_permutation_visits_every_row_once()
    {
        var permutation = new Permutation(1000, SeedRandom.For(3, "p"));
        Assert.Equal(Enumerable.Range(0, 1000), Enumerable.Range(0, 1000).Select(r => permutation.Index(r)).Order());
    }

    [Fact]
    public void Skewed_shares_sum_near_the_total_and_favour_the_top_ranks()
    {
        var counts = SkewedShares.ByRank(100_000, 1_000, 1.0, SeedRandom.For(1, "s"), int.MaxValue);
        Assert.InRange(counts.Sum(), 99_000, 101_000);
        Assert.True(counts[..10].Sum() > counts.Sum() / 5, "the top 1 % get more than a fifth");
        Assert.All(SkewedShares.ByRank(100_000, 100, 1.0, SeedRandom.For(1, "s"), 50), c => Assert.True(c <= 50));
    }
}
