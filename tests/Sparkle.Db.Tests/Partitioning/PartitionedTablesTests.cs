using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Partitioning;

/// <summary>The shape phase 007 leaves behind (F-12): partitions, keys, foreign keys, the tables it leaves alone.</summary>
public sealed class PartitionedTablesTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    public static TheoryData<string, string> Tables => new()
    {
        { "analytics_events", "timestamp" },
        { "activity_streams", "createdAt" },
        { "audit_logs", "createdAt" },
        { "notifications", "createdAt" },
        { "xp_logs", "createdAt" },
        { "currency_transactions", "createdAt" },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Table_is_range_partitioned_with_the_key_in_its_primary_key(string table, string key)
    {
        await using var connection = await db.OpenAsync();

        var partitionedByKey = await connection.ScalarAsync<bool>(
            "SELECT pg_get_partkeydef(format('public.%I', $1::text)::regclass) = 'RANGE (' || quote_ident($2) || ')'", table, key);
        var primaryKey = await connection.ScalarAsync<string>(
            """
            SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = format('public.%I', $1::text)::regclass AND contype = 'p'
            """,
            table);

        Assert.True(partitionedByKey);
        Assert.Equal($"{table}_pkey PRIMARY KEY (id, \"{key}\")", primaryKey);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Current_month_and_three_ahead_and_an_empty_default_partition_exist(string table, string key)
    {
        _ = key;
        await using var connection = await db.OpenAsync();

        var missing = await connection.ColumnAsync<string>(
            """
            SELECT $1 || '_' || to_char(date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => g), 'YYYY_MM')
            FROM generate_series(0, 3) g
            EXCEPT
            SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = format('public.%I', $1)::regclass
            """,
            table);
        var defaultRows = await connection.ScalarAsync<long>($"SELECT count(*) FROM public.{table}_default");

        Assert.Empty(missing);
        Assert.Equal(0, defaultRows);
    }

    [Theory]
    [InlineData("analytics_events", "analytics_events_userId_fkey", "SET NULL")]
    [InlineData("activity_streams", "activity_streams_userId_fkey", "CASCADE")]
    [InlineData("audit_logs", "audit_logs_userId_fkey", "SET NULL")]
    [InlineData("notifications", "notifications_userId_fkey", "CASCADE")]
    [InlineData("notifications", "notifications_actorId_fkey", "SET NULL")]
    [InlineData("xp_logs", "xp_logs_userId_fkey", "CASCADE")]
    [InlineData("currency_transactions", "currency_transactions_userId_fkey", "CASCADE")]
    public async Task Foreign_key_to_users_survives_with_its_delete_rule(string table, string name, string onDelete)
    {
        await using var connection = await db.OpenAsync();

        var definition = await connection.ScalarAsync<string>(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = format('public.%I', $1::text)::regclass AND conname = $2",
            table, name);

        Assert.Contains("REFERENCES users(id)", definition, StringComparison.Ordinal);
        Assert.Contains($"ON DELETE {onDelete}", definition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_stay_a_plain_table_that_message_reads_references()
    {
        await using var connection = await db.OpenAsync();

        var kind = await connection.ScalarAsync<string>("SELECT relkind::text FROM pg_class WHERE oid = 'public.messages'::regclass");
        var references = await connection.ScalarAsync<long>(
            "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND confrelid = 'public.messages'::regclass");

        Assert.Equal("r", kind);
        Assert.Equal(2, references);
    }

    [Fact]
    public async Task Deleting_a_user_cascades_or_nulls_rows_in_partitioned_tables()
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO users (id, email, username, "updatedAt") VALUES
                ('pt-gone', 'pt-gone@example.test', 'pt_gone', now() AT TIME ZONE 'UTC'),
                ('pt-stay', 'pt-stay@example.test', 'pt_stay', now() AT TIME ZONE 'UTC');
            INSERT INTO xp_logs (id, "userId", amount, source, "totalXp") VALUES ('pt-xp', 'pt-gone', 5, 'test', 5);
            INSERT INTO currency_transactions (id, "userId", amount, "currencyType", "transactionType", source, "balanceBefore", "balanceAfter")
                VALUES ('pt-ct', 'pt-gone', 5, 'sparkle', 'earn', 'test', 0, 5);
            INSERT INTO activity_streams (id, "userId", action, "entityType", "entityId") VALUES ('pt-as', 'pt-gone', 'post.created', 'post', 'x');
            INSERT INTO notifications (id, type, "userId", "actorId", title, message, "updatedAt") VALUES
                ('pt-n-own', 'SYSTEM', 'pt-gone', NULL, 't', 'm', now() AT TIME ZONE 'UTC'),
                ('pt-n-actor', 'SYSTEM', 'pt-stay', 'pt-gone', 't', 'm', now() AT TIME ZONE 'UTC');
            INSERT INTO analytics_events (id, "eventName", "eventType", "userId") VALUES ('pt-ae', 'view', 'pageview', 'pt-gone');
            INSERT INTO audit_logs (id, "userId", action, "entityType", "entityId") VALUES ('pt-al', 'pt-gone', 'LOGIN', 'user', 'pt-gone');
            """);

        await connection.ExecuteAsync("DELETE FROM users WHERE id = 'pt-gone'");

        Assert.Equal(0, await connection.ScalarAsync<long>(
            """
            SELECT (SELECT count(*) FROM xp_logs WHERE id = 'pt-xp') + (SELECT count(*) FROM currency_transactions WHERE id = 'pt-ct')
                 + (SELECT count(*) FROM activity_streams WHERE id = 'pt-as') + (SELECT count(*) FROM notifications WHERE id = 'pt-n-own')
            """));
        Assert.Equal("null|null|null", await connection.ScalarAsync<string>(
            """
            SELECT coalesce((SELECT "actorId" FROM notifications WHERE id = 'pt-n-actor'), 'null') || '|'
                || coalesce((SELECT "userId" FROM analytics_events WHERE id = 'pt-ae'), 'null') || '|'
                || coalesce((SELECT "userId" FROM audit_logs WHERE id = 'pt-al'), 'null')
            """));
    }

    [Fact]
    public async Task Foreign_key_still_rejects_an_unknown_user()
    {
        await using var connection = await db.OpenAsync();

        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => connection.ExecuteAsync(
            "INSERT INTO xp_logs (id, \"userId\", amount, source, \"totalXp\") VALUES ('pt-orphan', 'no-such-user', 1, 'test', 1)"));

        Assert.Equal("23503", error.SqlState);
    }
}
