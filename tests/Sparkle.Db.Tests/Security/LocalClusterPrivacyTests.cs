using System.Collections.Concurrent;
using Npgsql;
using Sparkle.Db.Cluster;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Security;

/// <summary>
/// Issue 12, the local cluster: the superuser password is never in a file another local user can read, not even while
/// initdb runs; the data folder keeps the mode its owner gave it; two starts at once on a new folder give one working
/// cluster.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalClusterPrivacyTests : IAsyncLifetime
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"sparkle-db-privacy-test-{Guid.NewGuid():N}");

    // Where this test's clusters put their server files when the server's OS user cannot reach _dir; watched alone, so
    // that clusters of other test runs on the machine do not count.
    private readonly string _fallback = Path.Combine(Path.GetTempPath(), $"sdb-fb-{Guid.NewGuid():N}"[..16]);

    private LocalCluster NewCluster(TimeSpan? lockWait = null) => new(new LocalClusterOptions
    {
        DataDirectory = _dir,
        ExtraSettings = new Dictionary<string, string> { ["fsync"] = "off" },
        LockWait = lockWait ?? TimeSpan.FromMinutes(3),
        ServerFallbackDirectory = _fallback,
    });

    public Task InitializeAsync()
    {
        // Traversable by the server's OS user, like /var/tmp.
        Directory.CreateDirectory(_fallback);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await NewCluster().DestroyAsync();
        Directory.Delete(_fallback, recursive: true);
    }

    [Fact]
    public async Task Password_files_are_private_from_the_moment_they_exist_and_a_private_data_folder_stays_private()
    {
        // A --data-dir its owner made 0700 before the first start.
        Directory.CreateDirectory(_dir, PrivateFolder);
        var seen = new ConcurrentBag<(string File, UnixFileMode Mode)>();
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(() => WatchSecretFiles(seen, stop.Token));

        ClusterInfo info;
        try
        {
            info = await NewCluster().StartAsync();
        }
        finally
        {
            await stop.CancelAsync();
            await watcher;
        }

        // The watcher must have caught initdb's password file while initdb ran, or it proves nothing.
        Assert.Contains(seen, s => Path.GetFileName(s.File) == "initdb-password");
        Assert.All(seen, s => Assert.True(s.Mode == Private, $"{s.File} existed with mode {s.Mode}"));

        Assert.Equal(PrivateFolder, File.GetUnixFileMode(_dir));
        Assert.Equal(Private, File.GetUnixFileMode(info.PassFile));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(_dir, "cluster.json")));
        Assert.Equal(PrivateFolder, File.GetUnixFileMode(info.ServerDirectory));
        Assert.Equal(PrivateFolder, File.GetUnixFileMode(Path.Combine(info.ServerDirectory, "socket")));
        Assert.False(File.Exists(Path.Combine(info.ServerDirectory, "initdb-password")));
        await using var connection = new NpgsqlConnection(info.Server.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(1, await connection.ScalarAsync<int>("SELECT 1"));
    }

    [Fact]
    public async Task A_data_folder_the_tool_creates_is_private()
    {
        var info = await NewCluster().StartAsync();

        Assert.Equal(PrivateFolder, File.GetUnixFileMode(_dir));
        Assert.Equal(Private, File.GetUnixFileMode(info.PassFile));
    }

    [Fact]
    public async Task Two_starts_at_once_on_a_new_folder_give_one_cluster_both_can_log_into()
    {
        var starts = await Task.WhenAll(NewCluster().StartAsync(), NewCluster().StartAsync());

        Assert.Equal(starts[0].Port, starts[1].Port);
        Assert.Equal(starts[0].ServerDirectory, starts[1].ServerDirectory);
        foreach (var info in starts)
        {
            await using var connection = new NpgsqlConnection(info.Server.ConnectionString);
            await connection.OpenAsync();
            Assert.Equal(1, await connection.ScalarAsync<int>("SELECT 1"));
        }
    }

    [Fact]
    public async Task A_start_while_another_holds_the_folder_waits_then_says_the_lock_is_held()
    {
        using var held = await DataDirectoryLock.AcquireAsync(_dir, TimeSpan.Zero, CancellationToken.None);

        // LockHeldException is what the CLI maps to exit code 4.
        var error = await Assert.ThrowsAsync<LockHeldException>(() => NewCluster(lockWait: TimeSpan.FromSeconds(1)).StartAsync());

        Assert.Contains("Another sparkle-db is starting", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "cluster.json")));
    }

    // Polls every place the server files can live (inside the data folder, or a folder of their own under /var/tmp
    // when the server's OS user cannot reach it) for the files that hold the superuser password.
    private void WatchSecretFiles(ConcurrentBag<(string File, UnixFileMode Mode)> seen, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var candidates = new List<string> { Path.Combine(_dir, "server", "initdb-password") };
            if (Directory.Exists(_dir))
            {
                candidates.AddRange(SafeFiles(_dir, "pgpass*"));
            }

            foreach (var outside in SafeDirectories(_fallback, "sparkle-db-*"))
            {
                candidates.Add(Path.Combine(outside, "server", "initdb-password"));
            }

            foreach (var file in candidates)
            {
                try
                {
                    seen.Add((file, File.GetUnixFileMode(file)));
                }
                catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
                {
                    // Not there (yet, or any more).
                }
            }
        }
    }

    private static IEnumerable<string> SafeFiles(string directory, string pattern)
    {
        try
        {
            return Directory.GetFiles(directory, pattern);
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static IEnumerable<string> SafeDirectories(string directory, string pattern)
    {
        try
        {
            return Directory.GetDirectories(directory, pattern);
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
