using Npgsql;
using Sparkle.Db.Maintenance;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Partitioning;

/// <summary>
/// Partition upkeep beside a live application: rows out of DEFAULT into their month, and retention that never holds a
/// writer longer than the action's lock_timeout. Each test has its own database (maintenance is per database).
/// </summary>
public sealed class PartitionUpkeepUnderLoadTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Rows_in_DEFAULT_move_to_their_months_partitions_and_none_is_lost()
    {
        var target = await db.Server.CreateDatabaseAsync(migrated: true, "upkeep_default");
        await using (var connection = new NpgsqlConnection(target.ConnectionString))
        {
            await connection.OpenAsync();
            // History older than the partitions the migration made (an import, or seeded data) lands in DEFAULT: four
            // months that start four months ago (inside every retention period), and ten events either side of a month
            // boundary.
            await connection.ExecuteAsync(
                """
                INSERT INTO users (id, email, username, "updatedAt") VALUES ('dm-user', 'dm@example.test', 'dm_user', now() AT TIME ZONE 'UTC');
                INSERT INTO notifications (id, type, "userId", title, message, "updatedAt", "createdAt")
                SELECT 'dm-' || g, 'SYSTEM', 'dm-user', 't', 'm' || g, now() AT TIME ZONE 'UTC',
                       date_trunc('month', now() AT TIME ZONE 'UTC') - interval '4 months' + g * interval '25 minutes'
                  FROM generate_series(1, 4000) g;
                INSERT INTO analytics_events (id, "eventName", "eventType", "timestamp")
                SELECT 'dm-' || g, 'view', 'page',
                       date_trunc('month', now() AT TIME ZONE 'UTC') - interval '2 months' - interval '1 millisecond' + (g % 2) * interval '1 millisecond'
                  FROM generate_series(1, 10) g;
                """);
            var months = await connection.ColumnAsync<string>(
                "SELECT to_char(date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => m), 'YYYY_MM') FROM generate_series(4, 2, -1) m");
            const string Checksum = "SELECT count(*) || ':' || sum(hashtextextended(t::text, 0)::numeric) FROM {0} t";
            var notifications = await connection.ScalarAsync<string>(string.Format(System.Globalization.CultureInfo.InvariantCulture, Checksum, "notifications"));
            var events = await connection.ScalarAsync<string>(string.Format(System.Globalization.CultureInfo.InvariantCulture, Checksum, "analytics_events"));
            Assert.Equal(4000L, await connection.ScalarAsync<long>("SELECT count(*) FROM notifications_default"));

            var run = await new MaintenanceRunner(target, new MaintenanceOptions { Tasks = ["partitions"] }).RunAsync();

            Assert.Equal("healthy", run.Status);
            Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM notifications_default"));
            Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM analytics_events_default"));
            Assert.Equal(notifications, await connection.ScalarAsync<string>(string.Format(System.Globalization.CultureInfo.InvariantCulture, Checksum, "notifications")));
            Assert.Equal(events, await connection.ScalarAsync<string>(string.Format(System.Globalization.CultureInfo.InvariantCulture, Checksum, "analytics_events")));
            // 4000 rows 25 minutes apart span 69 days: three months, each now its own partition.
            Assert.Equal(
                months.Select(m => "notifications_" + m),
                await connection.ColumnAsync<string>("SELECT DISTINCT tableoid::regclass::text FROM notifications WHERE \"userId\" = 'dm-user' ORDER BY 1"));
            Assert.Equal(
                [$"analytics_events_{months[1]}:5", $"analytics_events_{months[2]}:5"],
                await connection.ColumnAsync<string>("SELECT tableoid::regclass::text || ':' || count(*) FROM analytics_events GROUP BY tableoid ORDER BY 1"));
            // A moved month is a full partition: the parent's indexes and foreign keys, no staging leftovers.
            Assert.Equal(
                await connection.ScalarAsync<long>("SELECT count(*) FROM pg_index WHERE indrelid = 'public.notifications'::regclass"),
                await connection.ScalarAsync<long>("SELECT count(*) FROM pg_index WHERE indrelid = 'public.notifications_" + months[1] + "'::regclass"));
            Assert.Equal(2L, await connection.ScalarAsync<long>(
                "SELECT count(*) FROM pg_constraint WHERE conrelid = 'public.notifications_" + months[1] + "'::regclass AND contype = 'f'"));
            Assert.Equal(0L, await connection.ScalarAsync<long>(
                "SELECT count(*) FROM pg_constraint WHERE conrelid = 'public.notifications_" + months[1] + "'::regclass AND contype = 'c'"));
            Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relnamespace = 'sparkle_db'::regnamespace AND relname LIKE 'notifications_%'"));
            var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
                "INSERT INTO notifications (id, type, \"userId\", title, message, \"updatedAt\", \"createdAt\") VALUES ('dm-x', 'SYSTEM', 'nobody', 't', 'm', now() AT TIME ZONE 'UTC',  date_trunc('month', now() AT TIME ZONE 'UTC') - interval '3 months')"));
            Assert.Equal("23503", error.SqlState);

            var again = await new MaintenanceRunner(target, new MaintenanceOptions { Tasks = ["partitions"] }).RunAsync();
            Assert.Empty(again.Steps);
        }

        await db.Server.DropDatabaseAsync(target);
    }

    [Fact]
    public async Task A_writer_into_notifications_never_waits_longer_than_the_actions_lock_timeout_while_retention_detaches_and_drops()
    {
        var target = await db.Server.CreateDatabaseAsync(migrated: true, "upkeep_locks");
        await using var setup = new NpgsqlConnection(target.ConnectionString);
        await setup.OpenAsync();
        await setup.ExecuteAsync(
            """
            INSERT INTO users (id, email, username, "updatedAt") VALUES ('lk-user', 'lk@example.test', 'lk_user', now() AT TIME ZONE 'UTC');
            SELECT create_monthly_partition('notifications', ((now() AT TIME ZONE 'UTC') - interval '8 months')::date);
            SELECT create_monthly_partition('analytics_events', ((now() AT TIME ZONE 'UTC') - interval '14 months')::date);
            INSERT INTO notifications (id, type, "userId", title, message, "updatedAt", "createdAt")
            VALUES ('lk-old', 'SYSTEM', 'lk-user', 't', 'm', now() AT TIME ZONE 'UTC', (now() AT TIME ZONE 'UTC') - interval '8 months');
            """);
        var expiredNotifications = "notifications_" + await setup.ScalarAsync<string>("SELECT to_char((now() AT TIME ZONE 'UTC') - interval '8 months', 'YYYY_MM')");
        var expiredEvents = "analytics_events_" + await setup.ScalarAsync<string>("SELECT to_char((now() AT TIME ZONE 'UTC') - interval '14 months', 'YYYY_MM')");

        // A report that reads notifications in one long transaction: its ACCESS SHARE locks keep any DETACH of a
        // notifications partition waiting until it ends.
        await using var reader = new NpgsqlConnection(target.ConnectionString);
        await reader.OpenAsync();
        await reader.ExecuteAsync("BEGIN; SELECT count(*) FROM notifications");

        // The application's writer gives up after 1 s of waiting for a lock (55P03). Maintenance queues a lock request
        // for at most 200 ms per try, so the writer, queued behind it, never waits that long. Maintenance without a
        // short lock_timeout (the earlier maintain_partitions waited 2 s) keeps it queued until the report ends.
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(target.ConnectionString);
            await connection.OpenAsync();
            await connection.ExecuteAsync("SET lock_timeout = '1s'");
            var (written, timedOut) = (0, 0);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await connection.ExecuteAsync(
                        "INSERT INTO notifications (id, type, \"userId\", title, message, \"updatedAt\") VALUES (gen_random_uuid()::text, 'SYSTEM', 'lk-user', 't', 'm', now() AT TIME ZONE 'UTC')");
                    written++;
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
                {
                    timedOut++;
                }

                await Task.Delay(20, CancellationToken.None);
            }

            return (written, timedOut);
        });

        var maintenance = new MaintenanceRunner(target, new MaintenanceOptions { Tasks = ["partitions"], LockTimeout = "200ms", LockAttempts = 100 }).RunAsync();
        // Until the report ends, maintenance keeps giving way; at least one try must have timed out by now.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.False(maintenance.IsCompleted);
        await reader.ExecuteAsync("COMMIT");
        var run = await maintenance;
        await Task.Delay(200);
        await stop.CancelAsync();
        var (writes, timeouts) = await writer;

        Assert.Equal(0, timeouts);
        Assert.True(writes > 20, $"the writer wrote {writes} rows");
        var detach = Assert.Single(run.Steps, s => s.Name == expiredNotifications);
        var drop = Assert.Single(run.Steps, s => s.Name == expiredEvents);
        Assert.Equal(("detach", "ok"), (detach.Kind, detach.Status));
        Assert.Equal(("drop", "ok"), (drop.Kind, drop.Status));
        Assert.True(detach.Attempts > 1, "maintenance never had to give way to the report");
        Assert.Equal(1L, await setup.ScalarAsync<long>($"SELECT count(*) FROM sparkle_archive.{expiredNotifications} WHERE id = 'lk-old'"));
        Assert.Null(await setup.ScalarAsync<string?>($"SELECT to_regclass('public.{expiredEvents}')::text"));
        Assert.Equal(writes, await setup.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE \"userId\" = 'lk-user'"));

        await setup.CloseAsync();
        await db.Server.DropDatabaseAsync(target);
    }
}
