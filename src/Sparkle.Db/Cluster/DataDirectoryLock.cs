using System.Diagnostics;

namespace Sparkle.Db.Cluster;

/// <summary>
/// An exclusive lock on a local cluster's data folder, held while the cluster is created, started, stopped or
/// destroyed, so that two <c>up</c> or <c>cluster start</c> at once cannot both run initdb in a new folder (each with
/// its own password: the server then runs with one and the password file holds the other). The lock is an advisory
/// flock(2) on <c>.lock</c> in the folder (.NET takes one for <see cref="FileShare.None"/>); the kernel releases it when
/// the process ends, however it ends, so a crash leaves no stale lock.
/// </summary>
internal sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = ".lock";

    private readonly FileStream _stream;

    private DataDirectoryLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock, waiting up to <paramref name="wait"/> for another process (or caller) that holds it.</summary>
    /// <exception cref="SparkleDbException">Still held after the wait (exit code 4).</exception>
    public static async Task<DataDirectoryLock> AcquireAsync(string dataDirectory, TimeSpan wait, CancellationToken cancellationToken)
    {
        PrivateFiles.CreateFolder(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new DataDirectoryLock(new FileStream(path, PrivateFiles.Options(FileMode.OpenOrCreate)));
            }
            catch (IOException) when (File.Exists(path) && clock.Elapsed < wait)
            {
                // Held by another start, stop or destroy of this folder: wait for it to finish.
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
            catch (IOException ex) when (File.Exists(path))
            {
                throw new LockHeldException(
                    $"Another sparkle-db is starting, stopping or removing the local cluster in {dataDirectory} and still held its lock after {wait.TotalSeconds:0} s.",
                    "Wait for it to finish and run the command again; nothing was changed.",
                    ex);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
