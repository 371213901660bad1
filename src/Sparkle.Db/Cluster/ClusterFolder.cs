namespace Sparkle.Db.Cluster;

/// <summary>
/// Checks that the local cluster's folder can be used before anything is created in it: a folder (not a file), on a
/// real file system (not the kernel's /proc, /sys or /dev), that this process can create and write to.
/// </summary>
internal static class ClusterFolder
{
    private const string Hint = "Pass --data-dir with a writable folder (it is created when missing), or --database-url to use an existing server.";

    private static readonly string[] PseudoFileSystems = ["/proc", "/sys", "/dev"];

    /// <summary>The absolute path of <paramref name="path"/>; refuses an empty path and one that names a file.</summary>
    public static string FullPath(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidInputException("The local cluster's folder is empty (--data-dir \"\").", Hint);
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new InvalidInputException($"The local cluster's folder '{path}' is not a valid path: {ex.Message}", Hint, ex);
        }

        if (File.Exists(full))
        {
            throw new InvalidInputException($"The local cluster's folder {full} is a file, not a folder.", Hint);
        }

        if (!OperatingSystem.IsWindows() && PseudoFileSystems.FirstOrDefault(p => full == p || full.StartsWith(p + "/", StringComparison.Ordinal)) is { } pseudo)
        {
            throw new InvalidInputException($"The local cluster's folder {full} is under {pseudo}, a kernel file system that cannot hold files.", Hint);
        }

        return full;
    }

    /// <summary>Creates <paramref name="fullPath"/> when missing (0700, docs/SECURITY.md) and proves a file can be written in it.</summary>
    public static void EnsureWritable(string fullPath)
    {
        try
        {
            PrivateFiles.CreateFolder(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"Cannot create the local cluster's folder {fullPath}: {ex.Message.TrimEnd('.')}.", Hint, ex);
        }

        var probe = Path.Combine(fullPath, $".sparkle-db-write-probe-{Environment.ProcessId}");
        try
        {
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"Cannot write in the local cluster's folder {fullPath}: {ex.Message.TrimEnd('.')}.", Hint, ex);
        }
    }
}
