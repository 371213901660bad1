namespace Sparkle.Db.Verification;

/// <summary>The outcome of one named check: what it expects, what it found, and whether they agree.</summary>
public sealed record CheckResult(string Name, bool Passed, string Expected, string Found, string? Hint = null);
