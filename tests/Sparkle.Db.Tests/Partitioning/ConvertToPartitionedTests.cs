using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Partitioning;

/// <summary>
/// sparkle_db.convert_to_partitioned on a populated table. The migrated database's own tables are already
/// partitioned, so the test builds a plain table shaped like a Prisma log table (text id primary key, FK to users,
/// secondary index, a trigger, a grant) and converts that.
/// </summary>
public sealed class ConvertToPartitionedTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    private const string Checksum = "SELECT count(*) || ':' || coalesce(sum(hashtextextended(t::text, 0)::numeric), 0) FROM public.conv_logs t";

    [Fact]
    public async Task Populated_table_converts_with_equal_count_and_checksum_and_keeps_its_keys_indexes_and_triggers()
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO users (id, email, username, "updatedAt")
            SELECT 'cv-user-' || g, 'cv' || g || '@example.test', 'cv_user_' || g, now() AT TIME ZONE 'UTC' FROM generate_series(1, 50) g;
            CREATE TABLE public.conv_logs (
                id text NOT NULL,
                "userId" text NOT NULL,
                amount integer NOT NULL DEFAULT 0,
                note text,
                "createdAt" timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
                CONSTRAINT conv_logs_pkey PRIMARY KEY (id));
            CREATE INDEX "conv_logs_userId_createdAt_idx" ON public.conv_logs ("userId", "createdAt" DESC);
            ALTER TABLE public.conv_logs ADD CONSTRAINT "conv_logs_userId_fkey"
                FOREIGN KEY ("userId") REFERENCES users(id) ON DELETE CASCADE ON UPDATE CASCADE;
            CREATE FUNCTION public.conv_logs_double() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN NEW.amount := NEW.amount * 2; RETURN NEW; END $$;
            CREATE TRIGGER conv_logs_double BEFORE INSERT ON public.conv_logs FOR EACH ROW EXECUTE FUNCTION public.conv_logs_double();
            ALTER TABLE public.conv_logs DISABLE TRIGGER conv_logs_double;
            -- 50 000 rows over 14 months across a year boundary, plus one far in the past.
            INSERT INTO public.conv_logs (id, "userId", amount, note, "createdAt")
            SELECT 'cv-' || lpad(g::text, 6, '0'), 'cv-user-' || (1 + g % 50), g % 97, CASE WHEN g % 3 = 0 THEN NULL ELSE 'n' || g END,
                   timestamp '2024-06-01' + (g % 420) * interval '1 day' + (g % 1000) * interval '1 millisecond'
            FROM generate_series(1, 49999) g;
            INSERT INTO public.conv_logs (id, "userId", amount, "createdAt") VALUES ('cv-ancient', 'cv-user-1', 1, '1990-01-01');
            """);
        var before = await connection.ScalarAsync<string>(Checksum);

        await connection.ExecuteAsync("CALL sparkle_db.convert_to_partitioned('conv_logs', 'createdAt', 7000)");

        Assert.Equal(before, await connection.ScalarAsync<string>(Checksum));
        Assert.Equal("p", await connection.ScalarAsync<string>("SELECT relkind::text FROM pg_class WHERE oid = 'public.conv_logs'::regclass"));
        Assert.Equal("conv_logs_pkey PRIMARY KEY (id, \"createdAt\")", await connection.ScalarAsync<string>(
            "SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'public.conv_logs'::regclass AND contype = 'p'"));
        Assert.Equal("conv_logs_2025_01", await connection.ScalarAsync<string>(
            "SELECT tableoid::regclass::text FROM public.conv_logs WHERE \"createdAt\" = '2025-01-01 00:00:00.214'"));
        Assert.Equal("conv_logs_1990_01", await connection.ScalarAsync<string>(
            "SELECT tableoid::regclass::text FROM public.conv_logs WHERE id = 'cv-ancient'"));
        Assert.Equal(0, await connection.ScalarAsync<long>("SELECT count(*) FROM public.conv_logs_default"));
        Assert.NotNull(await connection.ScalarAsync<string?>("SELECT to_regclass('public.\"conv_logs_userId_createdAt_idx\"')::text"));
        Assert.Equal("D", await connection.ScalarAsync<string>(
            "SELECT tgenabled::text FROM pg_trigger WHERE tgrelid = 'public.conv_logs'::regclass AND tgname = 'conv_logs_double'"));
        Assert.False(await connection.ScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'sparkle_partition_mirror')"));

        // The foreign key is still enforced and still cascades.
        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            "INSERT INTO public.conv_logs (id, \"userId\") VALUES ('cv-orphan', 'nobody')"));
        Assert.Equal("23503", error.SqlState);
        await connection.ExecuteAsync("DELETE FROM users WHERE id = 'cv-user-7'");
        Assert.Equal(0, await connection.ScalarAsync<long>("SELECT count(*) FROM public.conv_logs WHERE \"userId\" = 'cv-user-7'"));

        // A second run has nothing to do.
        await connection.ExecuteAsync("CALL sparkle_db.convert_to_partitioned('conv_logs', 'createdAt')");
        Assert.Equal(1, await connection.ScalarAsync<long>("SELECT count(*) FROM sparkle_db.partition_conversions WHERE table_name = 'conv_logs'"));
    }

    [Fact]
    public async Task A_table_referenced_by_a_foreign_key_is_refused_and_left_unchanged()
    {
        await using var connection = await db.OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            connection.ExecuteAsync("CALL sparkle_db.convert_to_partitioned('messages', 'createdAt')"));

        Assert.Equal("0A000", error.SqlState);
        Assert.Equal("r", await connection.ScalarAsync<string>("SELECT relkind::text FROM pg_class WHERE oid = 'public.messages'::regclass"));
        Assert.Null(await connection.ScalarAsync<string?>("SELECT to_regclass('public.messages__partitioned')::text"));
    }

    [Fact]
    public async Task A_row_that_breaks_a_foreign_key_stops_the_conversion_and_changes_nothing()
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(
            """
            CREATE TABLE public.conv_orphans (id text PRIMARY KEY, "userId" text NOT NULL, "createdAt" timestamp(3) NOT NULL);
            INSERT INTO public.conv_orphans VALUES ('co-1', 'nobody', '2025-03-03');
            ALTER TABLE public.conv_orphans ADD CONSTRAINT "conv_orphans_userId_fkey" FOREIGN KEY ("userId") REFERENCES users(id) NOT VALID;
            """);

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            connection.ExecuteAsync("CALL sparkle_db.convert_to_partitioned('conv_orphans', 'createdAt')"));

        Assert.Equal("23503", error.SqlState);
        Assert.Equal("r", await connection.ScalarAsync<string>("SELECT relkind::text FROM pg_class WHERE oid = 'public.conv_orphans'::regclass"));
        Assert.Equal(1, await connection.ScalarAsync<long>("SELECT count(*) FROM public.conv_orphans"));
        Assert.Null(await connection.ScalarAsync<string?>("SELECT to_regclass('public.conv_orphans__partitioned')::text"));
        Assert.False(await connection.ScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'public.conv_orphans'::regclass AND NOT tgisinternal)"));
    }

    [Fact]
    public async Task Every_change_committed_by_concurrent_writers_during_the_conversion_is_in_the_partitioned_table()
    {
        await using var connection = await db.OpenAsync();
        // conv_expect is the oracle: each writer transaction makes the same change there, in a plain table the
        // conversion never touches.
        await connection.ExecuteAsync(
            """
            INSERT INTO users (id, email, username, "updatedAt") VALUES ('cw-user', 'cw@example.test', 'cw_user', now() AT TIME ZONE 'UTC');
            CREATE TABLE public.conv_live (
                id text NOT NULL, "userId" text NOT NULL REFERENCES users(id), amount integer NOT NULL DEFAULT 0, note text,
                "createdAt" timestamp(3) NOT NULL, CONSTRAINT conv_live_pkey PRIMARY KEY (id));
            CREATE INDEX conv_live_user_idx ON public.conv_live ("userId", "createdAt" DESC);
            INSERT INTO public.conv_live SELECT 'cw-' || lpad(g::text, 6, '0'), 'cw-user', g, 'n' || g, timestamp '2026-01-01' + g * interval '7 minutes'
              FROM generate_series(1, 30000) g;
            CREATE TABLE public.conv_expect AS SELECT * FROM public.conv_live;
            """);

        using var stop = new CancellationTokenSource();
        var writers = new[]
        {
            // Inserts, some into months that have no partition yet (they go to DEFAULT).
            Writer(n => $"INSERT INTO public.{{0}} VALUES ('cw-new-{n}', 'cw-user', {n}, 'new', timestamp '2025-{1 + n % 12:00}-15' + interval '{n} seconds')"),
            // Updates of ordinary columns, and of the partition key (the row moves to another month).
            Writer(n => n % 3 == 0
                ? $"UPDATE public.{{0}} SET \"createdAt\" = \"createdAt\" - interval '40 days' WHERE id = 'cw-{1 + (n * 7919) % 30000:000000}'"
                : $"UPDATE public.{{0}} SET amount = amount + 1, note = 'u{n}' WHERE id = 'cw-{1 + (n * 104729) % 30000:000000}'"),
            // Deletes.
            Writer(n => $"DELETE FROM public.{{0}} WHERE id = 'cw-{1 + (n * 15485863L) % 30000:000000}'"),
        };
        var running = writers.Select(w => w(stop.Token)).ToArray();
        await Task.Delay(300);

        await connection.ExecuteAsync("CALL sparkle_db.convert_to_partitioned('conv_live', 'createdAt', 500)");
        var duringConversion = running.Select(r => r.IsCompleted).ToArray();
        await Task.Delay(300);
        await stop.CancelAsync();
        var changes = await Task.WhenAll(running);

        Assert.DoesNotContain(true, duringConversion);
        Assert.All(changes, c => Assert.True(c > 10, $"a writer made only {c} changes"));
        Assert.Equal("p", await connection.ScalarAsync<string>("SELECT relkind::text FROM pg_class WHERE oid = 'public.conv_live'::regclass"));
        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM (SELECT * FROM public.conv_live EXCEPT ALL SELECT * FROM public.conv_expect) d"));
        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM (SELECT * FROM public.conv_expect EXCEPT ALL SELECT * FROM public.conv_live) d"));
        Assert.True(await connection.ScalarAsync<long>("SELECT count(*) FROM public.conv_expect WHERE note = 'new'") > 10);
        Assert.True(await connection.ScalarAsync<long>("SELECT count(*) FROM public.conv_expect WHERE note LIKE 'u%'") > 10);
        Assert.True(await connection.ScalarAsync<long>("SELECT 30000 - count(*) FROM public.conv_expect WHERE id NOT LIKE 'cw-new-%'") > 10);
        Assert.Null(await connection.ScalarAsync<string?>("SELECT to_regclass('public.conv_live__old')::text"));
        Assert.Null(await connection.ScalarAsync<string?>("SELECT to_regproc('sparkle_db.partition_mirror__conv_live')::text"));
        var swap = await connection.ScalarAsync<decimal>("SELECT access_exclusive_ms FROM sparkle_db.partition_conversions WHERE table_name = 'conv_live'");
        Assert.True(swap >= 0);

        Func<CancellationToken, Task<int>> Writer(Func<int, string> statement) => async token =>
        {
            await using var writer = new NpgsqlConnection(db.ConnectionString);
            await writer.OpenAsync(CancellationToken.None);
            var n = 0;
            while (!token.IsCancellationRequested)
            {
                n++;
                var sql = statement(n);
                // One transaction: the table and the oracle change together or not at all.
                await writer.ExecuteAsync($"BEGIN; {string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, "conv_live")}; "
                    + $"{string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, "conv_expect")}; COMMIT");
                await Task.Delay(5, CancellationToken.None);
            }

            return n;
        };
    }

    [Fact]
    public async Task A_conversion_cancelled_while_copying_removes_its_copy_and_mirror_and_leaves_the_table_as_it_was()
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO users (id, email, username, "updatedAt") VALUES ('cc-user', 'cc@example.test', 'cc_user', now() AT TIME ZONE 'UTC');
            CREATE TABLE public.conv_cancel (id text PRIMARY KEY, "userId" text NOT NULL REFERENCES users(id), "createdAt" timestamp(3) NOT NULL);
            INSERT INTO public.conv_cancel SELECT 'cc-' || lpad(g::text, 6, '0'), 'cc-user', timestamp '2026-03-01' + g * interval '1 minute'
              FROM generate_series(1, 40000) g;
            """);
        const string Checksum = "SELECT count(*) || ':' || sum(hashtextextended(t::text, 0)::numeric) FROM public.conv_cancel t";
        var before = await connection.ScalarAsync<string>(Checksum);

        // Hold the copy in the middle: it locks each batch's rows FOR SHARE in id order, so it stops at this row.
        // No timing involved: the cancel below lands in the copy however slow the machine is.
        await using var holder = await db.OpenAsync();
        await using var held = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("SELECT 1 FROM public.conv_cancel WHERE id = 'cc-020000' FOR UPDATE");

        // What Ctrl+C during `sparkle-db migrate` does: a cancel request for the running statement. It is sent here
        // with pg_cancel_backend, the same signal, once and synchronously (a client's cancel request travels on a
        // connection of its own and lands whenever that connection gets through on a loaded machine).
        await using var migrator = await db.OpenAsync();
        await using var call = new NpgsqlCommand("CALL sparkle_db.convert_to_partitioned('conv_cancel', 'createdAt', 200)", migrator) { CommandTimeout = 0 };
        var converting = call.ExecuteNonQueryAsync();
        // Cancel once the copy has begun and waits on the held row (the mirror is on the table by then).
        while (!await connection.ScalarAsync<bool>(
                   $"SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = {migrator.ProcessID} AND wait_event_type = 'Lock' AND wait_event = 'transactionid')"))
        {
            Assert.False(converting.IsCompleted, "the conversion ended before it could be cancelled");
            await Task.Delay(10);
        }

        Assert.True(await connection.ScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'public.conv_cancel'::regclass AND tgname = 'sparkle_partition_mirror')"));
        Assert.True(await connection.ScalarAsync<bool>($"SELECT pg_cancel_backend({migrator.ProcessID})"));
        // The cancel ends the row wait; the procedure's clean-up then needs the table, which the holder's row lock
        // keeps: release it once the conversion has stopped waiting on the row.
        while (await connection.ScalarAsync<bool>(
                   $"SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = {migrator.ProcessID} AND wait_event = 'transactionid')"))
        {
            await Task.Delay(10);
        }

        await held.RollbackAsync();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => converting);

        var postgres = error as PostgresException ?? error.InnerException as PostgresException;
        Assert.NotNull(postgres);
        Assert.Equal("57014", postgres.SqlState);
        Assert.True(postgres.MessageText.Contains("cancelled while copying", StringComparison.Ordinal)
                    && postgres.MessageText.Contains("the table is unchanged and the partial copy is removed", StringComparison.Ordinal),
                    postgres.MessageText);
        Assert.Equal("r", await connection.ScalarAsync<string>("SELECT relkind::text FROM pg_class WHERE oid = 'public.conv_cancel'::regclass"));
        Assert.Null(await connection.ScalarAsync<string?>("SELECT to_regclass('public.conv_cancel__partitioned')::text"));
        Assert.False(await connection.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'public.conv_cancel'::regclass AND NOT tgisinternal)"));
        Assert.Null(await connection.ScalarAsync<string?>("SELECT to_regproc('sparkle_db.partition_mirror__conv_cancel')::text"));
        Assert.Equal(before, await connection.ScalarAsync<string>(Checksum));
    }
}
