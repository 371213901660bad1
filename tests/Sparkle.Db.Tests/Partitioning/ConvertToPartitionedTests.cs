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
}
