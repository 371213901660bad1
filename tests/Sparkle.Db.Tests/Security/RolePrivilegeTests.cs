using Npgsql;
using Sparkle.Db.Migrations;
using Sparkle.Db.Tests.Behaviour;
using Sparkle.Db.Tests.Support;
using Sparkle.Db.Verification;
using Xunit;
using Sql = Sparkle.Db.Tests.Support.Sql;

namespace Sparkle.Db.Tests.Security;

/// <summary>
/// Issue 12, roles and grants: each role can do what docs/SECURITY.md says and nothing more, exercised as a real login
/// of the role (never by SET ROLE inside a superuser session, which keeps the session's temporary schema and settings).
/// </summary>
public sealed class RolePrivilegeTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task The_four_roles_exist_with_no_attribute_beyond_nologin_and_the_monitor_has_pg_monitor()
    {
        await using var connection = await db.OpenAsync();

        var roles = await connection.ColumnAsync<string>(
            """
            SELECT rolname::text FROM pg_roles
            WHERE rolname IN ('sparkle_app', 'sparkle_mv_owner', 'sparkle_monitor', 'sparkle_readonly')
              AND NOT (rolsuper OR rolcanlogin OR rolcreaterole OR rolcreatedb OR rolbypassrls OR rolreplication)
            ORDER BY 1
            """);

        Assert.Equal(["sparkle_app", "sparkle_monitor", "sparkle_mv_owner", "sparkle_readonly"], roles);
        Assert.True(await connection.ScalarAsync<bool>("SELECT pg_has_role('sparkle_monitor', 'pg_monitor', 'MEMBER')"));
        Assert.False(await connection.ScalarAsync<bool>("SELECT pg_has_role('sparkle_app', 'pg_monitor', 'MEMBER')"));
    }

    [Fact]
    public async Task No_project_function_is_executable_by_public_and_verify_fails_when_one_is()
    {
        var copy = await db.Server.CreateDatabaseAsync(migrated: true, "privileges");
        await using (var connection = new NpgsqlConnection(copy.ConnectionString))
        {
            await connection.OpenAsync();
            // Independent of the check: PUBLIC's EXECUTE, read from the ACLs (NULL meaning the default, which includes PUBLIC).
            Assert.Equal(0L, await connection.ScalarAsync<long>(
                """
                SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname IN ('public', 'sparkle_db')
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
                  AND EXISTS (SELECT 1 FROM aclexplode(COALESCE(p.proacl, acldefault('f', p.proowner))) a WHERE a.grantee = 0)
                """));
            Assert.True(Assert.Single(await new FunctionPrivilegesCheck().RunAsync(connection, CancellationToken.None)).Passed);

            await connection.ExecuteAsync("GRANT EXECUTE ON FUNCTION sparkle_db.partition_bounds(regclass) TO PUBLIC");
            var failed = Assert.Single(await new FunctionPrivilegesCheck().RunAsync(connection, CancellationToken.None));

            Assert.False(failed.Passed);
            Assert.Contains("sparkle_db.partition_bounds(regclass)", failed.Found, StringComparison.Ordinal);
        }

        await db.Server.DropDatabaseAsync(copy);
    }

    [Fact]
    public async Task Functions_a_later_migration_adds_are_not_public_and_the_privilege_step_grants_them_per_role()
    {
        var copy = await db.Server.CreateDatabaseAsync(migrated: true, "later");
        await using (var connection = new NpgsqlConnection(copy.ConnectionString))
        {
            await connection.OpenAsync();
            // What a helper's new migration might add: a reader, a writer, a definer function and a tool function.
            await connection.ExecuteAsync(
                """
                CREATE FUNCTION public.probe_reader(p text) RETURNS int LANGUAGE sql STABLE SET search_path = pg_catalog, public AS 'SELECT 1';
                CREATE FUNCTION public.probe_writer(p text) RETURNS void LANGUAGE sql VOLATILE SET search_path = pg_catalog, public AS 'SELECT';
                CREATE FUNCTION public.probe_definer() RETURNS int LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS 'SELECT 1';
                CREATE FUNCTION sparkle_db.probe_tool() RETURNS int LANGUAGE sql AS 'SELECT 1';
                """);
            // PostgreSQL's default: PUBLIC may execute a new function (until the step runs).
            Assert.Equal(4L, await PublicExecutableAsync(connection));

            await new MigrationRunner(copy, MigrationCatalog.Embedded()).MigrateAsync();

            Assert.Equal(
                [
                    "probe_definer:",
                    "probe_reader:sparkle_app,sparkle_readonly",
                    "probe_tool:",
                    "probe_writer:sparkle_app",
                ],
                await connection.ColumnAsync<string>(
                    """
                    SELECT p.proname || ':' || COALESCE((SELECT string_agg(a.grantee::regrole::text, ',' ORDER BY a.grantee::regrole::text)
                                                          FROM aclexplode(p.proacl) a WHERE a.grantee <> p.proowner), '')
                    FROM pg_proc p WHERE p.proname LIKE 'probe\_%' ORDER BY p.proname
                    """));
            Assert.Equal(0L, await PublicExecutableAsync(connection));
        }

        await db.Server.DropDatabaseAsync(copy);
    }

    [Fact]
    public async Task The_application_replays_a_post_a_reaction_a_comment_and_a_follow_as_a_login_of_its_role()
    {
        await using (var admin = await db.OpenAsync())
        {
            await TestData.LevelConfigsAsync(admin);
            await TestData.AchievementsAsync(admin);
        }

        await using var app = await TemporaryLogin.CreateAsync(db.ConnectionString, "app", "sparkle_app");
        await using var connection = await app.OpenAsync();
        var author = await TestData.UserAsync(connection);
        var fan = await TestData.UserAsync(connection);
        var post = await TestData.PostAsync(connection, author);
        await TestData.ReactAsync(connection, post, fan);
        await TestData.CommentAsync(connection, post, fan);
        await TestData.FollowAsync(connection, fan, author);
        await connection.ExecuteAsync("SELECT * FROM public.search_all('title')");

        // The counters the triggers keep, read back as the superuser (an oracle independent of the login's rights).
        await using var check = await db.OpenAsync();
        Assert.Equal(
            new object?[] { 1, 1, 1 },
            (await Behaviour.Sql.RowsAsync(check, """SELECT "totalPosts", "totalFollowers", "totalLikesReceived" FROM user_stats WHERE "userId" = $1""", author)).Single());
        Assert.Equal(1, await check.ScalarAsync<int>("""SELECT "totalFollowing" FROM user_stats WHERE "userId" = $1""", fan));
        Assert.Equal(
            new object?[] { 1, 1 },
            (await Behaviour.Sql.RowsAsync(check, """SELECT "likeCount", "commentCount" FROM post_stats WHERE "postId" = $1""", post)).Single());
        // FIRST_POST and FIRST_FOLLOWER, granted by the achievement trigger through grant_achievement.
        Assert.Equal(2L, await check.ScalarAsync<long>("""SELECT count(*) FROM user_achievements WHERE "userId" = $1""", author));
    }

    [Fact]
    public async Task The_application_cannot_run_operator_functions_read_monitoring_views_or_change_the_schema()
    {
        await using var app = await TemporaryLogin.CreateAsync(db.ConnectionString, "app", "sparkle_app");
        await using var connection = await app.OpenAsync();

        foreach (var sql in new[]
        {
            "CALL public.maintain_partitions()",
            "CALL public.perform_maintenance()",
            "SELECT * FROM public.find_unused_indexes()",
            "SELECT * FROM public.slow_queries",
            "SELECT * FROM sparkle_db.schema_migrations",
            "CREATE TABLE public.app_made (id int)",
        })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql));
            Assert.True(error.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {error.SqlState} {error.MessageText}");
        }
    }

    [Fact]
    public async Task The_read_only_role_reads_data_and_views_but_no_credential_and_writes_nothing()
    {
        await using var reader = await TemporaryLogin.CreateAsync(db.ConnectionString, "reader", "sparkle_readonly");
        await using var connection = await reader.OpenAsync();

        await connection.ExecuteAsync("""SELECT id, username, email, "totalRevenueEarned" FROM public.users LIMIT 1""");
        await connection.ExecuteAsync("SELECT * FROM public.trending_posts LIMIT 1");
        await connection.ExecuteAsync("SELECT * FROM public.search_all('title')");
        foreach (var sql in new[]
        {
            """SELECT "hashedPassword" FROM public.users""",
            """SELECT "twoFactorSecret" FROM public.users""",
            """SELECT "refreshToken" FROM public.accounts""",
            """SELECT "sessionToken" FROM public.sessions""",
            "SELECT key FROM public.api_keys",
            "SELECT secret FROM public.webhooks",
            "SELECT * FROM public.users",
            """UPDATE public.users SET bio = 'x' WHERE false""",
            "SELECT * FROM public.slow_queries",
            "SELECT public.update_post_stats('p')",
        })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql));
            Assert.True(error.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {error.SqlState} {error.MessageText}");
        }
    }

    [Fact]
    public async Task The_monitor_reads_statistics_and_reports_but_no_table_data()
    {
        await using var monitor = await TemporaryLogin.CreateAsync(db.ConnectionString, "monitor", "sparkle_monitor");
        await using var connection = await monitor.OpenAsync();

        foreach (var sql in new[]
        {
            "SELECT * FROM public.slow_queries LIMIT 1",
            "SELECT * FROM public.cache_hit_ratios",
            "SELECT * FROM public.index_usage_stats LIMIT 1",
            "SELECT * FROM public.find_unused_indexes() LIMIT 1",
            "SELECT * FROM public.table_bloat LIMIT 1",
        })
        {
            await connection.ExecuteAsync(sql);
        }

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("SELECT username FROM public.users LIMIT 1"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    private static Task<long> PublicExecutableAsync(NpgsqlConnection connection) =>
        connection.ScalarAsync<long>(
            """
            SELECT count(*) FROM pg_proc p
            WHERE p.proname LIKE 'probe\_%'
              AND EXISTS (SELECT 1 FROM aclexplode(COALESCE(p.proacl, acldefault('f', p.proowner))) a WHERE a.grantee = 0)
            """);
}
