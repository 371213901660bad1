using Npgsql;
using Sparkle.Db.Tests.Support;

namespace Sparkle.Db.Tests.App;

/// <summary>Sessions as the app's role, sparkle_app, as production connects: its grants, not a superuser's.</summary>
internal static class AppRole
{
    public static async Task<NpgsqlConnection> OpenAsync(DatabaseFixture db)
    {
        var connection = await db.OpenAsync();
        await connection.ExecuteAsync("SET ROLE sparkle_app");
        return connection;
    }
}
