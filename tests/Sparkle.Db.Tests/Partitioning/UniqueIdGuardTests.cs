using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Partitioning;

/// <summary>
/// Phase 007's guard (040_unique_ids.sql, D78): on the six partitioned tables, whose key is (id, time), an id that is
/// already present is refused as a unique index would refuse it (23505 on "&lt;table&gt;_pkey"), whatever month the new
/// row falls in, in one statement or across transactions. The Prisma suite (tests/prisma-client) checks the same
/// through the Prisma client; these tests cover what it cannot drive: concurrency and isolation levels.
/// </summary>
public sealed class UniqueIdGuardTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    private const string Insert =
        "INSERT INTO xp_logs (id, \"userId\", amount, source, \"totalXp\", \"createdAt\") VALUES ($1, 'ug-user', 1, 'test', 1, $2::timestamp)";

    [Fact]
    public async Task Every_partitioned_table_has_the_guard_on_its_parent_and_every_partition()
    {
        await using var connection = await db.OpenAsync();
        var unguarded = await connection.ColumnAsync<string>(
            """
            SELECT c.oid::regclass::text FROM sparkle_db.partition_policies p
            JOIN pg_inherits i ON i.inhparent = to_regclass('public.' || p.table_name)
            JOIN pg_class c ON c.oid = i.inhrelid
            WHERE NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'enforce_unique_id_' || p.table_name AND t.tgenabled = 'O')
            UNION ALL
            SELECT p.table_name FROM sparkle_db.partition_policies p
            WHERE NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = to_regclass('public.' || p.table_name) AND t.tgname = 'enforce_unique_id_' || p.table_name)
            """);
        Assert.Empty(unguarded);
        Assert.Equal(6, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'enforce\\_unique\\_id\\_%' AND tgparentid = 0"));
    }

    [Fact]
    public async Task A_second_row_with_an_existing_id_is_refused_in_another_month_and_within_one_statement()
    {
        await using var connection = await db.OpenAsync();
        await UserAsync(connection);
        await connection.ExecuteAsync(Insert, "ug-a", "2030-03-10");

        var later = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(Insert, "ug-a", "2030-04-10"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, later.SqlState);
        Assert.Equal("xp_logs_pkey", later.ConstraintName);
        Assert.Equal("xp_logs", later.TableName);

        var together = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            "INSERT INTO xp_logs (id, \"userId\", amount, source, \"totalXp\", \"createdAt\") VALUES ('ug-b', 'ug-user', 1, 't', 1, '2030-03-10'), ('ug-b', 'ug-user', 1, 't', 1, '2030-04-12')"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, together.SqlState);
        Assert.Equal(1, await connection.ScalarAsync<long>("SELECT count(*) FROM xp_logs WHERE id IN ('ug-a', 'ug-b')"));
    }

    [Fact]
    public async Task Updates_may_move_a_row_between_months_but_not_take_an_id_in_use()
    {
        await using var connection = await db.OpenAsync();
        await UserAsync(connection);
        await connection.ExecuteAsync("SELECT create_monthly_partition('xp_logs', '2030-01-01'), create_monthly_partition('xp_logs', '2030-02-01')");
        await connection.ExecuteAsync(Insert, "ug-move", "2030-01-10");
        await connection.ExecuteAsync(Insert, "ug-other", "2030-01-11");

        // Row movement runs the destination's BEFORE INSERT triggers after the source row is deleted.
        await connection.ExecuteAsync("UPDATE xp_logs SET \"createdAt\" = '2030-02-01' WHERE id = 'ug-move'");
        Assert.Equal(["xp_logs_2030_02"], await connection.ColumnAsync<string>("SELECT tableoid::regclass::text FROM xp_logs WHERE id = 'ug-move'"));

        var taken = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("UPDATE xp_logs SET id = 'ug-other' WHERE id = 'ug-move'"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, taken.SqlState);
        await connection.ExecuteAsync("UPDATE xp_logs SET id = 'ug-renamed', amount = 2 WHERE id = 'ug-move'");
        await connection.ExecuteAsync("DELETE FROM xp_logs WHERE id = 'ug-other'");
        await connection.ExecuteAsync(Insert, "ug-other", "2030-02-10");
        Assert.Equal(2, await connection.ScalarAsync<long>("SELECT count(*) FROM xp_logs WHERE id IN ('ug-renamed', 'ug-other')"));
    }

    [Fact]
    public async Task Concurrent_inserts_of_one_id_queue_and_the_second_is_refused_once_the_first_commits()
    {
        await using var first = await db.OpenAsync();
        await using var second = await db.OpenAsync();
        await UserAsync(first);
        await using var tx = await first.BeginTransactionAsync();
        await first.ExecuteAsync(Insert, "ug-race", "2030-03-10");

        var waiting = second.ExecuteAsync(Insert, "ug-race", "2030-05-10");
        await WaitUntilBlockedAsync(first, second.ProcessID);
        Assert.False(waiting.IsCompleted);
        await tx.CommitAsync();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => waiting);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
        Assert.Equal(1, await first.ScalarAsync<long>("SELECT count(*) FROM xp_logs WHERE id = 'ug-race'"));
    }

    [Fact]
    public async Task A_repeatable_read_writer_that_had_to_wait_for_the_same_id_gets_a_serialization_failure()
    {
        await using var first = await db.OpenAsync();
        await using var second = await db.OpenAsync();
        await UserAsync(first);
        await using var tx = await first.BeginTransactionAsync();
        await first.ExecuteAsync(Insert, "ug-rr", "2030-03-10");

        await using var rr = await second.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        await second.ExecuteAsync("SELECT 1"); // takes the snapshot before the first writer commits
        var waiting = second.ExecuteAsync(Insert, "ug-rr", "2030-05-10");
        await WaitUntilBlockedAsync(first, second.ProcessID);
        await tx.CommitAsync();

        var failed = await Assert.ThrowsAsync<PostgresException>(() => waiting);
        Assert.Equal(PostgresErrorCodes.SerializationFailure, failed.SqlState);
        await rr.RollbackAsync();
        Assert.Equal(1, await first.ScalarAsync<long>("SELECT count(*) FROM xp_logs WHERE id = 'ug-rr'"));
    }

    [Fact]
    public async Task A_partition_created_later_carries_the_guard()
    {
        await using var connection = await db.OpenAsync();
        await UserAsync(connection);
        await connection.ExecuteAsync("SELECT create_monthly_partition('xp_logs', '2031-04-01')");
        await connection.ExecuteAsync(Insert, "ug-late", "2030-03-10");

        var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(Insert, "ug-late", "2031-04-15"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
    }

    // A user to own the rows, and months 2030-03 to 2030-05 so that the rows of a test sit in different partitions.
    private static Task UserAsync(NpgsqlConnection connection) => connection.ExecuteAsync(
        """
        INSERT INTO users (id, email, username, "updatedAt") VALUES ('ug-user', 'ug@example.test', 'ug_user', now() AT TIME ZONE 'UTC') ON CONFLICT DO NOTHING;
        SELECT create_monthly_partition('xp_logs', d::date) FROM generate_series(timestamp '2030-03-01', '2030-05-01', interval '1 month') d;
        """);

    private static async Task WaitUntilBlockedAsync(NpgsqlConnection observer, int pid)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await observer.ScalarAsync<bool>("SELECT cardinality(pg_blocking_pids($1)) > 0", pid))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"backend {pid} never waited for the lock");
    }
}
