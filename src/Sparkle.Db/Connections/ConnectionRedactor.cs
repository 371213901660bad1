using System.Text;

namespace Sparkle.Db.Connections;

/// <summary>
/// The one place that turns a database URL or connection string into text safe to print: the password of the URL's
/// user information and the value of every password-like parameter become <c>***</c>. It parses rather than
/// pattern-matches, and where the input is ambiguous (a raw <c>@ : / ? #</c> inside a password) it redacts the larger
/// reading, so no part of a password survives.
/// </summary>
/// <remarks>
/// Forms: <c>scheme://[user[:password]@]host[:port][/database][?key=value&amp;…][#…]</c> (the form of libpq and Prisma,
/// <see href="https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS"/>), Npgsql's
/// <c>Key=Value;…</c> and libpq's <c>key=value key='quoted value' …</c>.
/// </remarks>
public static class ConnectionRedactor
{
    /// <summary>What replaces a password.</summary>
    public const string Mask = "***";

    /// <summary><paramref name="value"/> with every password removed; text of no recognised form comes back unchanged.</summary>
    public static string Redact(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0 && IsScheme(value.AsSpan(0, schemeEnd)))
        {
            return RedactUrl(value, schemeEnd + 3);
        }

        return value.Contains('=', StringComparison.Ordinal) ? RedactKeyValue(value) : value;
    }

    /// <summary>
    /// Whether a parameter name denotes a secret: password, pass, passwd, pwd, pw, sslpassword, any name containing
    /// "password", "passwd", "secret" or "token". Case, underscores, hyphens and spaces are ignored ("Ssl Password").
    /// </summary>
    public static bool IsSecretKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var normalized = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            if (c is not ('_' or '-' or ' ' or '.'))
            {
                normalized.Append(char.ToLowerInvariant(c));
            }
        }

        var k = normalized.ToString();
        return k is "pass" or "pwd" or "pw"
            || k.Contains("password", StringComparison.Ordinal)
            || k.Contains("passwd", StringComparison.Ordinal)
            || k.Contains("secret", StringComparison.Ordinal)
            || k.Contains("token", StringComparison.Ordinal);
    }

    private static bool IsScheme(ReadOnlySpan<char> scheme)
    {
        if (!char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    // A password may hold raw '@', ':', '/', '?' or '#', which makes a URL ambiguous. Two readings are parsed, and what
    // either takes for a password is masked:
    //  - the standard one (RFC 3986): the authority ends at the first '/', '?' or '#'; the user information is the
    //    part of the authority before its last '@'; the password follows the first ':' of the user information;
    //  - two lenient ones, for a password that may contain any of those characters: the user information ends at
    //    the first '@', or at the last '@', after which the host (up to '/', '?', '#' or the end) holds no '@'.
    // The last-'@' reading masks a query value that holds a raw '@' together with all before it (over-masking in a
    // message is the price of never printing the tail of a password such as "p@ss/word").
    // In both, the query runs from the first '?' after the host to '#', and each of its key=value pairs whose key
    // is secret has its value masked.
    private static string RedactUrl(string url, int authorityStart)
    {
        var masked = new bool[url.Length];

        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var lastAt = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
        MaskUserInfoPassword(url, authorityStart, lastAt, masked);
        MaskQuery(url, lastAt >= 0 ? lastAt + 1 : authorityStart, masked);

        var ats = new List<int>();
        for (var at = url.IndexOf('@', authorityStart); at >= 0; at = url.IndexOf('@', at + 1))
        {
            var hostEnd = url.IndexOfAny(['/', '?', '#'], at + 1);
            var host = hostEnd < 0 ? url.AsSpan(at + 1) : url.AsSpan(at + 1, hostEnd - at - 1);
            if (!host.Contains('@'))
            {
                ats.Add(at);
            }
        }

        if (ats.Count > 0)
        {
            foreach (var at in new[] { ats[0], ats[^1] })
            {
                MaskUserInfoPassword(url, authorityStart, at, masked);
                MaskQuery(url, at + 1, masked);
            }
        }

        var result = new StringBuilder(url.Length);
        for (var i = 0; i < url.Length; i++)
        {
            if (!masked[i])
            {
                result.Append(url[i]);
            }
            else if (i == 0 || !masked[i - 1])
            {
                result.Append(Mask);
            }
        }

        return result.ToString();
    }

    private static void MaskUserInfoPassword(string url, int start, int at, bool[] masked)
    {
        if (at < 0)
        {
            return;
        }

        var colon = url.IndexOf(':', start, at - start);
        if (colon >= 0)
        {
            Array.Fill(masked, true, colon + 1, at - colon - 1);
        }
    }

    private static void MaskQuery(string url, int hostStart, bool[] masked)
    {
        var queryStart = url.IndexOf('?', hostStart);
        if (queryStart < 0)
        {
            return;
        }

        var queryEnd = url.IndexOf('#', queryStart);
        if (queryEnd < 0)
        {
            queryEnd = url.Length;
        }

        for (var pairStart = queryStart + 1; pairStart < queryEnd;)
        {
            var pairEnd = url.IndexOf('&', pairStart, queryEnd - pairStart);
            if (pairEnd < 0)
            {
                pairEnd = queryEnd;
            }

            var equals = url.IndexOf('=', pairStart, pairEnd - pairStart);
            if (equals >= 0 && IsSecretKey(Unescape(url[pairStart..equals])))
            {
                Array.Fill(masked, true, equals + 1, pairEnd - equals - 1);
            }

            pairStart = pairEnd + 1;
        }
    }

    private static string Unescape(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    // Npgsql's "Key=Value;Key='quoted; value'" and libpq's "key=value key='quoted value'". A value runs to the
    // separator (';' when the text has one, else whitespace) unless it is quoted; a quoted value runs to its closing
    // quote (a doubled quote, or a backslash-escaped one, stays inside).
    private static string RedactKeyValue(string text)
    {
        var semicolons = text.Contains(';', StringComparison.Ordinal);
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            // Separators and blanks between pairs are copied as they are.
            while (i < text.Length && (text[i] == ';' || char.IsWhiteSpace(text[i])))
            {
                result.Append(text[i++]);
            }

            if (i >= text.Length)
            {
                break;
            }

            var keyStart = i;
            while (i < text.Length && text[i] != '=' && (semicolons ? text[i] != ';' : !char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            var key = text[keyStart..i];
            result.Append(key);
            if (i >= text.Length || text[i] != '=')
            {
                continue;
            }

            result.Append('=');
            i++;
            while (i < text.Length && text[i] == ' ')
            {
                result.Append(text[i++]);
            }

            var valueStart = i;
            if (i < text.Length && text[i] is '\'' or '"')
            {
                var quote = text[i++];
                while (i < text.Length)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i += 2;
                    }
                    else if (text[i] == quote && i + 1 < text.Length && text[i + 1] == quote)
                    {
                        i += 2;
                    }
                    else if (text[i++] == quote)
                    {
                        break;
                    }
                }
            }
            else
            {
                while (i < text.Length && (semicolons ? text[i] != ';' : !char.IsWhiteSpace(text[i])))
                {
                    i++;
                }
            }

            result.Append(IsSecretKey(key.Trim()) ? Mask : text[valueStart..i]);
        }

        return result.ToString();
    }
}
