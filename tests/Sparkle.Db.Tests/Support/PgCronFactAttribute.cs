using Sparkle.Db.Cluster;
using Xunit;

namespace Sparkle.Db.Tests.Support;

/// <summary>
/// A fact that needs pg_cron (package postgresql-15-cron, which .ci/run installs; the test cluster preloads it when its
/// library is present). Skipped, saying why, where the library is absent — except in CI (<c>CI=true</c>), where a
/// missing pg_cron must fail, not hide.
/// </summary>
public sealed class PgCronFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> MissingReason = new(FindMissingReason);

    public PgCronFactAttribute()
    {
        if (MissingReason.Value is { } reason && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = reason;
        }
    }

    private static string? FindMissingReason()
    {
        try
        {
            var binaries = PostgresBinaries.FindAsync().GetAwaiter().GetResult();
            return binaries.PackageLibDirectory is { } lib && File.Exists(Path.Combine(lib, "pg_cron.so"))
                ? null
                : $"pg_cron is not installed for PostgreSQL {binaries.MajorVersion} (no pg_cron.so in {binaries.PackageLibDirectory ?? "its library folder"}); install postgresql-{binaries.MajorVersion}-cron.";
        }
        catch (SparkleDbException ex)
        {
            return ex.Message;
        }
    }
}
