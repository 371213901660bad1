using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Cli;

/// <summary>
/// Prisma's ?schema=app would build half the database in schema app and stop at phase 003 (its functions name
/// public); sparkle-db builds public only and refuses such a URL before it connects (docs/DECISIONS.md D90).
/// </summary>
public sealed class SchemaParameterTests(EmptyDatabaseFixture fixture) : IClassFixture<EmptyDatabaseFixture>
{
    [Fact]
    public async Task A_prisma_url_with_another_schema_is_refused_and_the_database_is_left_untouched()
    {
        var url = fixture.Server.Info.UrlFor(fixture.Target.Database) + "&schema=app";

        foreach (var command in new[] { "up", "migrate", "status", "verify" })
        {
            CliAssert.FailsCleanly(await CliRun.RunAsync(command, "--database-url", url), 2, "selects schema 'app'", "schema public only");
        }

        await using var connection = await fixture.OpenAsync();
        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname IN ('app', 'sparkle_db')"));
        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"));
    }

    [Fact]
    public async Task A_search_path_in_a_key_value_string_is_refused_too()
    {
        var builder = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { SearchPath = "app" };

        CliAssert.FailsCleanly(await CliRun.RunAsync("migrate", "--database-url", builder.ConnectionString), 2, "selects schema 'app'");
    }

    [Fact]
    public async Task Schema_public_is_accepted()
    {
        var url = fixture.Server.Info.UrlFor(fixture.Target.Database) + "&schema=public";

        var (code, output, error) = await CliRun.RunAsync("status", "--database-url", url);

        Assert.True(code == 0, error);
        Assert.Contains("pending", output, StringComparison.Ordinal);
    }
}
