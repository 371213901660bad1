using System.Text;

namespace Sparkle.Db.Seeding;

/// <summary>Words for titles, bodies and names. Drawn with a skew, so a few words are common (good search terms).</summary>
internal static class SeedText
{
    public static readonly string[] Words =
    [
        "sparkle", "universe", "theory", "episode", "review", "fan", "art", "music", "video", "live",
        "stream", "community", "creator", "story", "season", "finale", "premiere", "trailer", "cover", "remix",
        "galaxy", "star", "cosmic", "glitter", "shine", "nova", "orbit", "comet", "nebula", "aurora",
        "guide", "tutorial", "news", "update", "behind", "scenes", "interview", "collab", "challenge", "contest",
        "drawing", "painting", "sketch", "animation", "edit", "clip", "moment", "reaction", "ranking", "tier",
        "lore", "character", "villain", "hero", "secret", "hidden", "detail", "easter", "egg", "prediction",
        "playlist", "song", "album", "lyrics", "dance", "choreography", "costume", "cosplay", "meetup", "tour",
        "weekly", "daily", "monthly", "best", "worst", "top", "favorite", "classic", "new", "old",
        "deep", "dive", "analysis", "discussion", "thread", "question", "answer", "idea", "project", "journey",
        "magic", "dream", "light", "color", "rainbow", "crystal", "diamond", "golden", "silver", "midnight",
    ];

    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ren", "sa", "tor", "vel", "qui", "zan", "dor", "fi", "gla", "hex", "jun", "mor", "nex",
        "pra", "ryl", "sto", "tam", "ul", "vor", "wyn", "xa", "yel", "zor", "bri", "cla", "dre", "fen", "gor", "hal",
    ];

    /// <summary>Vocabulary size: the 100 common words above, then made-up words built from syllables.</summary>
    public const int VocabularySize = 5000;

    /// <summary>
    /// A word of Zipf-like frequency over a 5,000-word vocabulary (rank = 5000^u − 1, i.e. P(rank) ∝ 1/rank): the
    /// common words fill most text, while a word of rank a few hundred occurs in well under 1 % of posts, which is
    /// what real search terms look like.
    /// </summary>
    public static string Word(SeedRandom random) => VocabularyWord((int)Math.Pow(VocabularySize, random.NextDouble()) - 1);

    public static string VocabularyWord(int rank)
    {
        if (rank < Words.Length)
        {
            return Words[rank];
        }

        var n = rank;
        var builder = new StringBuilder(12);
        do
        {
            builder.Append(Syllables[n % Syllables.Length]);
            n /= Syllables.Length;
        }
        while (n > 0);
        return builder.ToString();
    }

    public static string Sentence(SeedRandom random, int words)
    {
        var builder = new StringBuilder(words * 8);
        for (var i = 0; i < words; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(Word(random));
        }

        return builder.ToString();
    }

    public static string Title(SeedRandom random)
    {
        var s = Sentence(random, random.Next(3, 8));
        return char.ToUpperInvariant(s[0]) + s[1..];
    }

    public static string[] Keywords(SeedRandom random, int count)
    {
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = Word(random);
        }

        return result;
    }

    /// <summary>A post body in the editor's block format; the words are plain ASCII, so no JSON escaping is needed.</summary>
    public static string PostContent(SeedRandom random, out int wordCount)
    {
        var blocks = random.Next(1, 5);
        var builder = new StringBuilder("{\"type\":\"doc\",\"blocks\":[");
        wordCount = 0;
        for (var b = 0; b < blocks; b++)
        {
            var n = random.Next(8, 40);
            wordCount += n;
            builder.Append(b > 0 ? "," : "").Append("{\"type\":\"paragraph\",\"text\":\"").Append(Sentence(random, n)).Append("\"}");
        }

        return builder.Append("]}").ToString();
    }
}
