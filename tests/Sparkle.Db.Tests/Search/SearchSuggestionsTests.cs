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
}
