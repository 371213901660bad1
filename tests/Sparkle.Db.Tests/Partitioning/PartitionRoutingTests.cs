using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Partitioning;

public sealed class PartitionRoutingTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Rows_route_to_their_month_across_a_year_boundary()
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("SELECT create_monthly_partition('xp_logs', '2024-12-17'), create_monthly_partition('xp_logs', '2025-01-31')");
        await UserAsync(connection, "pr1-user");

        await connection.ExecuteAsync(
            """
            INSERT INTO xp_logs (id, "userId", amount, source, "totalXp", "createdAt") VALUES
                ('pr1-dec', 'pr1-user', 1, 'test', 1, '2024-12-31 23:59:59.999'),
                ('pr1-jan', 'pr1-user', 1, 'test', 1, '2025-01-01 00:00:00')
            """);

        var partitions = await connection.ColumnAsync<string>(
            "SELECT tableoid::regclass::text FROM xp_logs WHERE id IN ('pr1-dec', 'pr1-jan') ORDER BY id");
        Assert.Equal(["xp_logs_2024_12", "xp_logs_2025_01"], partitions);
    }

    [Fact]
    public async Task Monthly_partition_has_calendar_month_bounds_whatever_day_is_given()
    {
        await using var connection = await db.OpenAsync();

        await connection.ExecuteAsync("SELECT create_monthly_partition('audit_logs', '2023-03-24')");
        await connection.ExecuteAsync("SELECT create_monthly_partition('audit_logs', '2023-04-02')");

        var bounds = await connection.ColumnAsync<string>(
            """
            SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_class c
            WHERE c.relname IN ('audit_logs_2023_03', 'audit_logs_2023_04') ORDER BY c.relname
            """);
        Assert.Equal(
            [
                "FOR VALUES FROM ('2023-03-01 00:00:00') TO ('2023-04-01 00:00:00')",
                "FOR VALUES FROM ('2023-04-01 00:00:00') TO ('2023-05-01 00:00:00')",
            ],
            bounds);
    }

    [Fact]
    public async Task Creating_an_existing_month_again_changes_nothing()
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("SELECT create_monthly_partition('activity_streams', '2022-06-01')");

        await connection.ExecuteAsync("SELECT create_monthly_partition('activity_streams', '2022-06-30')");

        Assert.Equal(1, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname LIKE 'activity\\_streams\\_2022\\_06%' AND relkind = 'r'"));
    }

    [Fact]
    public async Task Rows_outside_every_month_land_in_the_default_partition()
    {
        await using var connection = await db.OpenAsync();
        await UserAsync(connection, "pr2-user");

        await connection.ExecuteAsync(
            """INSERT INTO xp_logs (id, "userId", amount, source, "totalXp", "createdAt") VALUES ('pr2-old', 'pr2-user', 1, 'test', 1, '1999-05-05')""");

        Assert.Equal("xp_logs_default", await connection.ScalarAsync<string>("SELECT tableoid::regclass::text FROM xp_logs WHERE id = 'pr2-old'"));
        await connection.ExecuteAsync("DELETE FROM xp_logs WHERE id = 'pr2-old'");
    }

    [Fact]
    public async Task No_partition_is_created_for_a_table_that_is_not_partitioned()
    {
        await using var connection = await db.OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            connection.ExecuteAsync("SELECT create_monthly_partition('posts', '2026-01-01')"));

        Assert.Equal("42809", error.SqlState);
        Assert.Null(await connection.ScalarAsync<string?>("SELECT to_regclass('public.posts_2026_01')::text"));
    }

    [Fact]
    public async Task A_same_named_table_that_is_not_a_partition_is_left_alone()
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE public.currency_transactions_2021_07 (note text)");

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            connection.ExecuteAsync("SELECT create_monthly_partition('currency_transactions', '2021-07-01')"));

        Assert.Equal("42P07", error.SqlState);
        Assert.False(await connection.ScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = 'public.currency_transactions_2021_07'::regclass)"));
    }

    private static Task UserAsync(NpgsqlConnection connection, string id) =>
        connection.ExecuteAsync(
            """INSERT INTO users (id, email, username, "updatedAt") VALUES ($1, $1 || '@example.test', $1, now() AT TIME ZONE 'UTC')""", id);
}
