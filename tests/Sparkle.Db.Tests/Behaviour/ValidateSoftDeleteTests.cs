using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Behaviour;

public sealed class ValidateSoftDeleteTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Row_flagged_deleted_without_deletion_time_is_invalid()
    {
        await using var connection = await db.OpenAsync();
        var author = await TestData.UserAsync(connection);
        var post = await TestData.PostAsync(connection, author);
        // The soft-delete triggers make this state impossible for any normal write; it still arises where triggers do
        // not fire (a logical replica, a restore with session_replication_role = replica), which is what this reproduces.
        var broken = TestData.NewId("p");
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await Sql.ExecAsync(connection, "SET LOCAL session_replication_role = replica");
            await Sql.ExecAsync(
                connection,
                """
                INSERT INTO posts (id, slug, title, content, deleted, "updatedAt")
                VALUES ($1, $1, 't', '{}'::jsonb, true, now() AT TIME ZONE 'UTC')
                """,
                broken);
            await transaction.CommitAsync();
        }

        Assert.False(await Sql.ScalarAsync<bool>(connection, "SELECT validate_soft_delete('posts', $1)", broken));
        Assert.True(await Sql.ScalarAsync<bool>(connection, "SELECT validate_soft_delete('posts', $1)", post));
    }

    [Fact]
    public async Task Properly_soft_deleted_row_and_missing_row_are_valid()
    {
        await using var connection = await db.OpenAsync();
        var user = await TestData.UserAsync(connection);
        await Sql.ExecAsync(connection, "UPDATE users SET deleted = true WHERE id = $1", user);

        Assert.True(await Sql.ScalarAsync<bool>(connection, "SELECT validate_soft_delete('users', $1)", user));
        Assert.True(await Sql.ScalarAsync<bool>(connection, "SELECT validate_soft_delete('users', 'no-such-user')"));
    }

    [Fact]
    public async Task Messages_without_deletedBy_column_are_accepted()
    {
        await using var connection = await db.OpenAsync();

        Assert.True(await Sql.ScalarAsync<bool>(connection, "SELECT validate_soft_delete('messages', 'no-such-message')"));
    }

    [Theory]
    [InlineData("notifications")]
    [InlineData("posts; DROP TABLE users")]
    [InlineData(null)]
    public async Task Table_outside_the_soft_delete_list_is_rejected(string? table)
    {
        await using var connection = await db.OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(
            () => Sql.ExecAsync(connection, "SELECT validate_soft_delete($1, 'x')", new NpgsqlParameter { Value = (object?)table ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text }));
        Assert.Equal("22023", error.SqlState);
    }
}
