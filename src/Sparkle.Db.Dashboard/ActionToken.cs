using System.Security.Cryptography;
using System.Text;

namespace Sparkle.Db.Dashboard;

/// <summary>
/// The secret an action request must carry: 32 random bytes per run, printed once when the dashboard starts. Anyone
/// who can reach 127.0.0.1 can read the page, but only whoever saw the start-up output can act.
/// </summary>
public sealed class ActionToken
{
    /// <summary>The request header that carries the token (a form field named <c>token</c> also works).</summary>
    public const string Header = "X-Sparkle-Token";

    private readonly byte[] _bytes;

    private ActionToken(string value)
    {
        Value = value;
        _bytes = Encoding.UTF8.GetBytes(value);
    }

    public string Value { get; }

    public static ActionToken Create() =>
        new(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'));

    /// <summary>Compares in constant time, so the response time says nothing about how much of a guess was right.</summary>
    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(_bytes, Encoding.UTF8.GetBytes(candidate));
}
