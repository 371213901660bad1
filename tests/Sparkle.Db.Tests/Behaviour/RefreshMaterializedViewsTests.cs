using System.Text.Json;
using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Behaviour;

public sealed class RefreshMaterializedViewsTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    private static readonly string[] Views = ["trending_posts", "top_creators", "active_groups"];

    [Fact]
    public async Task Each_run_logs_one_healthy_system_health_row_with_an_id()
    {
        // Check F-11 (refresh part): two runs, two complete log rows.
        await using var connection = await db.OpenAsync();
        await Sql.ExecAsync(connection, "SET TimeZone = 'America/New_York'");
        var before = await Sql.ScalarAsync<long>(connection, "SELECT count(*) FROM system_health WHERE service = 'materialized_views'");

        await Sql.ExecAsync(connection, "SELECT refresh_materialized_views()");
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await Sql.ExecAsync(connection, "SELECT refresh_materialized_views()");
            Assert.True(await Sql.ScalarAsync<bool>(
                connection,
                """
                SELECT "checkedAt" = (now() AT TIME ZONE 'UTC')::timestamp(3) FROM system_health
                WHERE service = 'materialized_views' ORDER BY "checkedAt" DESC, id LIMIT 1
                """));
            await transaction.CommitAsync();
        }

        var rows = await Sql.RowsAsync(
            connection,
            """
            SELECT length(id), status, "responseTime" > 0, "errorRate", metadata::text, "responseTime" FROM system_health
            WHERE service = 'materialized_views' ORDER BY "checkedAt" DESC LIMIT 2
            """);
        Assert.Equal(before + 2, await Sql.ScalarAsync<long>(connection, "SELECT count(*) FROM system_health WHERE service = 'materialized_views'"));
        foreach (var row in rows)
        {
            Assert.Equal(new object?[] { 36, "healthy", true, 0.0 }, row[..4]);
            using var metadata = JsonDocument.Parse((string)row[4]!);
            Assert.Equal(Views, metadata.RootElement.GetProperty("views").EnumerateArray().Select(e => e.GetString()));
            // Each view's duration is measured (a refresh takes time), is the one its result reports, and the steps fit
            // inside the whole run's responseTime (each duration is rounded to 0.001 ms).
            var durations = Views.Select(v => metadata.RootElement.GetProperty("durations").GetProperty(v).GetDouble()).ToArray();
            Assert.All(durations, d => Assert.True(d > 0, $"duration {d}"));
            Assert.Equal(durations, Views.Select(v => metadata.RootElement.GetProperty("results").EnumerateArray()
                .Single(r => r.GetProperty("view").GetString() == v).GetProperty("durationMs").GetDouble()));
            Assert.True(durations.Sum() <= (double)row[5]! + 0.002 * Views.Length, $"steps {durations.Sum()} ms > run {row[5]} ms");
            Assert.All(metadata.RootElement.GetProperty("results").EnumerateArray(), r => Assert.Equal("concurrent", r.GetProperty("mode").GetString()));
        }
    }

    [Fact]
    public async Task Unpopulated_view_is_refreshed_plainly_and_then_concurrently()
    {
        await using var connection = await db.OpenAsync();
        await Sql.ExecAsync(connection, "REFRESH MATERIALIZED VIEW top_creators WITH NO DATA");

        var first = await RefreshModeAsync(connection);
        var second = await RefreshModeAsync(connection);

        Assert.Equal(("full", "concurrent"), (first, second));
        Assert.True(await Sql.ScalarAsync<bool>(connection, "SELECT relispopulated FROM pg_class WHERE oid = 'top_creators'::regclass"));
    }

    [Fact]
    public async Task Concurrent_refresh_of_every_view_runs_while_another_connection_reads_it()
    {
        await using var reader = await db.OpenAsync();
        await using var refresher = await db.OpenAsync();
        // A failure to refresh alongside the reader shows up as a lock timeout instead of a hang.
        await Sql.ExecAsync(refresher, "SET lock_timeout = '20s'");

        await using (var readTransaction = await reader.BeginTransactionAsync())
        {
            foreach (var view in Views)
            {
                await Sql.ScalarAsync<long>(reader, $"SELECT count(*) FROM {view}");
            }

            // The reader still holds its locks on the three views.
            await Sql.ExecAsync(refresher, "SELECT refresh_materialized_views()");
            Assert.Equal("healthy", await Sql.ScalarAsync<string>(
                refresher, "SELECT status FROM system_health WHERE service = 'materialized_views' ORDER BY \"checkedAt\" DESC LIMIT 1"));
            foreach (var view in Views)
            {
                await Sql.ScalarAsync<long>(reader, $"SELECT count(*) FROM {view}");
            }

            await readTransaction.CommitAsync();
        }

        // Readers in a loop while refreshes run: no reader ever fails.
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var readLoop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var view in Views)
                {
                    await Sql.ScalarAsync<long>(reader, $"SELECT count(*) FROM {view}");
                }

                reads++;
            }
        });
        for (var i = 0; i < 5; i++)
        {
            await Sql.ExecAsync(refresher, "SELECT refresh_materialized_views()");
        }

        await stop.CancelAsync();
        await readLoop;
        Assert.True(reads > 0);
    }

    [Fact]
    public async Task Unknown_view_name_is_rejected()
    {
        await using var connection = await db.OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(
            () => Sql.ExecAsync(connection, "SELECT refresh_materialized_views(ARRAY['users'])"));
        Assert.Equal("22023", error.SqlState);
    }

    [Fact]
    public async Task Views_and_refresh_are_granted_to_the_application_role_only()
    {
        await using var connection = await db.OpenAsync();

        Assert.Equal(0L, await Sql.ScalarAsync<long>(
            connection,
            """
            SELECT count(*) FROM pg_class c, aclexplode(COALESCE(c.relacl, acldefault('r', c.relowner))) a
            WHERE c.relname IN ('trending_posts', 'top_creators', 'active_groups', 'user_reputation_scores') AND a.grantee = 0
            """));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(
            connection,
            """
            SELECT count(*) FROM pg_proc p, aclexplode(COALESCE(p.proacl, acldefault('f', p.proowner))) a
            WHERE p.proname = 'refresh_materialized_views' AND a.grantee = 0
            """));
        var function = (await Sql.RowsAsync(
            connection,
            "SELECT prosecdef, array_to_string(proconfig, ',') FROM pg_proc WHERE proname = 'refresh_materialized_views'")).Single();
        Assert.Equal(new object?[] { true, "search_path=pg_catalog, public, pg_temp" }, function);

        await using var transaction = await connection.BeginTransactionAsync();
        await Sql.ExecAsync(connection, "SET LOCAL ROLE sparkle_app");
        await Sql.ExecAsync(connection, "SELECT refresh_materialized_views()");
        foreach (var view in Views)
        {
            await Sql.ScalarAsync<long>(connection, $"SELECT count(*) FROM {view}");
        }
    }

    private static async Task<string> RefreshModeAsync(NpgsqlConnection connection)
    {
        // The log row of this very run: the one this transaction inserted.
        await using var transaction = await connection.BeginTransactionAsync();
        await Sql.ExecAsync(connection, "SELECT refresh_materialized_views(ARRAY['top_creators'])");
        var mode = await Sql.ScalarAsync<string>(
            connection,
            """
            SELECT metadata->'results'->0->>'mode' FROM system_health
            WHERE service = 'materialized_views' AND xmin::text::bigint = txid_current() % 4294967296
            """);
        await transaction.CommitAsync();
        return mode;
    }
}
