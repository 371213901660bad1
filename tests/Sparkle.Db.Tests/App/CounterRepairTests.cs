using System.Text.Json;
using Npgsql;
using Sparkle.Db.Maintenance;
using Sparkle.Db.Tests.Support;
using Sparkle.Db.Verification;
using Xunit;

namespace Sparkle.Db.Tests.App;

/// <summary>
/// Counters that bypassed the triggers (a replica-mode load here) are found by verify's counters.* checks and recounted
/// by maintain, which journals what it fixed. Each test works on a database of its own.
/// </summary>
public sealed class CounterRepairTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Verify_names_the_rows_whose_counters_differ_and_maintain_recounts_them()
    {
        var (target, connection) = await CopyAsync();
        await using var _ = connection;
        var (users, posts) = await PopulateAsync(connection, 30);
        Assert.Empty(await FailuresAsync(connection, new CounterConsistencyCheck()));

        // Follows and reactions loaded with triggers off: the stored counters no longer match their sources.
        await LoadWithoutTriggersAsync(connection, users[0], users[1..6], posts[2]);
        var failures = await FailuresAsync(connection, new CounterConsistencyCheck());
        Assert.Equal(["counters.post_stats", "counters.user_stats"], failures.Select(f => f.Name).Order(StringComparer.Ordinal));
        // The star (followers, likes given) and the five fans (following; one of them also received the like).
        var found = Assert.Single(failures, f => f.Name == "counters.user_stats").Found;
        Assert.Contains("6 rows differ", found, StringComparison.Ordinal);
        Assert.Equal(5, users[..6].Count(u => found.Contains(u, StringComparison.Ordinal)));
        Assert.NotEmpty(await CounterOracle.DifferencesAsync(connection));

        var run = await new MaintenanceRunner(target).RunAsync();

        var repaired = Assert.Single(run.Steps, s => s.Name == "counters.user_stats");
        Assert.Equal("ok", repaired.Status);
        using (var detail = JsonDocument.Parse(repaired.Detail!))
        {
            Assert.Equal(6, detail.RootElement.GetProperty("rowsRepaired").GetInt32());
            Assert.Contains(users[0], detail.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        }

        Assert.Equal(1, await connection.ScalarAsync<int>(
            "SELECT (steps @> $1::jsonb)::int FROM sparkle_db.maintenance_runs WHERE id = $2",
            """[{"name": "counters.post_stats", "status": "ok"}]""", run.JournalId));
        Assert.Empty(await CounterOracle.DifferencesAsync(connection));
        Assert.Empty(await FailuresAsync(connection, new CounterConsistencyCheck()));
        await db.Server.DropDatabaseAsync(target);
    }

    [Fact]
    public async Task A_sample_that_finds_drift_makes_maintain_recount_the_whole_table()
    {
        var (target, connection) = await CopyAsync();
        await using var _ = connection;
        var (users, _) = await PopulateAsync(connection, 60);
        // Drift in every user's row, then statistics so that the tables count as large for a sample of 10.
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("SET LOCAL session_replication_role = replica");
            await connection.ExecuteAsync("""UPDATE user_stats SET "totalComments" = "totalComments" + 3""");
            await transaction.CommitAsync();
        }

        await connection.ExecuteAsync("ANALYZE user_stats");
        var check = Assert.Single(await FailuresAsync(connection, new CounterConsistencyCheck(sampleRows: 10)));
        Assert.Contains("a sample of", check.Found, StringComparison.Ordinal);

        var run = await new MaintenanceRunner(target, new MaintenanceOptions { CounterSampleRows = 10 }).RunAsync();

        using var detail = JsonDocument.Parse(Assert.Single(run.Steps, s => s.Name == "counters.user_stats").Detail!);
        Assert.Equal(users.Length, detail.RootElement.GetProperty("rowsRepaired").GetInt32());
        Assert.False(detail.RootElement.GetProperty("sampled").GetBoolean());
        Assert.Empty(await CounterOracle.DifferencesAsync(connection));
        await db.Server.DropDatabaseAsync(target);
    }

    [Fact]
    public async Task Recounting_a_row_while_the_app_writes_to_it_loses_nothing()
    {
        var (target, connection) = await CopyAsync();
        await using var _ = connection;
        var (users, posts) = await PopulateAsync(connection, 12);
        var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            await using var session = new NpgsqlConnection(target.ConnectionString);
            await session.OpenAsync();
            await session.ExecuteAsync("SET ROLE sparkle_app");
            var app = new AppWritePaths(new PrismaStatements(session), appCounters: w == 0);
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                var fan = users[1 + (w * 3) + (i++ % 3)];
                try
                {
                    await app.LikePostAsync(posts[0], fan);
                    await app.UnlikePostAsync(posts[0], fan);
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
                {
                }
            }
        })).ToArray();

        for (var round = 0; round < 20; round++)
        {
            await connection.ScalarAsync<int>("SELECT sparkle_db.recount_rows('post_stats', ARRAY[$1])", posts[0]);
            await connection.ScalarAsync<int>("SELECT sparkle_db.recount_rows('user_stats', ARRAY[$1])", users[0]);
        }

        await stop.CancelAsync();
        await Task.WhenAll(writers);
        Assert.Empty(await CounterOracle.DifferencesAsync(connection));
        await db.Server.DropDatabaseAsync(target);
    }

    private async Task<(Sparkle.Db.Connections.DatabaseTarget Target, NpgsqlConnection Connection)> CopyAsync()
    {
        var target = await db.Server.CreateDatabaseAsync(migrated: true, "counters");
        var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync();
        return (target, connection);
    }

    private static async Task<(string[] Users, string[] Posts)> PopulateAsync(NpgsqlConnection connection, int count)
    {
        var app = new AppWritePaths(new PrismaStatements(connection), appCounters: true);
        var users = new string[count];
        var posts = new string[count];
        for (var i = 0; i < count; i++)
        {
            users[i] = await app.RegisterAsync();
            posts[i] = await app.CreatePostAsync(users[i]);
        }

        return (users, posts);
    }

    private static async Task LoadWithoutTriggersAsync(NpgsqlConnection connection, string star, string[] fans, string post)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SET LOCAL session_replication_role = replica");
        foreach (var fan in fans[..5])
        {
            await connection.ExecuteAsync(
                """INSERT INTO follows (id, "followerId", "followingId", "updatedAt") VALUES ($1, $2, $3, now())""",
                PrismaStatements.NewId(), fan, star);
        }

        await connection.ExecuteAsync(
            """INSERT INTO reactions (id, type, "postId", "userId") VALUES ($1, 'LIKE', $2, $3)""", PrismaStatements.NewId(), post, star);
        await transaction.CommitAsync();
    }

    private static async Task<List<CheckResult>> FailuresAsync(NpgsqlConnection connection, ICheck check) =>
        [.. (await check.RunAsync(connection, CancellationToken.None)).Where(r => !r.Passed)];
}
