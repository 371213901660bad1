using Npgsql;
using Sparkle.Db.Connections;
using Sparkle.Db.Seeding;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Dashboard;

/// <summary>
/// A migrated database seeded at a small scale, plus what the dashboard tests look for: a probe table with an index no
/// query ever scans (dashboard_probe_note_idx) and a statement slower than the slow threshold
/// (SELECT pg_sleep(…) AS dashboard_slow_probe, <see cref="RunSlowProbeAsync"/>).
/// </summary>
public sealed class DashboardDatabaseFixture : IAsyncLifetime
{
    public const string UnusedIndex = "dashboard_probe_note_idx";
    public const string SlowProbe = "dashboard_slow_probe";

    public TestServer Server { get; private set; } = null!;

    public DatabaseTarget Target { get; private set; } = null!;

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Target.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task InitializeAsync()
    {
        Server = await TestServer.GetAsync();
        Target = await Server.CreateDatabaseAsync(migrated: true, "dashboard");
        await new Seeder(Target, new SeedOptions { Scale = 0.002, Seed = 3 }).RunAsync();
        await using var connection = await OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE dashboard_probe (id int PRIMARY KEY, note text)");
        await connection.ExecuteAsync("INSERT INTO dashboard_probe SELECT g, 'note ' || g FROM generate_series(1, 100) g");
        await connection.ExecuteAsync($"CREATE INDEX {UnusedIndex} ON dashboard_probe (note)");
    }

    /// <summary>
    /// Runs the slow statement (50 ms, above the 20 ms threshold) ten times. Call it right before the dashboard reads:
    /// pg_stat_statements is shared by every test database and evicts its least-used entries when full (a whole test
    /// run fills it), so a statement run twice at fixture time could be gone by the time the page shows statements.
    /// </summary>
    public async Task RunSlowProbeAsync()
    {
        await using var connection = await OpenAsync();
        for (var i = 0; i < 10; i++)
        {
            await connection.ExecuteAsync($"SELECT pg_sleep(0.05) AS {SlowProbe}");
        }
    }

    public async Task DisposeAsync()
    {
        if (Target is not null)
        {
            await Server.DropDatabaseAsync(Target);
        }
    }
}
