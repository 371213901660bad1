using Xunit;

namespace Sparkle.Db.Tests.Scaling;

/// <summary>
/// A fact that starts Debian's PgBouncer (/usr/sbin/pgbouncer, `apt-get install pgbouncer`; .ci/run installs it).
/// Skipped, saying why, where it is absent — except in CI (<c>CI=true</c>), where a missing pooler must fail.
/// </summary>
public sealed class PgBouncerFactAttribute : FactAttribute
{
    public const string ExecutablePath = "/usr/sbin/pgbouncer";

    public PgBouncerFactAttribute()
    {
        if (!File.Exists(ExecutablePath) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"PgBouncer is not at {ExecutablePath}: apt-get install pgbouncer.";
        }
    }
}
