using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Extensions;

public sealed class ExtensionAndRoleTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Theory]
    [InlineData("pg_trgm")]
    [InlineData("pgcrypto")]
    [InlineData("pg_stat_statements")]
    [InlineData("btree_gin")]
    [InlineData("pgstattuple")]
    public async Task Extension_is_installed(string extension)
    {
        await using var connection = await db.OpenAsync();

        Assert.Equal(1L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_extension WHERE extname = $1", extension));
    }

    // V-5 on the local cluster, which preloads the library with the plan's settings.
    [Fact]
    public async Task Pg_stat_statements_is_preloaded_and_readable()
    {
        await using var connection = await db.OpenAsync();

        Assert.Contains("pg_stat_statements", await connection.ScalarAsync<string>("SHOW shared_preload_libraries"), StringComparison.Ordinal);
        Assert.Equal("all", await connection.ScalarAsync<string>("SHOW pg_stat_statements.track"));
        Assert.Equal("10000", await connection.ScalarAsync<string>("SHOW pg_stat_statements.max"));
        // Readable and recording: a statement this test runs three times is there with its calls.
        for (var i = 0; i < 3; i++)
        {
            await connection.ScalarAsync<int>("SELECT 1 AS pgss_probe_extension_and_role_tests");
        }

        Assert.True(await connection.ScalarAsync<long>(
            """
            SELECT coalesce(sum(calls), 0) FROM pg_stat_statements
             WHERE query LIKE '%pgss_probe_extension_and_role_tests%' AND query NOT LIKE '%pg_stat_statements%'
               AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            """) >= 3);
    }

    [Fact]
    public async Task Application_role_is_a_group_role_with_dml_and_no_ddl()
    {
        await using var connection = await db.OpenAsync();

        Assert.False(await connection.ScalarAsync<bool>("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'sparkle_app'"));
        Assert.False(await connection.ScalarAsync<bool>("SELECT rolsuper OR rolcreatedb OR rolcreaterole FROM pg_roles WHERE rolname = 'sparkle_app'"));
        Assert.True(await connection.ScalarAsync<bool>("SELECT has_schema_privilege('sparkle_app', 'public', 'USAGE')"));
        Assert.False(await connection.ScalarAsync<bool>("SELECT has_schema_privilege('sparkle_app', 'public', 'CREATE')"));
        foreach (var privilege in new[] { "SELECT", "INSERT", "UPDATE", "DELETE" })
        {
            Assert.True(await connection.ScalarAsync<bool>("SELECT has_table_privilege('sparkle_app', 'public.messages', $1)", privilege), privilege);
        }

        foreach (var privilege in new[] { "TRUNCATE", "REFERENCES", "TRIGGER" })
        {
            Assert.False(await connection.ScalarAsync<bool>("SELECT has_table_privilege('sparkle_app', 'public.messages', $1)", privilege), privilege);
        }
    }

    [Fact]
    public async Task Application_role_cannot_alter_the_schema()
    {
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SET LOCAL ROLE sparkle_app");

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("CREATE TABLE public.app_made (id int)"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task Tables_created_after_phase_001_are_granted_to_the_application_role()
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE public.created_later (id text PRIMARY KEY)");

        Assert.True(await connection.ScalarAsync<bool>("SELECT has_table_privilege('sparkle_app', 'public.created_later', 'INSERT')"));
        Assert.False(await connection.ScalarAsync<bool>("SELECT has_table_privilege('sparkle_app', 'public.created_later', 'TRUNCATE')"));
    }
}
