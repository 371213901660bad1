using Sparkle.Db.Cluster;
using Sparkle.Db.Connections;
using Sparkle.Db.Migrations;
using Xunit;

namespace Sparkle.Db.Tests.Scaling;

/// <summary>
/// A local cluster of its own (the shared test server holds every test class's database, far too much to copy) with a
/// migrated database <c>sparkle</c> and one streaming replica made by <see cref="LocalCluster.EnsureReplicasAsync"/>.
/// </summary>
public sealed class ReplicaFixture : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"sparkle-db-replica-test-{Guid.NewGuid():N}");

    public LocalCluster Cluster => new(new LocalClusterOptions
    {
        DataDirectory = Directory,
        ExtraSettings = new Dictionary<string, string> { ["fsync"] = "off", ["full_page_writes"] = "off" },
    });

    public ClusterInfo Primary { get; private set; } = null!;

    public ReplicaInfo Replica { get; private set; } = null!;

    public DatabaseTarget PrimaryDatabase => Primary.Server.WithDatabase(DatabaseLocator.LocalDatabaseName);

    public DatabaseTarget ReplicaDatabase => Replica.Connection.Server.WithDatabase(DatabaseLocator.LocalDatabaseName);

    public async Task InitializeAsync()
    {
        Primary = await Cluster.StartAsync();
        await DatabaseLocator.EnsureDatabaseAsync(Primary.Server, DatabaseLocator.LocalDatabaseName);
        await new MigrationRunner(PrimaryDatabase, MigrationCatalog.Embedded()).MigrateAsync();
        Replica = Assert.Single(await Cluster.EnsureReplicasAsync(1));
    }

    public async Task DisposeAsync() => await Cluster.DestroyAsync();
}
