using System.Text.Json;
using Npgsql;
using Sparkle.Db.Sql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Operations;

/// <summary>Phase 009 on a real database: the views read, perform_maintenance logs, the grants hold, the phase re-runs.</summary>
public sealed class MonitoringMigrationTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    private static readonly string[] Views =
    [
        "slow_queries", "frequent_queries", "cache_hit_ratios", "table_cache_stats", "v43_index_effectiveness", "table_bloat",
        "index_bloat", "active_connections", "connection_stats", "blocking_locks", "performance_dashboard",
    ];

    [Fact]
    public async Task Every_monitoring_view_reads_without_error()
    {
        await using var connection = await db.OpenAsync();
        foreach (var view in Views)
        {
            await connection.ExecuteAsync($"SELECT * FROM public.{view} LIMIT 1");
        }

        Assert.Equal(2L, await connection.ScalarAsync<long>("SELECT count(*) FROM cache_hit_ratios"));
        Assert.Equal(1L, await connection.ScalarAsync<long>("SELECT count(*) FROM performance_dashboard"));
        Assert.True(await connection.ScalarAsync<long>("SELECT count(*) FROM connection_stats") >= 1);
        Assert.True(await connection.ScalarAsync<long>("SELECT count(*) FROM v43_index_effectiveness") > 400);
    }

    [Fact]
    public async Task Slow_queries_lists_a_statement_slower_than_100_ms_with_its_share_of_all_time()
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("SELECT pg_sleep(0.12)");

        await using var command = new NpgsqlCommand(
            "SELECT calls, mean_time_ms::float8, percentage_of_total_time::float8 FROM slow_queries WHERE query LIKE '%pg_sleep%'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.GetDouble(1) >= 100);
        Assert.InRange(reader.GetDouble(2), 0.0, 100.0);
    }

    [Fact]
    public async Task Table_bloat_estimates_the_dead_space_left_by_a_mass_delete()
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE public.bloat_probe (id int PRIMARY KEY, v text) WITH (autovacuum_enabled = false)");
        await connection.ExecuteAsync("INSERT INTO public.bloat_probe SELECT g, repeat('x', 100) || g FROM generate_series(1, 20000) g");
        await connection.ExecuteAsync("DELETE FROM public.bloat_probe WHERE id % 5 <> 0");
        await connection.ExecuteAsync("ANALYZE public.bloat_probe");

        var ratio = await connection.ScalarAsync<decimal>("SELECT bloat_ratio FROM table_bloat WHERE table_name = 'bloat_probe'");

        Assert.InRange(ratio, 0.7m, 0.9m);
        await connection.ExecuteAsync("DROP TABLE public.bloat_probe");
    }

    [Fact]
    public async Task Perform_maintenance_writes_a_system_health_row_with_a_generated_id_and_duration_in_ms_each_run()
    {
        await using var connection = await db.OpenAsync();
        var before = await connection.ScalarAsync<long>("SELECT count(*) FROM system_health WHERE service = 'maintenance'");

        await connection.ExecuteAsync("CALL perform_maintenance()");
        var runId = await connection.ScalarAsync<long>("CALL perform_maintenance()");

        Assert.Equal(before + 2, await connection.ScalarAsync<long>("SELECT count(*) FROM system_health WHERE service = 'maintenance'"));
        await using var command = new NpgsqlCommand(
            """
            SELECT id, status, "responseTime", metadata::text, extract(epoch FROM (now() AT TIME ZONE 'UTC') - "checkedAt")::float8
              FROM system_health WHERE service = 'maintenance' ORDER BY "checkedAt" DESC LIMIT 1
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(36, reader.GetString(0).Length);
        Assert.Equal("healthy", reader.GetString(1));
        Assert.InRange(reader.GetDouble(2), 0.001, 60_000);
        using var metadata = JsonDocument.Parse(reader.GetString(3));
        Assert.Equal(reader.GetDouble(2), metadata.RootElement.GetProperty("duration").GetDouble(), 0);
        Assert.Equal(runId, metadata.RootElement.GetProperty("run_id").GetInt64());
        var tasks = metadata.RootElement.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("task").GetString()!).ToArray();
        Assert.Equal(["partitions", "counters", "materialized_views", "statistics"], tasks);
        Assert.InRange(reader.GetDouble(4), -5, 300); // checkedAt is UTC wall-clock, not session-local
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_other_views_refreshes_and_the_rows_that_name_the_failure()
    {
        // Regression (issue 16): the failure used to be raised inside the block that had done the refreshes, so
        // PostgreSQL rolled back the views that did refresh and the log row naming the failed one.
        var target = await db.Server.CreateDatabaseAsync(migrated: true, "maint009");
        await using (var connection = new NpgsqlConnection(target.ConnectionString))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync(
                """
                CREATE TABLE public.probe_scores (id int PRIMARY KEY);
                INSERT INTO public.probe_scores VALUES (1);
                CREATE MATERIALIZED VIEW public.probe_a_first AS SELECT id FROM public.probe_scores;
                CREATE UNIQUE INDEX ON public.probe_a_first (id);
                CREATE MATERIALIZED VIEW public.probe_z_last AS SELECT id FROM public.probe_scores;
                CREATE FUNCTION public.probe_boom(int) RETURNS int LANGUAGE sql AS 'SELECT 1 / ($1 - $1)';
                -- Refreshed between the two (views refresh in name order) and fails with division by zero.
                CREATE MATERIALIZED VIEW public.probe_m_ratio AS SELECT id, public.probe_boom(id) AS r FROM public.probe_scores WITH NO DATA;
                INSERT INTO public.probe_scores SELECT g FROM generate_series(2, 5) g;
                """);

            var runId = await connection.ScalarAsync<long>("CALL perform_maintenance()");

            Assert.Equal(5L, await connection.ScalarAsync<long>("SELECT count(*) FROM public.probe_a_first"));
            Assert.Equal(5L, await connection.ScalarAsync<long>("SELECT count(*) FROM public.probe_z_last"));
            Assert.Equal("degraded", await connection.ScalarAsync<string>("SELECT status FROM sparkle_db.maintenance_runs WHERE id = $1", runId));
            Assert.StartsWith("22012", await connection.ScalarAsync<string>(
                "SELECT s->>'detail' FROM sparkle_db.maintenance_runs r, jsonb_array_elements(r.steps) s WHERE r.id = $1 AND s->>'name' = 'probe_m_ratio' AND s->>'status' = 'failed'",
                runId), StringComparison.Ordinal);
            Assert.Equal(
                ["probe_a_first:ok", "probe_m_ratio:failed", "probe_z_last:ok"],
                await connection.ColumnAsync<string>(
                    "SELECT (s->>'name') || ':' || (s->>'status') FROM sparkle_db.maintenance_runs r, jsonb_array_elements(r.steps) s WHERE r.id = $1 AND s->>'name' LIKE 'probe%' ORDER BY 1",
                    runId));

            var health = await connection.ScalarAsync<string>("SELECT status || ' ' || (metadata->'tasks')::text FROM system_health WHERE service = 'maintenance'");
            Assert.StartsWith("degraded ", health, StringComparison.Ordinal);
            using var tasks = JsonDocument.Parse(health["degraded ".Length..]);
            var views = tasks.RootElement.EnumerateArray().Single(t => t.GetProperty("task").GetString() == "materialized_views");
            Assert.Equal("failed", views.GetProperty("status").GetString());
            Assert.Equal(["probe_m_ratio"], views.GetProperty("failed").EnumerateArray().Select(e => e.GetString()!).ToArray());
            Assert.Equal("ok", tasks.RootElement.EnumerateArray().Single(t => t.GetProperty("task").GetString() == "statistics").GetProperty("status").GetString());
        }

        await db.Server.DropDatabaseAsync(target);
    }

    [Fact]
    public async Task Perform_maintenance_does_nothing_while_another_maintenance_holds_the_lock()
    {
        await using var holder = await db.OpenAsync();
        await holder.ExecuteAsync("SELECT pg_advisory_lock($1)", Sparkle.Db.Migrations.AdvisoryLock.MaintenanceKey);
        await using var connection = await db.OpenAsync();
        var before = await connection.ScalarAsync<long>("SELECT count(*) FROM system_health WHERE service = 'maintenance'");
        var runs = await connection.ScalarAsync<long>("SELECT count(*) FROM sparkle_db.maintenance_runs");

        var runId = await connection.ScalarAsync<long?>("CALL perform_maintenance()");

        Assert.Null(runId);
        Assert.Equal(before, await connection.ScalarAsync<long>("SELECT count(*) FROM system_health WHERE service = 'maintenance'"));
        Assert.Equal(runs, await connection.ScalarAsync<long>("SELECT count(*) FROM sparkle_db.maintenance_runs"));
        await holder.ExecuteAsync("SELECT pg_advisory_unlock_all()");
    }

    [Fact]
    public async Task Monitoring_views_are_readable_by_pg_monitor_and_not_by_the_public()
    {
        await using var connection = await db.OpenAsync();
        foreach (var view in Views)
        {
            Assert.True(await connection.ScalarAsync<bool>("SELECT has_table_privilege('pg_monitor', $1::regclass, 'SELECT')", "public." + view));
            var appRole = await connection.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sparkle_app')");
            if (appRole)
            {
                Assert.False(await connection.ScalarAsync<bool>("SELECT has_table_privilege('sparkle_app', $1::regclass, 'SELECT')", "public." + view));
            }
        }

        Assert.False(await connection.ScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a WHERE p.proname = 'perform_maintenance' AND a.grantee = 0)"));
    }

    [Fact]
    public async Task High_cardinality_columns_have_statistics_target_1000_except_the_id_list_columns()
    {
        await using var connection = await db.OpenAsync();
        var columns = await connection.ColumnAsync<string>(
            """
            SELECT c.relname || '.' || a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
             WHERE c.relnamespace = 'public'::regnamespace AND NOT c.relispartition AND a.attstattarget = 1000
             ORDER BY 1
            """);
        Assert.Equal(
            ["activity_streams.entityId", "activity_streams.userId", "comments.authorId", "comments.postId", "messages.senderId",
             "notifications.userId", "posts.id", "posts.slug", "users.email", "users.id", "users.username"],
            columns);

        // The id-list columns keep the default target (D105): -1 in the catalog.
        Assert.Equal(2, await connection.ScalarAsync<long>(
            """
            SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
             WHERE c.relnamespace = 'public'::regnamespace AND a.attstattarget = -1
               AND ((c.relname = 'posts' AND a.attname = 'authorId') OR (c.relname = 'messages' AND a.attname = 'conversationId'))
            """));
    }

    [Fact]
    public async Task Phase_009_runs_again_cleanly_on_a_database_that_has_it()
    {
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(SqlResources.Read("migrations/009_monitoring.sql"), connection, transaction);
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        Assert.Equal(11L, await connection.ScalarAsync<long>(
            "SELECT count(*) FROM pg_views WHERE schemaname = 'public' AND viewname = ANY ($1)", (object)Views));
    }
}
