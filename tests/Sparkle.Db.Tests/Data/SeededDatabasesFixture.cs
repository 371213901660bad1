using Sparkle.Db.Connections;
using Sparkle.Db.Seeding;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Data;

/// <summary>
/// Three migrated databases seeded at a tiny scale: two from seed 7 (to compare) and one from seed 8.
/// Seeding takes a second or two each; the databases are shared by the tests of one class.
/// </summary>
public sealed class SeededDatabasesFixture : IAsyncLifetime
{
    public const double Scale = 0.002;

    public TestServer Server { get; private set; } = null!;

    public DatabaseTarget First { get; private set; } = null!;

    public DatabaseTarget Second { get; private set; } = null!;

    public DatabaseTarget OtherSeed { get; private set; } = null!;

    public SeedResult FirstResult { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestServer.GetAsync();
        First = await Server.CreateDatabaseAsync(migrated: true, "seed_a");
        Second = await Server.CreateDatabaseAsync(migrated: true, "seed_b");
        OtherSeed = await Server.CreateDatabaseAsync(migrated: true, "seed_c");
        FirstResult = await new Seeder(First, new SeedOptions { Scale = Scale, Seed = 7 }).RunAsync();
        await new Seeder(Second, new SeedOptions { Scale = Scale, Seed = 7 }).RunAsync();
        await new Seeder(OtherSeed, new SeedOptions { Scale = Scale, Seed = 8 }).RunAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var database in new[] { First, Second, OtherSeed })
        {
            if (database is not null)
            {
                await Server.DropDatabaseAsync(database);
            }
        }
    }
}
