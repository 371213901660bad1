using Npgsql;
using Sparkle.Db.Benchmarks;
using Sparkle.Db.Connections;
using Sparkle.Db.Seeding;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Data;

/// <summary>
/// The cheaper shapes docs/APP.md offers the app for its slowest reads give the page the app's own statement gives:
/// each pair runs on the same seeded data with the same picked parameter and is compared row by row.
/// </summary>
public sealed class AppQueryShapeTests : IAsyncLifetime
{
    private TestServer server = null!;
    private DatabaseTarget database = null!;

    public async Task InitializeAsync()
    {
        server = await TestServer.GetAsync();
        database = await server.CreateDatabaseAsync(migrated: true, "shapes");
        await new Seeder(database, new SeedOptions { Scale = 0.002, Seed = 7 }).RunAsync();
    }

    public async Task DisposeAsync() => await server.DropDatabaseAsync(database);

    [Fact]
    public async Task Comments_counted_per_row_are_the_page_of_the_grouped_counts()
    {
        await using var connection = await OpenAsync();
        var post = await connection.ScalarAsync<string>(Query("comment_list").Pick!);
        // A reply and a reaction on the newest top-level comment, so the page's counts are not all zero.
        var newest = await connection.ScalarAsync<string>(
            "SELECT id FROM comments WHERE \"postId\" = $1 AND \"parentId\" IS NULL ORDER BY \"createdAt\" DESC LIMIT 1", post);
        var author = await connection.ScalarAsync<string>("SELECT id FROM users ORDER BY id LIMIT 1");
        await connection.ExecuteAsync(
            "INSERT INTO comments (id, content, \"postId\", \"authorId\", \"parentId\", \"updatedAt\") VALUES ('shape-reply', 'a reply', $1, $2, $3, now())",
            post, author, newest);
        await connection.ExecuteAsync("INSERT INTO reactions (id, type, \"commentId\", \"userId\") VALUES ('shape-like', 'LIKE', $1, $2)", newest, author);

        var grouped = await RowsAsync(connection, "comment_list", post);
        var perRow = await RowsAsync(connection, "comment_list_row_counts", post);

        Assert.NotEmpty(grouped);
        Assert.Equal(grouped, perRow);
        var likes = await connection.ScalarAsync<long>("SELECT count(*) FROM reactions WHERE \"commentId\" = $1", newest);
        var replies = await connection.ScalarAsync<long>("SELECT count(*) FROM comments WHERE \"parentId\" = $1", newest);
        Assert.True(likes >= 1 && replies >= 1);
        Assert.Contains(perRow, row => row.StartsWith(newest + "|", StringComparison.Ordinal) && row.EndsWith($"|{likes}|{replies}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_post_page_reads_from_post_stats_what_the_grouped_counts_give_for_rows_that_are_not_deleted()
    {
        await using var connection = await OpenAsync();
        var slug = await connection.ScalarAsync<string>(Query("post_by_slug").Pick!);
        var post = await connection.ScalarAsync<string>("SELECT id FROM posts WHERE slug = $1", slug);
        var author = await connection.ScalarAsync<string>("SELECT id FROM users ORDER BY id LIMIT 1");
        // A soft-deleted comment: Prisma's _count counts it, the counter (what users see) does not.
        await connection.ExecuteAsync(
            "INSERT INTO comments (id, content, \"postId\", \"authorId\", \"updatedAt\") VALUES ('shape-deleted', 'gone', $1, $2, now())", post, author);
        await connection.ExecuteAsync("UPDATE comments SET deleted = true, \"deletedAt\" = now() WHERE id = 'shape-deleted'");

        var app = await ColumnsAsync(connection, "post_by_slug", slug);
        var counters = await ColumnsAsync(connection, "post_by_slug_counters", slug);

        Assert.Equal(app["id"], counters["id"]);
        var allComments = await connection.ScalarAsync<long>("SELECT count(*) FROM comments WHERE \"postId\" = $1", post);
        var visibleComments = await connection.ScalarAsync<long>("SELECT count(*) FROM comments WHERE \"postId\" = $1 AND NOT deleted", post);
        var reactions = await connection.ScalarAsync<long>("SELECT count(*) FROM reactions WHERE \"postId\" = $1", post);
        Assert.Equal(allComments, Convert.ToInt64(app["_aggr_count_comments"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(visibleComments, Convert.ToInt64(counters["commentCount"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(allComments > visibleComments);
        Assert.Equal(reactions, Convert.ToInt64(app["_aggr_count_reactions"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(reactions, Convert.ToInt64(counters["totalReactionCount"], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static HotQuery Query(string name) => HotQueryCatalog.Embedded().Single(q => q.Name == name);

    private static async Task<List<string>> RowsAsync(NpgsqlConnection connection, string name, string parameter)
    {
        await using var command = new NpgsqlCommand(Query(name).Sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    private static async Task<Dictionary<string, object>> ColumnsAsync(NpgsqlConnection connection, string name, string parameter)
    {
        await using var command = new NpgsqlCommand(Query(name).Sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), name);
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, reader.GetValue);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
