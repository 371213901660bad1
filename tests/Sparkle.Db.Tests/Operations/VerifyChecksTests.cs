using Npgsql;
using Sparkle.Db.Connections;
using Sparkle.Db.Verification;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Operations;

/// <summary>
/// Each verify check on a real database: passing on the migrated database, failing when the fault it looks for is
/// made on purpose (on a copy of its own, since the faults are catalog changes).
/// </summary>
public sealed class VerifyChecksTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    private async Task<(DatabaseTarget Target, NpgsqlConnection Connection)> CopyAsync()
    {
        var target = await db.Server.CreateDatabaseAsync(migrated: true, "verify");
        var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync();
        return (target, connection);
    }

    private static async Task<IReadOnlyList<CheckResult>> RunAsync(ICheck check, NpgsqlConnection connection) =>
        await check.RunAsync(connection, CancellationToken.None);

    private static CheckResult Single(IReadOnlyList<CheckResult> results, string name) => Assert.Single(results, r => r.Name == name);

    [Fact]
    public async Task Checks_that_need_no_other_phase_pass_on_the_migrated_database()
    {
        await using var connection = await db.OpenAsync();
        var report = await new Verifier(
        [
            new NoInvalidIndexesCheck(), new ConstraintsValidatedCheck(), new PartitionCoverageCheck(),
            new SecurityDefinerCheck(), new TimeZoneCheck(),
        ]).RunAsync(connection);

        Assert.All(report.Results, r => Assert.True(r.Passed, $"{r.Name}: expected {r.Expected}; found {r.Found}"));
        var plan = await RunAsync(new PlanObjectsCheck(), connection);
        Assert.True(Single(plan, "plan.objects.phase_000").Passed, Single(plan, "plan.objects.phase_000").Found);
        Assert.True(Single(plan, "plan.objects.phase_009").Passed, Single(plan, "plan.objects.phase_009").Found);
    }

    [Fact]
    public async Task Every_check_of_the_default_list_reports_a_named_result_with_what_it_expected_and_found()
    {
        await using var connection = await db.OpenAsync();
        var report = await Verifier.Default(Sparkle.Db.Migrations.MigrationCatalog.Embedded()).RunAsync(connection);

        Assert.All(report.Results, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Expected));
            Assert.False(string.IsNullOrWhiteSpace(r.Found));
            Assert.DoesNotContain("the check's query to succeed", r.Expected, StringComparison.Ordinal);
        });
        Assert.Equal(10, report.Results.Count(r => r.Name.StartsWith("plan.objects.phase_", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_invalid_index_fails_the_invalid_index_check()
    {
        var (target, connection) = await CopyAsync();
        await using (connection)
        {
            await connection.ExecuteAsync("CREATE INDEX probe_invalid_idx ON posts (title)");
            await connection.ExecuteAsync("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'probe_invalid_idx'::regclass");

            var result = Single(await RunAsync(new NoInvalidIndexesCheck(), connection), "indexes.none_invalid");

            Assert.False(result.Passed);
            Assert.Contains("probe_invalid_idx", result.Found, StringComparison.Ordinal);
        }

        await db.Server.DropDatabaseAsync(target);
    }

    [Fact]
    public async Task A_missing_view_fails_the_plan_objects_of_its_phase_and_the_monitoring_views_check()
    {
        var (target, connection) = await CopyAsync();
        await using (connection)
        {
            await connection.ExecuteAsync("DROP VIEW performance_dashboard");

            var plan = Single(await RunAsync(new PlanObjectsCheck(), connection), "plan.objects.phase_009");
            var views = Single(await RunAsync(new MonitoringViewsCheck(), connection), "monitoring.views_selectable");

            Assert.False(plan.Passed);
            Assert.Contains("View performance_dashboard", plan.Found, StringComparison.Ordinal);
            Assert.False(views.Passed);
            Assert.Contains("performance_dashboard", views.Found, StringComparison.Ordinal);
        }

        await db.Server.DropDatabaseAsync(target);
    }

    [Fact]
    public async Task A_view_that_exists_but_fails_when_read_fails_the_monitoring_views_check()
    {
        var (target, connection) = await CopyAsync();
        await using (connection)
        {
            await connection.ExecuteAsync("DROP VIEW slow_queries");
            await connection.ExecuteAsync("CREATE VIEW slow_queries AS SELECT 1 / (SELECT count(*) FROM pg_database WHERE false)::int AS broken");

            var result = Single(await RunAsync(new MonitoringViewsCheck(), connection), "monitoring.views_selectable");

            Assert.False(result.Passed);
            Assert.Contains("slow_queries: division by zero", result.Found, StringComparison.Ordinal);
        }

        await db.Server.DropDatabaseAsync(target);
    }

    [Fact]
    public async Task A_not_valid_constraint_fails_the_constraint_check()
    {
        var (target, connection) = await CopyAsync();
        await using (connection)
        {
            await connection.ExecuteAsync("ALTER TABLE posts ADD CONSTRAINT probe_views_positive CHECK (views >= 0) NOT VALID");

            var result = Single(await RunAsync(new ConstraintsValidatedCheck(), connection), "constraints.validated");

            Assert.False(result.Passed);
            Assert.Contains("probe_views_positive on posts", result.Found, StringComparison.Ordinal);
        }

        await db.Server.DropDatabaseAsync(target);
    }

    [Fact]
    public async Task A_security_definer_function_without_search_path_or_with_public_execute_fails()
    {
        var (target, connection) = await CopyAsync();
        await using (connection)
        {
            await connection.ExecuteAsync("CREATE FUNCTION probe_definer() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'");

            var results = await RunAsync(new SecurityDefinerCheck(), connection);

            Assert.False(Single(results, "functions.security_definer.search_path").Passed);
            Assert.Contains("probe_definer()", Single(results, "functions.security_definer.search_path").Found, StringComparison.Ordinal);
            Assert.False(Single(results, "functions.security_definer.no_public_execute").Passed);

            await connection.ExecuteAsync("ALTER FUNCTION probe_definer() SET search_path = pg_catalog, public, pg_temp");
            await connection.ExecuteAsync("REVOKE EXECUTE ON FUNCTION probe_definer() FROM PUBLIC");
            await connection.ExecuteAsync("ALTER FUNCTION probe_definer() OWNER TO sparkle_mv_owner");
            Assert.All(await RunAsync(new SecurityDefinerCheck(), connection), r => Assert.True(r.Passed, r.Found));
        }

        await db.Server.DropDatabaseAsync(target);
    }

    [Fact]
    public async Task A_partitioned_table_without_this_months_partition_or_with_rows_in_default_fails()
    {
        var (target, connection) = await CopyAsync();
        await using (connection)
        {
            await connection.ExecuteAsync("""CREATE TABLE probe_events (id text, "createdAt" timestamp(3) NOT NULL) PARTITION BY RANGE ("createdAt")""");
            await connection.ExecuteAsync("CREATE TABLE probe_events_2024_01 PARTITION OF probe_events FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')");
            await connection.ExecuteAsync("CREATE TABLE probe_events_default PARTITION OF probe_events DEFAULT");
            await connection.ExecuteAsync("""INSERT INTO probe_events VALUES ('a', now() AT TIME ZONE 'UTC')""");

            var results = await RunAsync(new PartitionCoverageCheck(), connection);
            Assert.False(Single(results, "partitions.coverage").Passed);
            Assert.Contains("probe_events", Single(results, "partitions.coverage").Found, StringComparison.Ordinal);
            Assert.False(Single(results, "partitions.default_empty").Passed);

            // Cover this month and the next two, then empty the DEFAULT partition: both pass.
            await connection.ExecuteAsync("DELETE FROM probe_events");
            await connection.ExecuteAsync(
                """
                DO $$
                DECLARE m date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
                BEGIN
                    FOR i IN 0..2 LOOP
                        EXECUTE format('CREATE TABLE %I PARTITION OF probe_events FOR VALUES FROM (%L) TO (%L)',
                                       'probe_events_' || to_char(m + make_interval(months => i), 'YYYY_MM'),
                                       m + make_interval(months => i), m + make_interval(months => i + 1));
                    END LOOP;
                END $$
                """);
            Assert.All(await RunAsync(new PartitionCoverageCheck(), connection), r => Assert.True(r.Passed, r.Found));
        }

        await db.Server.DropDatabaseAsync(target);
    }

    [Fact]
    public async Task A_non_utc_session_with_a_function_writing_bare_now_fails_the_time_zone_check()
    {
        var (target, connection) = await CopyAsync();
        await using (connection)
        {
            await connection.ExecuteAsync("""CREATE FUNCTION probe_touch() RETURNS timestamp LANGUAGE sql AS 'SELECT now()::timestamp'""");
            await connection.ExecuteAsync("SET TimeZone = 'America/New_York'");

            var result = Single(await RunAsync(new TimeZoneCheck(), connection), "timezone.utc");

            Assert.False(result.Passed);
            Assert.Contains("America/New_York", result.Found, StringComparison.Ordinal);
        }

        await db.Server.DropDatabaseAsync(target);
    }

    [Fact]
    public async Task The_gin_count_uses_the_access_method_and_ignores_partition_copies()
    {
        var (target, connection) = await CopyAsync();
        await using (connection)
        {
            var before = Single(await RunAsync(new ChecklistCountsCheck(), connection), "checklist.v1b_gin_indexes").Found;
            // A B-tree whose name says "gin" and partition-level copies of a GIN index must not count.
            await connection.ExecuteAsync("CREATE INDEX probe_login_gin_named ON login_history (\"userId\")");
            await connection.ExecuteAsync("CREATE TABLE probe_docs (id int, doc jsonb) PARTITION BY RANGE (id)");
            await connection.ExecuteAsync("CREATE TABLE probe_docs_1 PARTITION OF probe_docs FOR VALUES FROM (0) TO (10)");
            await connection.ExecuteAsync("CREATE TABLE probe_docs_2 PARTITION OF probe_docs FOR VALUES FROM (10) TO (20)");
            await connection.ExecuteAsync("CREATE INDEX probe_docs_gin ON probe_docs USING gin (doc)");

            var after = Single(await RunAsync(new ChecklistCountsCheck(), connection), "checklist.v1b_gin_indexes").Found;

            Assert.Equal(Count(before) + 1, Count(after));
        }

        await db.Server.DropDatabaseAsync(target);

        static int Count(string found) => int.Parse(found.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
