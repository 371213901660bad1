using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Search;

/// <summary>
/// The search-vector triggers and the backfill both use the build_*_search_vector functions, inlined into the triggers
/// (no SET clause, D107): the vector a trigger writes equals the builder's on insert and on update, NULL parts
/// included, and an independent oracle (the lexemes and weights written out) pins what that vector is.
/// </summary>
public sealed class SearchVectorTriggerTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Post_trigger_vector_equals_the_builder_and_the_written_out_vector()
    {
        await using var connection = await db.OpenAsync();
        await SearchData.PostAsync(connection, "svt-post", "Unicorns", """{"type":"doc","blocks":[{"type":"paragraph","text":"galloping"}]}""", excerpt: "rainbow");
        await connection.ExecuteAsync("""UPDATE posts SET "metaKeywords" = ARRAY['glitter', NULL] WHERE id = 'svt-post'""");

        var same = await connection.ScalarAsync<bool>(
            """SELECT search_vector = build_post_search_vector(title, excerpt, content, "metaKeywords") FROM posts WHERE id = 'svt-post'""");
        var vector = await connection.ScalarAsync<string>("SELECT search_vector::text FROM posts WHERE id = 'svt-post'");

        Assert.True(same);
        // Only string values are words (keys such as "blocks" are not); jsonb_to_tsvector leaves a gap between values.
        Assert.Equal("'doc':3C 'gallop':5C 'glitter':8 'paragraph':7C 'rainbow':2B 'unicorn':1A", vector);
    }

    [Fact]
    public async Task Post_trigger_with_every_part_null_gives_an_empty_vector_not_null()
    {
        await using var connection = await db.OpenAsync();
        await SearchData.PostAsync(connection, "svt-empty", "", "{}");

        var vector = await connection.ScalarAsync<string>("SELECT search_vector::text FROM posts WHERE id = 'svt-empty'");
        var same = await connection.ScalarAsync<bool>(
            """SELECT search_vector = build_post_search_vector(title, excerpt, content, "metaKeywords") FROM posts WHERE id = 'svt-empty'""");

        Assert.Equal("", vector);
        Assert.True(same);
    }

    [Fact]
    public async Task The_builders_have_no_set_clause_so_the_planner_can_inline_them()
    {
        await using var connection = await db.OpenAsync();
        var configured = await connection.ColumnAsync<string>(
            """
            SELECT p.proname::text FROM pg_proc p
             WHERE p.pronamespace = 'public'::regnamespace AND p.proconfig IS NOT NULL
               AND p.proname IN ('search_words', 'build_post_search_vector', 'build_user_search_vector',
                                 'build_group_search_vector', 'build_event_search_vector')
            """);
        Assert.Empty(configured);
    }

    [Fact]
    public async Task User_group_and_event_trigger_vectors_equal_their_builders()
    {
        await using var connection = await db.OpenAsync();
        await SearchData.UserAsync(connection, "svt-user", "stargazer", "loves comets");
        await SearchData.GroupAsync(connection, "svt-group", "Comet Club", ["astronomy", null!]);
        await SearchData.EventAsync(connection, "svt-event", "Meteor Night", null);
        await connection.ExecuteAsync("""UPDATE groups SET "shortDescription" = 'night sky', description = 'telescopes' WHERE id = 'svt-group'""");
        await connection.ExecuteAsync("""UPDATE events SET "shortDescription" = 'shower', description = 'bring blankets' WHERE id = 'svt-event'""");

        var user = await connection.ScalarAsync<bool>("SELECT search_vector = build_user_search_vector(username, bio) FROM users WHERE id = 'svt-user'");
        var group = await connection.ScalarAsync<bool>(
            """SELECT search_vector = build_group_search_vector(name, "shortDescription", description, tags) FROM groups WHERE id = 'svt-group'""");
        var evt = await connection.ScalarAsync<bool>(
            """SELECT search_vector = build_event_search_vector(title, "shortDescription", description, tags) FROM events WHERE id = 'svt-event'""");
        var userVector = await connection.ScalarAsync<string>("SELECT search_vector::text FROM users WHERE id = 'svt-user'");
        var groupVector = await connection.ScalarAsync<string>("SELECT search_vector::text FROM groups WHERE id = 'svt-group'");

        Assert.True(user);
        Assert.True(group);
        Assert.True(evt);
        Assert.Equal("'comet':3C 'love':2C 'stargaz':1A", userVector);
        Assert.Equal("'astronomi':6 'club':2A 'comet':1A 'night':3B 'sky':4B 'telescop':5C", groupVector);
    }
}
