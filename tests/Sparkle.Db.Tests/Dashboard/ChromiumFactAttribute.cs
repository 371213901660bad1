using Xunit;

namespace Sparkle.Db.Tests.Dashboard;

/// <summary>
/// A fact that drives Debian's headless Chromium (/usr/bin/chromium, `apt-get install chromium`; .ci/run installs it).
/// Skipped, saying why, where Chromium is absent — except in CI (<c>CI=true</c>), where a missing browser must fail.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(Chromium.ExecutablePath) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"Chromium is not at {Chromium.ExecutablePath}: apt-get install chromium (or set SPARKLE_CHROMIUM).";
        }
    }
}
