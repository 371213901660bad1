using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Search;

public sealed class SearchSuggestionsTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Close_spellings_are_suggested_best_first()
    {
        await using var connection = await db.OpenAsync();
        await SearchData.UserAsync(connection, "ss1-user", "dragonmaster");
        await SearchData.PostAsync(connection, "ss1-post", "dragonmasters guide");
        await SearchData.GroupAsync(connection, "ss1-group", "unrelated knitting", null);

        var suggestions = await connection.ColumnAsync<string>("SELECT suggestion FROM search_suggestions('dragonmastr')");

        Assert.Equal(["dragonmaster", "dragonmasters guide"], suggestions);
    }

    [Fact]
    public async Task Hidden_candidates_are_not_suggested()
    {
        await using var connection = await db.OpenAsync();
        await SearchData.UserAsync(connection, "ss2-user", "necromancer", status: "BANNED");
        await SearchData.PostAsync(connection, "ss2-post", "necromancer", published: false);
        await SearchData.GroupAsync(connection, "ss2-group", "necromancer", null, visibility: "HIDDEN");

        Assert.Empty(await connection.ColumnAsync<string>("SELECT suggestion FROM search_suggestions('necromancer')"));
    }

    [Fact]
    public async Task Result_columns_have_the_declared_types()
    {
        await using var connection = await db.OpenAsync();
        await SearchData.GroupAsync(connection, "ss3-group", "lighthouse keepers", null);

        var similarity = await connection.ScalarAsync<double>(
            "SELECT similarity FROM search_suggestions('lighthouse keeper', 'groups') LIMIT 1");
        var result = await connection.ScalarAsync<string>(
            "SELECT pg_get_function_result('public.search_suggestions(text, text, integer)'::regprocedure)");

        Assert.InRange(similarity, 0.3, 1.0);
        Assert.Equal("TABLE(suggestion text, result_type text, similarity double precision)", result);
    }

    [Fact]
    public async Task Prefix_matches_come_from_every_type_case_insensitively_and_each_call_keeps_its_own_type()
    {
        await using var connection = await db.OpenAsync();
        await SearchData.UserAsync(connection, "ss4-user", "QuillFeather");
        await SearchData.UserAsync(connection, "ss4-user-deleted", "quillgone", deleted: true);
        await SearchData.PostAsync(connection, "ss4-post", "Quill sharpening");
        await SearchData.GroupAsync(connection, "ss4-group", "quill club", null);
        await SearchData.GroupAsync(connection, "ss4-other", "aquill", null);
        string[] all = ["QuillFeather", "Quill sharpening", "quill club", "quillgone", "aquill"];
        // Oracle: the visible names that start with the text, ignoring case.
        static string[] Starting(IEnumerable<string> names, string text) =>
            [.. names.Where(n => n.StartsWith(text, StringComparison.OrdinalIgnoreCase) && n != "quillgone").Order(StringComparer.Ordinal)];

        // One session, one plan per statement (D102): the type of each call must still decide its rows.
        foreach (var (type, expected) in new[]
                 {
                     ("users", new[] { "QuillFeather" }), ("all", Starting(all, "QUILL")), ("posts", ["Quill sharpening"]),
                     ("groups", ["quill club"]), ("all", Starting(all, "QUILL")),
                 })
        {
            var got = await connection.ColumnAsync<string>("SELECT suggestion FROM search_suggestions('QUILL', $1)", type);
            Assert.Equal(expected, got.Order(StringComparer.Ordinal).ToArray());
        }
    }

    [Fact]
    public async Task Username_and_group_name_prefixes_are_read_from_their_prefix_indexes()
    {
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SET LOCAL enable_seqscan = off");

        var users = await PlanAsync(connection,
            "SELECT username FROM users WHERE lower(username::text) ~>=~ 'quill' AND lower(username::text) ~<~ 'quilm'");
        var groups = await PlanAsync(connection,
            "SELECT name FROM groups WHERE lower(name::text) ~>=~ 'quill' AND lower(name::text) ~<~ 'quilm'");

        Assert.Contains("idx_user_username_prefix", users);
        Assert.Contains("idx_group_name_prefix", groups);
        await transaction.RollbackAsync();
    }

    private static async Task<string> PlanAsync(Npgsql.NpgsqlConnection connection, string sql) =>
        string.Join('\n', await connection.ColumnAsync<string>("EXPLAIN " + sql));
}
