using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Search;

public sealed class SearchAllTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Search_finds_each_entity_type()
    {
        await using var connection = await db.OpenAsync();
        await SearchData.UserAsync(connection, "st1-user", "st1griffin", "keeper of the griffin archive");
        await SearchData.PostAsync(connection, "st1-post", "Drawing a griffin");
        await SearchData.GroupAsync(connection, "st1-group", "Griffin riders", ["wings"]);
        await SearchData.EventAsync(connection, "st1-event", "Griffin parade", ["parade"]);

        var types = await connection.ColumnAsync<string>("SELECT result_type FROM search_all('griffin') ORDER BY result_type");

        Assert.Equal(["event", "group", "post", "user"], types);
    }

    [Fact]
    public async Task Search_type_limits_results_to_one_entity_type()
    {
        await using var connection = await db.OpenAsync();
        await SearchData.PostAsync(connection, "st2-post", "Basilisk care");
        await SearchData.GroupAsync(connection, "st2-group", "Basilisk keepers", null);

        Assert.Equal(["st2-group"], await SearchData.SearchIdsAsync(connection, "basilisk", "groups"));
        Assert.Equal(["st2-post"], await SearchData.SearchIdsAsync(connection, "basilisk", "posts"));
    }

    [Fact]
    public async Task Title_match_ranks_above_body_match()
    {
        await using var connection = await db.OpenAsync();
        await SearchData.PostAsync(connection, "st3-body", "Weekend notes", """{"blocks":[{"text":"we met a manticore"}]}""");
        await SearchData.PostAsync(connection, "st3-title", "Manticore sighting");

        var ids = await SearchData.SearchIdsAsync(connection, "manticore");

        Assert.Equal(["st3-title", "st3-body"], ids);
    }

    [Fact]
    public async Task Json_keys_are_not_searchable_only_string_values_are()
    {
        await using var connection = await db.OpenAsync();
        await SearchData.PostAsync(connection, "st4-post", "Plain", """{"chimeraKey":{"text":"hydra"}}""");

        Assert.Empty(await SearchData.SearchIdsAsync(connection, "chimeraKey"));
        Assert.Equal(["st4-post"], await SearchData.SearchIdsAsync(connection, "hydra"));
    }

    [Fact]
    public async Task Group_and_event_with_null_tags_are_found()
    {
        await using var connection = await db.OpenAsync();
        await SearchData.GroupAsync(connection, "st5-group", "Kraken watchers", tags: null);
        await SearchData.EventAsync(connection, "st5-event", "Kraken night", tags: null);

        var ids = await connection.ColumnAsync<string>("SELECT id FROM search_all('kraken') ORDER BY id");

        Assert.Equal(["st5-event", "st5-group"], ids);
    }

    [Fact]
    public async Task Tags_and_keywords_are_searchable_as_words()
    {
        await using var connection = await db.OpenAsync();
        await SearchData.GroupAsync(connection, "st6-group", "Quiet club", ["wyvern", "lore"]);
        await SearchData.PostAsync(connection, "st6-post", "Quiet post");
        await connection.ExecuteAsync("""UPDATE posts SET "metaKeywords" = '{wyvern,lore}' WHERE id = 'st6-post'""");

        var ids = await connection.ColumnAsync<string>("SELECT id FROM search_all('wyvern lore') ORDER BY id");

        Assert.Equal(["st6-group", "st6-post"], ids);
    }

    [Fact]
    public async Task Vector_follows_an_edit_of_the_title()
    {
        await using var connection = await db.OpenAsync();
        await SearchData.PostAsync(connection, "st7-post", "Old phoenix title");
        await connection.ExecuteAsync("UPDATE posts SET title = 'New sphinx title' WHERE id = 'st7-post'");

        Assert.Empty(await SearchData.SearchIdsAsync(connection, "phoenix"));
        Assert.Equal(["st7-post"], await SearchData.SearchIdsAsync(connection, "sphinx"));
    }

    [Fact]
    public async Task Hidden_rows_are_never_found()
    {
        await using var connection = await db.OpenAsync();
        await SearchData.PostAsync(connection, "st8-visible", "Centaur visible");
        await SearchData.PostAsync(connection, "st8-pending", "Centaur pending", moderation: "PENDING");
        await SearchData.PostAsync(connection, "st8-unpublished", "Centaur draft", published: false);
        await SearchData.PostAsync(connection, "st8-deleted", "Centaur deleted", deleted: true);
        await SearchData.PostAsync(connection, "st8-rejected", "Centaur rejected", moderation: "REJECTED");
        await SearchData.PostAsync(connection, "st8-shadow", "Centaur shadow", moderation: "SHADOW_BANNED");
        await SearchData.PostAsync(connection, "st8-review", "Centaur review", moderation: "UNDER_REVIEW");
        await SearchData.UserAsync(connection, "st8-user-ok", "centaur_ok", "centaur");
        await SearchData.UserAsync(connection, "st8-user-pending", "centaur_pending", "centaur", status: "PENDING_VERIFICATION");
        await SearchData.UserAsync(connection, "st8-user-banned", "centaur_banned", "centaur", status: "BANNED");
        await SearchData.UserAsync(connection, "st8-user-deleted", "centaur_deleted", "centaur", deleted: true);
        await SearchData.GroupAsync(connection, "st8-group-private", "Centaur private", null, visibility: "PRIVATE");
        await SearchData.GroupAsync(connection, "st8-group-hidden", "Centaur hidden", null, visibility: "HIDDEN");
        await SearchData.GroupAsync(connection, "st8-group-deleted", "Centaur gone", null, deleted: true);
        await SearchData.EventAsync(connection, "st8-event-live", "Centaur live", null, status: "LIVE");
        await SearchData.EventAsync(connection, "st8-event-cancelled", "Centaur cancelled", null, status: "CANCELLED");
        await SearchData.EventAsync(connection, "st8-event-draft", "Centaur draft event", null, status: "DRAFT");
        await SearchData.EventAsync(connection, "st8-event-private", "Centaur private event", null, isPublic: false);
        await SearchData.EventAsync(connection, "st8-event-deleted", "Centaur deleted event", null, deleted: true);

        var ids = await connection.ColumnAsync<string>("SELECT id FROM search_all('centaur', 'all', 100) ORDER BY id");

        Assert.Equal(["st8-event-live", "st8-group-private", "st8-pending", "st8-user-ok", "st8-visible"], ids);
    }

    [Fact]
    public async Task Pages_are_stable_and_never_overlap()
    {
        await using var connection = await db.OpenAsync();
        for (var i = 0; i < 25; i++)
        {
            // Identical titles give identical ranks; only the id can order them.
            await SearchData.PostAsync(connection, $"st9-post-{i:D2}", "Selkie story");
        }

        var pages = new List<string>();
        for (var offset = 0; offset < 25; offset += 10)
        {
            pages.AddRange(await SearchData.SearchIdsAsync(connection, "selkie", "posts", 10, offset));
        }

        var again = await SearchData.SearchIdsAsync(connection, "selkie", "posts", 10, 10);
        Assert.Equal(25, pages.Count);
        Assert.Equal(25, pages.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(pages.Skip(10).Take(10), again);
    }

    [Fact]
    public async Task Result_columns_have_the_declared_types()
    {
        await using var connection = await db.OpenAsync();

        var result = await connection.ScalarAsync<string>(
            "SELECT pg_get_function_result('public.search_all(text, text, integer, integer)'::regprocedure)");

        Assert.Equal(
            "TABLE(result_type text, id text, title text, description text, url text, image_url text, metadata jsonb, rank double precision)",
            result);
    }

    [Fact]
    public async Task Unknown_search_type_is_rejected()
    {
        await using var connection = await db.OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("SELECT * FROM search_all('x', 'comments')"));

        Assert.Equal("22023", error.SqlState);
    }
}
