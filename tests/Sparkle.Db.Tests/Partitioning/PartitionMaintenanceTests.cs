using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Partitioning;

public sealed class PartitionMaintenanceTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Maintenance_creates_missing_months_and_a_second_run_changes_nothing()
    {
        await using var connection = await db.OpenAsync();
        var lastMonth = await connection.ScalarAsync<string>(
            "SELECT 'notifications_' || to_char(date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months', 'YYYY_MM')");
        // An empty future month that went missing (for example never created by an older deployment).
        await connection.ExecuteAsync($"DROP TABLE public.{lastMonth}");

        var first = await PartitionChanges.CallAsync(connection, "CALL maintain_partitions(p_analyze => false)");
        var second = await PartitionChanges.CallAsync(connection, "CALL maintain_partitions(p_analyze => false)");

        Assert.Equal([$"{lastMonth}:create:ok"], first.Where(c => !c.Contains(":detach:", StringComparison.Ordinal)));
        Assert.Empty(second);
        Assert.Equal(
            await connection.ScalarAsync<string>(
                "SELECT format('FOR VALUES FROM (%L) TO (%L)', m, m + interval '1 month') FROM (SELECT date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months' AS m) s"),
            await connection.ScalarAsync<string>($"SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE oid = 'public.{lastMonth}'::regclass"));
    }

    [Fact]
    public async Task A_new_partition_gets_the_parent_indexes_and_foreign_keys()
    {
        await using var connection = await db.OpenAsync();

        await connection.ExecuteAsync("SELECT create_monthly_partition('notifications', '2019-09-09')");

        var indexes = await connection.ScalarAsync<long>(
            "SELECT count(*) FROM pg_index WHERE indrelid = 'public.notifications_2019_09'::regclass");
        var parentIndexes = await connection.ScalarAsync<long>(
            "SELECT count(*) FROM pg_index WHERE indrelid = 'public.notifications'::regclass");
        var foreignKeys = await connection.ScalarAsync<long>(
            "SELECT count(*) FROM pg_constraint WHERE conrelid = 'public.notifications_2019_09'::regclass AND contype = 'f'");
        Assert.Equal(parentIndexes, indexes);
        Assert.Equal(2, foreignKeys);
    }
}
