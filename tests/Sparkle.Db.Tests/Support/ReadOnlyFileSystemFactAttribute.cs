using Xunit;

namespace Sparkle.Db.Tests.Support;

/// <summary>
/// A fact that needs a read-only file system: root on Linux (the test mounts a read-only tmpfs), or a read-only mount
/// the machine already has. Skipped, saying why, on a machine with neither.
/// </summary>
public sealed class ReadOnlyFileSystemFactAttribute : FactAttribute
{
    public ReadOnlyFileSystemFactAttribute()
    {
        if (!(OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess) && ExistingMountPoint() is null)
        {
            Skip = "Needs a read-only file system: run as root on Linux (the test mounts a read-only tmpfs), or on a machine with a read-only mount.";
        }
    }

    /// <summary>A read-only mount outside /proc, /sys and /dev, or null.</summary>
    public static string? ExistingMountPoint() =>
        !File.Exists("/proc/mounts")
            ? null
            : File.ReadLines("/proc/mounts")
                .Select(l => l.Split(' '))
                .Where(f => f.Length > 3 && f[3].Split(',').Contains("ro") && f[1].StartsWith('/')
                            && !f[1].StartsWith("/proc", StringComparison.Ordinal) && !f[1].StartsWith("/sys", StringComparison.Ordinal)
                            && !f[1].StartsWith("/dev", StringComparison.Ordinal) && Directory.Exists(f[1]))
                .Select(f => f[1])
                .FirstOrDefault();
}
