using Npgsql;
using Sparkle.Db.Tests.Support;
using Sparkle.Db.Verification;
using Xunit;

namespace Sparkle.Db.Tests.Security;

/// <summary>
/// Issue 12: verify passed while refresh_materialized_views was hijackable, because its check asked only that
/// search_path be set. It now fails a definer function whose search_path does not end in pg_temp, or whose owner is a
/// superuser.
/// </summary>
public sealed class SecurityDefinerCheckTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Theory]
    [InlineData("pg_catalog, public, pg_temp", true)]
    [InlineData("pg_catalog, public, \"pg_temp\"", true)]
    [InlineData("pg_catalog, public, PG_TEMP", true)]
    [InlineData("pg_catalog, public", false)]
    [InlineData("pg_temp, pg_catalog, public", false)]
    [InlineData("pg_catalog, pg_temp, public", false)]
    [InlineData("pg_catalog, public, pg_temp_3", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Pg_temp_must_be_the_last_element(string? searchPath, bool pinned) =>
        Assert.Equal(pinned, SecurityDefinerCheck.PinsTemporarySchemaLast(searchPath));

    [Fact]
    public async Task The_migrated_database_passes_every_definer_check()
    {
        await using var connection = await db.OpenAsync();

        var results = await new SecurityDefinerCheck().RunAsync(connection, CancellationToken.None);

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.True(r.Passed, $"{r.Name}: {r.Found}"));
    }

    [Fact]
    public async Task A_definer_function_without_pg_temp_last_fails_the_search_path_check()
    {
        var copy = await db.Server.CreateDatabaseAsync(migrated: true, "definer");
        await using (var connection = new NpgsqlConnection(copy.ConnectionString))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync(
                """
                CREATE FUNCTION public.probe_definer() RETURNS int LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS 'SELECT 1';
                REVOKE EXECUTE ON FUNCTION public.probe_definer() FROM PUBLIC;
                ALTER FUNCTION public.probe_definer() OWNER TO sparkle_mv_owner;
                """);

            var unpinned = Single(await RunAsync(connection), "functions.security_definer.search_path");
            await connection.ExecuteAsync("ALTER FUNCTION public.probe_definer() SET search_path = pg_temp, pg_catalog, public");
            var tempFirst = Single(await RunAsync(connection), "functions.security_definer.search_path");
            await connection.ExecuteAsync("ALTER FUNCTION public.probe_definer() SET search_path = pg_catalog, public, pg_temp");
            var pinned = Single(await RunAsync(connection), "functions.security_definer.search_path");

            Assert.False(unpinned.Passed);
            Assert.Contains("probe_definer() (search_path=pg_catalog, public)", unpinned.Found, StringComparison.Ordinal);
            Assert.False(tempFirst.Passed);
            Assert.True(pinned.Passed, pinned.Found);
            Assert.All(await RunAsync(connection), r => Assert.True(r.Passed, $"{r.Name}: {r.Found}"));
        }

        await db.Server.DropDatabaseAsync(copy);
    }

    [Fact]
    public async Task A_definer_function_owned_by_a_superuser_fails_the_owner_check()
    {
        var copy = await db.Server.CreateDatabaseAsync(migrated: true, "definer");
        await using (var connection = new NpgsqlConnection(copy.ConnectionString))
        {
            await connection.OpenAsync();
            // Created by the test's superuser, so owned by it; otherwise exemplary.
            await connection.ExecuteAsync(
                "CREATE FUNCTION public.probe_definer() RETURNS int LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS 'SELECT 1'");

            var superOwned = Single(await RunAsync(connection), "functions.security_definer.owner");
            await connection.ExecuteAsync("ALTER FUNCTION public.probe_definer() OWNER TO sparkle_mv_owner");
            var dedicated = Single(await RunAsync(connection), "functions.security_definer.owner");

            Assert.False(superOwned.Passed);
            Assert.Contains("probe_definer() (owner postgres)", superOwned.Found, StringComparison.Ordinal);
            Assert.NotNull(superOwned.Hint);
            Assert.True(dedicated.Passed, dedicated.Found);
        }

        await db.Server.DropDatabaseAsync(copy);
    }

    private static Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection) =>
        new SecurityDefinerCheck().RunAsync(connection, CancellationToken.None);

    private static CheckResult Single(IReadOnlyList<CheckResult> results, string name) => Assert.Single(results, r => r.Name == name);
}
