using System.Diagnostics;
using Npgsql;
using Sparkle.Db.Cluster;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Cluster;

[Collection(EnvironmentCollection.Name)]
public sealed class LocalClusterTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"sparkle-db-cluster-test-{Guid.NewGuid():N}");
    private LocalCluster Cluster => new(new LocalClusterOptions { DataDirectory = _dir, ExtraSettings = new Dictionary<string, string> { ["fsync"] = "off" } });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Cluster.DestroyAsync();

    [Fact]
    public async Task Starts_with_the_settings_the_phases_need_and_reuses_a_running_cluster()
    {
        var first = await Cluster.StartAsync();
        var pid = (await Cluster.StatusAsync()).ProcessId;
        var second = await Cluster.StartAsync();

        Assert.Equal(first.Port, second.Port);
        Assert.Equal(pid, (await Cluster.StatusAsync()).ProcessId);
        await using var connection = new NpgsqlConnection(first.Server.ConnectionString);
        await connection.OpenAsync();
        Assert.Contains("pg_stat_statements", await connection.ScalarAsync<string>("SHOW shared_preload_libraries"), StringComparison.Ordinal);
        Assert.Equal("UTF8", await connection.ScalarAsync<string>("SHOW server_encoding"));
        Assert.Equal("127.0.0.1", await connection.ScalarAsync<string>("SHOW listen_addresses"));
        Assert.Equal("UTC", await connection.ScalarAsync<string>("SHOW TimeZone"));
    }

    [Fact]
    public async Task A_crash_that_leaves_a_stale_pid_file_does_not_stop_a_restart()
    {
        await Cluster.StartAsync();
        var status = await Cluster.StatusAsync();
        // What a power loss or an OOM kill of the whole server leaves: no processes, a postmaster.pid on disk.
        Process.GetProcessById(status.ProcessId!.Value).Kill(entireProcessTree: true);
        await Task.Delay(500);
        Assert.True(File.Exists(Path.Combine(status.ServerDirectory!, "pgdata", "postmaster.pid")));

        var restarted = await Cluster.StartAsync();

        await using var connection = new NpgsqlConnection(restarted.Server.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(1, await connection.ScalarAsync<int>("SELECT 1"));
    }

    [Fact]
    public async Task The_printed_url_works_for_psql_and_holds_no_password()
    {
        var info = await Cluster.StartAsync();
        var url = info.UrlFor("postgres");
        var password = File.ReadAllText(info.PassFile).Split(':')[^1].Trim();

        var psql = Process.Start(new ProcessStartInfo("psql", ["-Atc", "SELECT 40 + 2", url]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await psql.StandardOutput.ReadToEndAsync();
        await psql.WaitForExitAsync();

        Assert.DoesNotContain(password, url, StringComparison.Ordinal);
        Assert.Equal("42", output.Trim());
    }

    [Fact]
    public async Task Missing_server_binaries_say_which_package_to_install()
    {
        Environment.SetEnvironmentVariable("SPARKLE_PG_BINDIR", "/nonexistent/bin");
        try
        {
            var error = await Assert.ThrowsAsync<PostgresUnavailableException>(() => Cluster.StartAsync());

            Assert.Contains("apt-get install postgresql-15", error.Hint, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SPARKLE_PG_BINDIR", null);
        }
    }
}
