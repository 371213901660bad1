using System.Text;

namespace Sparkle.Db.Cluster;

/// <summary>
/// Folders and files that only their owner may read, private from the moment they exist: the mode is given to the
/// creating call (open(2) and mkdir(2) take it), never set by a chmod afterwards, which would leave a window in which
/// another local user can open the file.
/// </summary>
internal static class PrivateFiles
{
    public const UnixFileMode FileMode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode FolderMode700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> (and missing parents) as 0700. An existing folder keeps its mode.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, FolderMode700);
        }
    }

    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/> through a new 0600 file renamed over the target, so a
    /// reader sees the old content or the new, and the file is never readable by others.
    /// </summary>
    public static async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, Options(System.IO.FileMode.CreateNew)))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Options that open a file for writing and, when it is created, create it 0600.</summary>
    public static FileStreamOptions Options(System.IO.FileMode mode, FileShare share = FileShare.None)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.ReadWrite, Share = share };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode600;
        }

        return options;
    }
}
