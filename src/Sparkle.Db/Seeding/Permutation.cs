namespace Sparkle.Db.Seeding;

/// <summary>
/// Maps a popularity rank to a row number (and back) so that popular rows are spread through the table
/// rather than being the oldest ones: index = (rank·a + b) mod n with a coprime to n.
/// </summary>
public readonly struct Permutation
{
    private readonly long _n;
    private readonly long _a;
    private readonly long _b;

    public Permutation(int n, SeedRandom random)
    {
        _n = Math.Max(1, n);
        _b = random.Next(n);
        var a = (long)(n * 0.618) | 1;
        while (Gcd(a, _n) != 1)
        {
            a++;
        }

        _a = a % _n == 0 ? 1 : a;
    }

    public int Index(long rank) => (int)(((rank % _n) * _a + _b) % _n);

    private static long Gcd(long x, long y) => y == 0 ? x : Gcd(y, x % y);
}
