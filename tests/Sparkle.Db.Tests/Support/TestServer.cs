using System.Globalization;
using Npgsql;
using Sparkle.Db.Cluster;
using Sparkle.Db.Connections;
using Sparkle.Db.Migrations;

namespace Sparkle.Db.Tests.Support;

/// <summary>
/// The one PostgreSQL cluster of a test run, and a template database migrated once with every embedded migration.
/// Test classes get their own copy of the template (<c>CREATE DATABASE … TEMPLATE</c>) or an empty database.
/// </summary>
public sealed class TestServer
{
    private const string TemplateName = "sparkle_template";
    private const string RootPrefix = "sparkle-db-tests-";

    private static readonly Lazy<Task<TestServer>> Instance = new(StartAsync);
    private static readonly SemaphoreSlim CreateGate = new(1, 1);
    private static int _counter;

    private readonly LocalCluster _cluster;

    private TestServer(LocalCluster cluster, ClusterInfo info)
    {
        _cluster = cluster;
        Info = info;
    }

    public ClusterInfo Info { get; }

    /// <summary>The superuser connection to the maintenance database.</summary>
    public DatabaseTarget Server => Info.Server;

    public static Task<TestServer> GetAsync() => Instance.Value;

    /// <summary>A new database: a copy of the migrated template, or empty.</summary>
    public async Task<DatabaseTarget> CreateDatabaseAsync(bool migrated, string prefix = "test")
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}");
        // Copies of one template are serialised: PostgreSQL refuses a copy while another session uses the template.
        await CreateGate.WaitAsync();
        try
        {
            await using var connection = new NpgsqlConnection(Server.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                migrated ? $"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateName}\"" : $"CREATE DATABASE \"{name}\"",
                connection);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            CreateGate.Release();
        }

        if (migrated)
        {
            // A copy does not inherit the template's database privileges (no TEMP for PUBLIC); the privilege step
            // that every migration run ends with restores them, as it would on a real server.
            await using var copy = new NpgsqlConnection(Server.WithDatabase(name).ConnectionString);
            await copy.OpenAsync();
            await PrivilegeStep.ApplyAsync(copy, CancellationToken.None);
        }

        return Server.WithDatabase(name);
    }

    public async Task DropDatabaseAsync(DatabaseTarget database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database.Database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<TestServer> StartAsync()
    {
        ReapAbandonedClusters();
        var root = Path.Combine(Path.GetTempPath(), RootPrefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var cluster = new LocalCluster(new LocalClusterOptions
        {
            DataDirectory = root,
            // Durability buys nothing for a throw-away cluster and costs most of a test run's I/O.
            ExtraSettings = new Dictionary<string, string>
            {
                ["fsync"] = "off",
                ["synchronous_commit"] = "off",
                ["full_page_writes"] = "off",
                ["max_connections"] = "200",
            },
        });
        var info = await cluster.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DestroyAsync().GetAwaiter().GetResult();

        var server = new TestServer(cluster, info);
        await server.BuildTemplateAsync();
        return server;
    }

    private async Task BuildTemplateAsync()
    {
        await DatabaseLocator.EnsureDatabaseAsync(Server, TemplateName);
        var template = Server.WithDatabase(TemplateName);
        await new MigrationRunner(template, MigrationCatalog.Embedded()).MigrateAsync();
        // A template must have no open sessions while it is copied.
        NpgsqlConnection.ClearAllPools();
    }

    // A test run killed before its exit handler leaves its cluster behind; the next run removes it.
    private static void ReapAbandonedClusters()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), RootPrefix + "*"))
        {
            if (!int.TryParse(Path.GetFileName(dir)[RootPrefix.Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) || IsAlive(pid))
            {
                continue;
            }

            try
            {
                new LocalCluster(new LocalClusterOptions { DataDirectory = dir }).DestroyAsync().GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is SparkleDbException or IOException or UnauthorizedAccessException)
            {
                // Best effort: a leftover that cannot be removed does not stop this run.
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
