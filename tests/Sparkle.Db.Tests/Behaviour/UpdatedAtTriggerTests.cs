using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Behaviour;

public sealed class UpdatedAtTriggerTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Every_table_with_a_prisma_updatedAt_column_has_the_trigger()
    {
        await using var connection = await db.OpenAsync();
        // The @updatedAt columns: NOT NULL timestamp without a default (PHASES.md Appendix A), plus
        // user_ai_preferences."lastUpdated".
        var expected = await connection.ColumnAsync<string>(
            """
            SELECT c.table_name::text FROM information_schema.columns c
            JOIN pg_class t ON t.oid = format('public.%I', c.table_name)::regclass
            WHERE c.table_schema = 'public' AND c.is_nullable = 'NO' AND c.column_default IS NULL
              AND (c.column_name = 'updatedAt' OR (c.table_name = 'user_ai_preferences' AND c.column_name = 'lastUpdated'))
              AND t.relkind IN ('r', 'p') AND NOT t.relispartition  -- partitions inherit their parent's trigger
            ORDER BY 1
            """);
        var actual = await connection.ColumnAsync<string>(
            """
            SELECT c.relname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE t.tgname = 'update_updated_at_' || c.relname AND NOT t.tgisinternal AND t.tgparentid = 0
              AND t.tgtype & 2 = 2  -- BEFORE
              AND t.tgtype & 4 = 4  -- INSERT
              AND t.tgtype & 16 = 16 -- UPDATE
            ORDER BY 1
            """);

        Assert.Equal(44, expected.Count);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Update_stamps_utc_time_whatever_the_session_time_zone()
    {
        // Check F-13.
        await using var connection = await db.OpenAsync();
        await Sql.ExecAsync(connection, "SET TimeZone = 'America/New_York'");
        var author = await TestData.UserAsync(connection);
        var post = await TestData.PostAsync(connection, author);
        await Sql.ExecAsync(connection, """UPDATE posts SET "updatedAt" = '2000-01-01' WHERE id = $1""", post);

        await using var transaction = await connection.BeginTransactionAsync();
        await Sql.ExecAsync(connection, "UPDATE posts SET title = 'changed' WHERE id = $1", post);

        Assert.True(await Sql.ScalarAsync<bool>(
            connection, """SELECT "updatedAt" = (now() AT TIME ZONE 'UTC')::timestamp(3) FROM posts WHERE id = $1""", post));
    }

    [Fact]
    public async Task Insert_without_updatedAt_is_filled_and_a_supplied_value_is_kept()
    {
        await using var connection = await db.OpenAsync();
        var filled = TestData.NewId("cat");
        var supplied = TestData.NewId("cat");

        await Sql.ExecAsync(connection, "INSERT INTO categories (id, name, slug) VALUES ($1, 'n', $1)", filled);
        await Sql.ExecAsync(
            connection,
            """INSERT INTO categories (id, name, slug, "updatedAt") VALUES ($1, 'n', $1, '2020-05-06 07:08:09')""",
            supplied);

        Assert.True(await Sql.ScalarAsync<bool>(connection, """SELECT "updatedAt" IS NOT NULL FROM categories WHERE id = $1""", filled));
        Assert.Equal(
            new DateTime(2020, 5, 6, 7, 8, 9),
            await Sql.ScalarAsync<DateTime>(connection, """SELECT "updatedAt" FROM categories WHERE id = $1""", supplied));
    }

    [Fact]
    public async Task User_ai_preferences_maintains_lastUpdated()
    {
        await using var connection = await db.OpenAsync();
        var user = await TestData.UserAsync(connection);
        await Sql.ExecAsync(
            connection,
            """INSERT INTO user_ai_preferences (id, "userId", "contentPreferences", "lastUpdated") VALUES ($1, $2, '{}', '2001-01-01')""",
            TestData.NewId("ai"), user);

        await using var transaction = await connection.BeginTransactionAsync();
        await Sql.ExecAsync(connection, """UPDATE user_ai_preferences SET "learningOptedOut" = true WHERE "userId" = $1""", user);

        Assert.True(await Sql.ScalarAsync<bool>(
            connection,
            """SELECT "lastUpdated" = (now() AT TIME ZONE 'UTC')::timestamp(3) FROM user_ai_preferences WHERE "userId" = $1""",
            user));
    }
}
