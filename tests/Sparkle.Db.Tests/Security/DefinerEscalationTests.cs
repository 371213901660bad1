using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Security;

/// <summary>
/// Issue 12, critical: a member of sparkle_app became superuser through refresh_materialized_views (SECURITY DEFINER,
/// owned by the superuser, search_path without pg_temp, an unqualified INSERT INTO system_health) by planting a
/// temporary system_health whose trigger ran ALTER ROLE … SUPERUSER. Each layer of the fix is tested on its own: no
/// TEMP for the role; pg_temp last and qualified names even where TEMP is granted back; and an owner that could not
/// grant superuser even if the function were hijacked.
/// </summary>
public sealed class DefinerEscalationTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    private const string PlantTemporarySystemHealth =
        """
        CREATE TEMP TABLE system_health (LIKE public.system_health);
        CREATE FUNCTION pg_temp.escalate() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN EXECUTE pg_catalog.format('ALTER ROLE %I SUPERUSER', session_user); RETURN NEW; END $$;
        CREATE TRIGGER escalate BEFORE INSERT ON pg_temp.system_health FOR EACH ROW EXECUTE FUNCTION pg_temp.escalate();
        GRANT ALL ON pg_temp.system_health TO PUBLIC;
        """;

    [Fact]
    public async Task A_member_of_the_application_role_cannot_create_temporary_objects()
    {
        await using var attacker = await TemporaryLogin.CreateAsync(db.ConnectionString, "attacker", "sparkle_app");
        await using var connection = await attacker.OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(PlantTemporarySystemHealth));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Contains("temporary", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_temporary_system_health_with_an_escalating_trigger_is_ignored_by_the_refresh()
    {
        // A database where someone granted TEMP back: the function itself must still not reach the temporary table.
        await using var attacker = await TemporaryLogin.CreateAsync(db.ConnectionString, "attacker", "sparkle_app");
        await GrantTemporaryAsync(attacker.Name);
        await using var connection = await attacker.OpenAsync();
        await connection.ExecuteAsync(PlantTemporarySystemHealth);
        var logged = await LoggedRefreshesAsync();

        await connection.ExecuteAsync("SELECT public.refresh_materialized_views(ARRAY['active_groups'])");

        Assert.False(await attacker.IsSuperuserAsync());
        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_temp.system_health"));
        Assert.Equal(logged + 1, await LoggedRefreshesAsync());
    }

    [Fact]
    public async Task A_temporary_function_shadowing_an_unqualified_call_is_not_called()
    {
        await using var attacker = await TemporaryLogin.CreateAsync(db.ConnectionString, "attacker", "sparkle_app");
        await GrantTemporaryAsync(attacker.Name);
        await using var connection = await attacker.OpenAsync();
        // Look-alikes of functions the refresh calls, in the caller's temporary schema, first on the caller's path.
        await connection.ExecuteAsync(
            """
            CREATE FUNCTION pg_temp.gen_random_uuid() RETURNS uuid LANGUAGE plpgsql AS
            $$ BEGIN EXECUTE pg_catalog.format('ALTER ROLE %I SUPERUSER', session_user); RETURN NULL; END $$;
            CREATE FUNCTION pg_temp.clock_timestamp() RETURNS timestamptz LANGUAGE plpgsql AS
            $$ BEGIN EXECUTE pg_catalog.format('ALTER ROLE %I SUPERUSER', session_user); RETURN NULL; END $$;
            SET search_path = pg_temp, public, pg_catalog;
            """);
        var logged = await LoggedRefreshesAsync();

        await connection.ExecuteAsync("SELECT public.refresh_materialized_views(ARRAY['active_groups'])");

        Assert.False(await attacker.IsSuperuserAsync());
        Assert.Equal(logged + 1, await LoggedRefreshesAsync());
    }

    [Fact]
    public async Task Were_a_function_of_its_owner_hijacked_the_owner_could_not_grant_superuser()
    {
        await using var attacker = await TemporaryLogin.CreateAsync(db.ConnectionString, "attacker", "sparkle_app");
        await GrantTemporaryAsync(attacker.Name);
        await using var admin = await db.OpenAsync();
        // A definer function of sparkle_mv_owner written the old, hijackable way: search path without pg_temp, unqualified.
        await admin.ExecuteAsync(
            """
            CREATE FUNCTION public.probe_old_style_log() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = pg_catalog, public AS
            $$ BEGIN INSERT INTO system_health (id, service, status) VALUES (gen_random_uuid()::text, 'probe', 'healthy'); END $$;
            ALTER FUNCTION public.probe_old_style_log() OWNER TO sparkle_mv_owner;
            GRANT EXECUTE ON FUNCTION public.probe_old_style_log() TO sparkle_app;
            """);
        try
        {
            await using var connection = await attacker.OpenAsync();
            await connection.ExecuteAsync(PlantTemporarySystemHealth);

            var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("SELECT public.probe_old_style_log()"));

            // The trigger did fire (the hijack worked), with sparkle_mv_owner's rights, which cannot grant superuser.
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
            Assert.Contains("superuser", error.MessageText, StringComparison.Ordinal);
            Assert.False(await attacker.IsSuperuserAsync());
        }
        finally
        {
            await admin.ExecuteAsync("DROP FUNCTION public.probe_old_style_log()");
        }
    }

    [Fact]
    public async Task The_refresh_function_is_owned_by_a_role_that_is_no_superuser_and_cannot_log_in()
    {
        await using var connection = await db.OpenAsync();

        var owner = await connection.ScalarAsync<string>(
            "SELECT r.rolname FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner WHERE p.oid = 'public.refresh_materialized_views(text[])'::regprocedure");
        Assert.Equal("sparkle_mv_owner", owner);
        Assert.False(await connection.ScalarAsync<bool>(
            "SELECT rolsuper OR rolcanlogin OR rolcreaterole OR rolcreatedb OR rolbypassrls FROM pg_roles WHERE rolname = 'sparkle_mv_owner'"));
        Assert.Equal(3L, await connection.ScalarAsync<long>(
            """
            SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
            WHERE c.relkind = 'm' AND c.relname IN ('trending_posts', 'top_creators', 'active_groups') AND r.rolname = 'sparkle_mv_owner'
            """));
    }

    private async Task GrantTemporaryAsync(string role)
    {
        await using var admin = await db.OpenAsync();
        await admin.ExecuteAsync($"GRANT TEMPORARY ON DATABASE \"{db.Target.Database}\" TO \"{role}\"");
    }

    private async Task<long> LoggedRefreshesAsync()
    {
        await using var admin = await db.OpenAsync();
        return await admin.ScalarAsync<long>("SELECT count(*) FROM public.system_health WHERE service = 'materialized_views'");
    }
}
