namespace Sparkle.Db.Seeding;

/// <summary>
/// Deterministic cuid-like ids: 25 characters of [0-9a-z]: 'c', the kind (two characters), the row number in base 36 and a hash tail.
/// The row number makes ids unique per kind without a lookup; the tail depends on the seed, so two seeds give
/// different ids.
/// </summary>
public sealed class SeedIds(long seed)
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    public string For(char kind, long index)
    {
        Span<char> buffer = stackalloc char[25];
        buffer[0] = 'c';
        // The kind as two base-36 digits of its character code keeps ids lowercase, like real cuids.
        buffer[1] = Alphabet[kind / 36 % 36];
        buffer[2] = Alphabet[kind % 36];
        var n = index;
        for (var i = 8; i >= 3; i--)
        {
            buffer[i] = Alphabet[(int)(n % 36)];
            n /= 36;
        }

        var h = SeedRandom.Mix((ulong)seed * 31 + kind + ((ulong)index << 8));
        for (var i = 9; i < 25; i++)
        {
            if (i == 17)
            {
                h = SeedRandom.Mix(h);
            }

            buffer[i] = Alphabet[(int)(h % 36)];
            h /= 36;
        }

        return new string(buffer);
    }
}
