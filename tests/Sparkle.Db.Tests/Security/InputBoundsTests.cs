using Npgsql;
using NpgsqlTypes;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Security;

/// <summary>
/// Issue 12: a 100,000,000-character argument to a function the application may call was accepted and written to the
/// server log in full. Every such function now refuses an oversized argument first, with SQLSTATE 22001 (too long) or
/// 22023 (out of range), in a short message that names the size, never the value.
/// </summary>
public sealed class InputBoundsTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    private const int Huge = 2_000_000;

    /// <summary>Bounded functions, each call with $1 standing for the oversized argument.</summary>
    public static TheoryData<string, string> OversizedCalls => new()
    {
        { "SELECT * FROM public.search_all($1)", "22001" },
        { "SELECT * FROM public.search_all('dragon', $1)", "22001" },
        { "SELECT * FROM public.search_suggestions($1)", "22001" },
        { "SELECT * FROM public.search_suggestions('drag', $1)", "22001" },
        { "SELECT public.refresh_materialized_views(ARRAY[$1])", "22001" },
        { "SELECT public.validate_soft_delete($1, 'id')", "22001" },
        { "SELECT public.validate_soft_delete('posts', $1)", "22001" },
        { "SELECT public.calculate_reputation_score($1)", "22001" },
        { "SELECT public.calculate_engagement_rate($1)", "22001" },
        { "SELECT public.update_post_stats($1)", "22001" },
        { "SELECT * FROM public.compute_post_stats($1)", "22001" },
        { "SELECT public.check_achievement_eligibility($1, 'FIRST_POST')", "22001" },
        { "SELECT public.check_achievement_eligibility('u', $1)", "22001" },
        { "SELECT public.apply_user_stats_delta($1, 0, 0, 0, 0, 0, 1)", "22001" },
        { "SELECT public.apply_post_stats_delta($1, 1, 0, 0, 0, 0, 0)", "22001" },
        { "SELECT public.apply_count_delta('tags', $1, 1)", "22001" },
        { "SELECT * FROM public.compute_user_stats($1)", "22001" },
        { "SELECT public.credit_user_balance($1, 'sparkle', 1, 'test', NULL, NULL)", "22001" },
        { "SELECT public.credit_user_balance('u', 'sparkle', 1, 'test', NULL, $1)", "22001" },
        { "SELECT public.grant_achievement($1, 'FIRST_POST')", "22001" },
        { "SELECT public.grant_achievement('u', $1)", "22001" },
        { "SELECT public.award_eligible_achievements($1, ARRAY['FIRST_POST'])", "22001" },
        { "SELECT public.award_eligible_achievements('u', ARRAY[$1])", "22001" },
    };

    /// <summary>
    /// Functions the application may call that take text but no identifier-like argument: the search-vector builders
    /// that the triggers call with the row being written (title, content, tags), bounded by what the row itself holds.
    /// </summary>
    private static readonly string[] RowContentBuilders =
    [
        "build_event_search_vector", "build_group_search_vector", "build_post_search_vector", "build_user_search_vector", "search_words",
    ];

    [Theory]
    [MemberData(nameof(OversizedCalls))]
    public async Task An_oversized_argument_is_refused_before_use_without_its_value_in_the_message_or_the_server_log(string sql, string sqlState)
    {
        var marker = $"oversized-{Guid.NewGuid():N}-";
        var argument = marker + new string('x', Huge);
        await using var app = await TemporaryLogin.CreateAsync(db.ConnectionString, "bounds", "sparkle_app");
        await using var connection = await app.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = argument, NpgsqlDbType = NpgsqlDbType.Text });

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(sqlState, error.SqlState);
        Assert.True(error.MessageText.Length < 200, error.MessageText[..Math.Min(300, error.MessageText.Length)]);
        Assert.DoesNotContain(marker, error.MessageText, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, error.Detail ?? "", StringComparison.Ordinal);
        // The server logged the refusal (the message names the size), and nothing of the value.
        var log = await ServerLogAfterAsync(error.MessageText);
        Assert.DoesNotContain(marker, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_views_and_too_large_pages_are_refused_as_out_of_range()
    {
        await using var connection = await db.OpenAsync();

        foreach (var sql in new[]
        {
            "SELECT public.refresh_materialized_views(ARRAY['trending_posts', 'top_creators', 'active_groups', 'trending_posts'])",
            "SELECT * FROM public.search_all('dragon', 'all', 101)",
            "SELECT * FROM public.search_all('dragon', 'all', 20, 10001)",
            "SELECT * FROM public.search_suggestions('drag', 'all', 51)",
        })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql));
            Assert.True(error.SqlState == "22023", $"{sql}: {error.SqlState} {error.MessageText}");
        }

        // The bounds leave the documented uses alone.
        await connection.ExecuteAsync("SELECT * FROM public.search_all('dragon', 'all', 100, 10000)");
        await connection.ExecuteAsync("SELECT public.refresh_materialized_views(ARRAY['trending_posts', 'top_creators', 'active_groups'])");
    }

    [Fact]
    public async Task Every_function_the_application_may_call_with_a_text_argument_is_bounded_or_accounted_for()
    {
        await using var connection = await db.OpenAsync();
        var callable = await connection.ColumnAsync<string>(
            """
            SELECT DISTINCT p.proname::text
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public'
              AND has_function_privilege('sparkle_app', p.oid, 'EXECUTE')
              AND EXISTS (SELECT 1 FROM unnest(p.proargtypes::oid[]) t
                          WHERE t IN ('text'::regtype, 'text[]'::regtype, 'varchar'::regtype, 'jsonb'::regtype))
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
            ORDER BY 1
            """);
        var bounded = OversizedCalls.Select(row => (string)row[0]).Select(FunctionName).ToHashSet(StringComparer.Ordinal);

        var unaccounted = callable.Except(bounded).Except(RowContentBuilders).ToArray();

        Assert.True(unaccounted.Length == 0, "bound these (and add a call to OversizedCalls): " + string.Join(", ", unaccounted));
    }

    private static string FunctionName(string sql)
    {
        var start = sql.IndexOf("public.", StringComparison.Ordinal) + "public.".Length;
        return sql[start..sql.IndexOf('(', start)];
    }

    // The collector writes each message as it comes; wait (bounded) until the refusal is in the log, then read it all.
    private static async Task<string> ServerLogAfterAsync(string message)
    {
        var server = await TestServer.GetAsync();
        var logDirectory = Path.Combine(server.Info.ServerDirectory, "pgdata", "log");
        for (var attempt = 0; ; attempt++)
        {
            var text = string.Concat(Directory.GetFiles(logDirectory).Select(ReadShared));
            if (text.Contains(message, StringComparison.Ordinal) || attempt == 100)
            {
                Assert.Contains(message, text, StringComparison.Ordinal);
                return text;
            }

            await Task.Delay(100);
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
