using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Behaviour;

public sealed class SoftDeleteTriggerTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Every_soft_delete_table_has_the_trigger()
    {
        await using var connection = await db.OpenAsync();
        var tables = await connection.ColumnAsync<string>(
            """
            SELECT c.relname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE t.tgname = 'enforce_soft_delete_' || c.relname AND NOT t.tgisinternal AND t.tgparentid = 0
            ORDER BY 1
            """);

        Assert.Equal(
            new[]
            {
                "achievements", "categories", "chat_messages", "comments", "conversations", "events", "groups",
                "messages", "polls", "post_series", "posts", "reports", "tags", "trades", "user_achievements",
                "users", "watch_parties", "watch_party_chat", "youtube_channels",
            },
            tables);
    }

    [Fact]
    public async Task Soft_delete_stamps_utc_time_and_restore_clears_time_and_deleter()
    {
        await using var connection = await db.OpenAsync();
        await Sql.ExecAsync(connection, "SET TimeZone = 'America/New_York'");
        var author = await TestData.UserAsync(connection);
        var post = await TestData.PostAsync(connection, author);

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await Sql.ExecAsync(connection, """UPDATE posts SET deleted = true, "deletedBy" = $2 WHERE id = $1""", post, author);
            var row = (await Sql.RowsAsync(
                connection,
                """SELECT "deletedAt" = (now() AT TIME ZONE 'UTC')::timestamp(3), "deletedBy" FROM posts WHERE id = $1""",
                post)).Single();
            Assert.Equal(new object?[] { true, author }, row);
            await transaction.CommitAsync();
        }

        await Sql.ExecAsync(connection, "UPDATE posts SET deleted = false WHERE id = $1", post);

        var restored = (await Sql.RowsAsync(connection, """SELECT deleted, "deletedAt", "deletedBy" FROM posts WHERE id = $1""", post)).Single();
        Assert.Equal(new object?[] { false, null, null }, restored);
    }

    [Fact]
    public async Task Deletion_time_supplied_by_the_update_is_kept()
    {
        await using var connection = await db.OpenAsync();
        var user = await TestData.UserAsync(connection);

        await Sql.ExecAsync(
            connection,
            """UPDATE users SET deleted = true, "deletedAt" = '2024-01-02 03:04:05.678' WHERE id = $1""",
            user);

        Assert.Equal(
            new DateTime(2024, 1, 2, 3, 4, 5, 678),
            await Sql.ScalarAsync<DateTime>(connection, """SELECT "deletedAt" FROM users WHERE id = $1""", user));
    }

    [Fact]
    public async Task Message_without_deletedBy_can_be_deleted_and_restored()
    {
        // Check F-6: the draft's function failed on un-deleting a message (no "deletedBy" column).
        await using var connection = await db.OpenAsync();
        var user = await TestData.UserAsync(connection);
        var conversation = TestData.NewId("cv");
        var message = TestData.NewId("m");
        await Sql.ExecAsync(
            connection,
            """INSERT INTO conversations (id, "createdBy", "createdAt", "updatedAt") VALUES ($1, $2, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')""",
            conversation, user);
        await Sql.ExecAsync(
            connection,
            """INSERT INTO messages (id, "conversationId", "senderId", content, "createdAt") VALUES ($1, $2, $3, 'hi', now() AT TIME ZONE 'UTC')""",
            message, conversation, user);

        await Sql.ExecAsync(connection, "UPDATE messages SET deleted = true WHERE id = $1", message);
        Assert.True(await Sql.ScalarAsync<bool>(connection, """SELECT "deletedAt" IS NOT NULL FROM messages WHERE id = $1""", message));

        await Sql.ExecAsync(connection, "UPDATE messages SET deleted = false WHERE id = $1", message);
        Assert.True(await Sql.ScalarAsync<bool>(connection, """SELECT "deletedAt" IS NULL AND NOT deleted FROM messages WHERE id = $1""", message));
    }

    [Fact]
    public async Task Hard_delete_of_a_soft_deleted_row_succeeds()
    {
        await using var connection = await db.OpenAsync();
        var author = await TestData.UserAsync(connection);
        var post = await TestData.PostAsync(connection, author);
        await Sql.ExecAsync(connection, "UPDATE posts SET deleted = true WHERE id = $1", post);

        Assert.Equal(1, await Sql.ExecAsync(connection, "DELETE FROM posts WHERE id = $1", post));
    }
}
