using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Partitioning;

/// <summary>Retention in its own database: maintenance elsewhere would otherwise retire these partitions first.</summary>
public sealed class PartitionRetentionTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Maintenance_detaches_expired_ledger_months_drops_expired_analytics_and_keeps_the_rest()
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(
            """
            SELECT create_monthly_partition('xp_logs', ((now() AT TIME ZONE 'UTC') - interval '14 months')::date);
            SELECT create_monthly_partition('xp_logs', ((now() AT TIME ZONE 'UTC') - interval '11 months')::date);
            SELECT create_monthly_partition('analytics_events', ((now() AT TIME ZONE 'UTC') - interval '14 months')::date);
            INSERT INTO users (id, email, username, "updatedAt") VALUES ('rt-user', 'rt@example.test', 'rt_user', now() AT TIME ZONE 'UTC');
            INSERT INTO xp_logs (id, "userId", amount, source, "totalXp", "createdAt")
                VALUES ('rt-old', 'rt-user', 7, 'test', 7, (now() AT TIME ZONE 'UTC') - interval '14 months');
            -- Look-alike names that are not partitions must survive (D-39).
            CREATE TABLE public.analytics_events_2001_01 (note text);
            CREATE TABLE public.xp_logs_archive_2001_01 (note text);
            """);
        var expired = await connection.ScalarAsync<string>(
            "SELECT to_char((now() AT TIME ZONE 'UTC') - interval '14 months', 'YYYY_MM')");
        var kept = await connection.ScalarAsync<string>(
            "SELECT to_char((now() AT TIME ZONE 'UTC') - interval '11 months', 'YYYY_MM')");

        var actions = (await PartitionChanges.CallAsync(connection, "CALL maintain_partitions()"))
            .Where(c => c.Contains(":detach:", StringComparison.Ordinal) || c.Contains(":drop:", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

        Assert.Equal([$"analytics_events_{expired}:drop:ok", $"xp_logs_{expired}:detach:ok"], actions);
        Assert.Equal(7, await connection.ScalarAsync<int>($"SELECT amount FROM sparkle_archive.xp_logs_{expired} WHERE id = 'rt-old'"));
        Assert.Equal(0, await connection.ScalarAsync<long>("SELECT count(*) FROM xp_logs WHERE id = 'rt-old'"));
        Assert.NotNull(await connection.ScalarAsync<string?>($"SELECT to_regclass('public.xp_logs_{kept}')::text"));
        Assert.NotNull(await connection.ScalarAsync<string?>("SELECT to_regclass('public.analytics_events_2001_01')::text"));
        Assert.NotNull(await connection.ScalarAsync<string?>("SELECT to_regclass('public.xp_logs_archive_2001_01')::text"));
    }

    [Fact]
    public async Task Drop_old_partitions_archives_a_ledger_instead_of_dropping_it()
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("SELECT create_monthly_partition('currency_transactions', '2020-02-10')");

        await connection.ExecuteAsync("SELECT drop_old_partitions('currency_transactions', 12)");

        Assert.NotNull(await connection.ScalarAsync<string?>("SELECT to_regclass('sparkle_archive.currency_transactions_2020_02')::text"));
        Assert.Null(await connection.ScalarAsync<string?>("SELECT to_regclass('public.currency_transactions_2020_02')::text"));
    }
}
