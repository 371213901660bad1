using Npgsql;
using Sparkle.Db.Migrations;
using Sparkle.Db.Security;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Behaviour;

/// <summary>
/// Issue 17, the generic-plan trap: a prepared per-user query switches to a plan made without the user after five
/// executions. The application's logins get plan_cache_mode = force_custom_plan (privilege step, LoginRoles), so a
/// prepared statement keeps being planned with its values. The plan is read from EXPLAIN EXECUTE as a real login:
/// a generic plan shows the parameter symbol ($1), a custom plan the value.
/// </summary>
public sealed class ApplicationPlanCacheTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    // The app's notification panel (db/queries/notification_list.sql).
    private const string Prepare =
        """
        PREPARE panel(text) AS
        SELECT id, type, title, message, "imageUrl", "actorId", read, priority, "createdAt"
        FROM notifications
        WHERE "userId" = $1
        ORDER BY priority DESC, "createdAt" DESC
        LIMIT 21 OFFSET 0
        """;

    [Fact]
    public async Task The_application_role_itself_carries_the_setting()
    {
        await using var admin = await db.OpenAsync();

        var settings = await admin.ColumnAsync<string>(
            """
            SELECT unnest(s.setconfig) FROM pg_db_role_setting s
            JOIN pg_roles r ON r.oid = s.setrole
            WHERE r.rolname = 'sparkle_app' AND s.setdatabase = 0
            """);

        Assert.Contains("plan_cache_mode=force_custom_plan", settings);
    }

    [Fact]
    public async Task A_login_of_the_application_keeps_custom_plans_for_a_prepared_per_user_query_after_many_executions()
    {
        var role = $"app_plans_{Guid.NewGuid():N}"[..30];
        var password = $"pw-{Guid.NewGuid():N}";
        await using var admin = await db.OpenAsync();
        // Made the plain way, as an operator would (CREATE ROLE … IN ROLE sparkle_app), not through LoginRoles.
        await admin.ExecuteAsync($"CREATE ROLE \"{role}\" LOGIN IN ROLE sparkle_app PASSWORD '{ScramSha256.CreateVerifier(password)}'");
        try
        {
            Assert.Equal("auto", await ShowAsync(role, password));

            await PrivilegeStep.ApplyAsync(admin, CancellationToken.None);

            Assert.Equal("force_custom_plan", await ShowAsync(role, password));
            await using var login = new NpgsqlConnection(LoginString(role, password));
            await login.OpenAsync();
            var plan = await PlanAfterRepeatedExecutionsAsync(login);
            Assert.DoesNotContain("$1", plan, StringComparison.Ordinal);
            Assert.Contains("'busy-user'", plan, StringComparison.Ordinal);
        }
        finally
        {
            await admin.ExecuteAsync($"DROP ROLE IF EXISTS \"{role}\"");
        }
    }

    [Fact]
    public async Task The_check_tells_a_generic_plan_from_a_custom_one()
    {
        // The oracle for the detection above: a session forced to generic plans shows the parameter symbol.
        await using var admin = await db.OpenAsync();
        await admin.ExecuteAsync("SET plan_cache_mode = force_generic_plan");

        var plan = await PlanAfterRepeatedExecutionsAsync(admin);

        Assert.Contains("$1", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_the_tool_creates_in_the_application_role_gets_the_setting_at_once()
    {
        var role = $"app_tool_{Guid.NewGuid():N}"[..30];
        var other = $"ro_tool_{Guid.NewGuid():N}"[..30];
        var password = $"pw-{Guid.NewGuid():N}";
        await using var admin = await db.OpenAsync();
        try
        {
            await LoginRoles.EnsureAsync(admin, role, password, ["sparkle_app"]);
            await LoginRoles.EnsureAsync(admin, other, password, ["sparkle_readonly"]);

            Assert.Equal("force_custom_plan", await ShowAsync(role, password));
            Assert.Equal("auto", await ShowAsync(other, password));
        }
        finally
        {
            await admin.ExecuteAsync($"DROP ROLE IF EXISTS \"{role}\"");
            await admin.ExecuteAsync($"DROP ROLE IF EXISTS \"{other}\"");
        }
    }

    private static async Task<string> PlanAfterRepeatedExecutionsAsync(NpgsqlConnection connection)
    {
        await connection.ExecuteAsync(Prepare);
        for (var i = 0; i < 8; i++)
        {
            await connection.ExecuteAsync("EXECUTE panel('busy-user')");
        }

        var plan = string.Join("\n", await connection.ColumnAsync<string>("EXPLAIN (VERBOSE) EXECUTE panel('busy-user')"));
        await connection.ExecuteAsync("DEALLOCATE panel");
        return plan;
    }

    private async Task<string> ShowAsync(string role, string password)
    {
        await using var login = new NpgsqlConnection(LoginString(role, password));
        await login.OpenAsync();
        return await login.ScalarAsync<string>("SHOW plan_cache_mode");
    }

    private string LoginString(string role, string password) =>
        new NpgsqlConnectionStringBuilder(db.ConnectionString) { Username = role, Password = password, Passfile = null, Pooling = false }.ConnectionString;
}
