using Npgsql;
using Sparkle.Db.Security;
using Sparkle.Db.Tests.Support;

namespace Sparkle.Db.Tests.Security;

/// <summary>
/// A login role of the test cluster, a member of the given group roles, created through <see cref="LoginRoles"/> (so
/// with a SCRAM verifier) and dropped again. Roles are cluster-wide: each name is unique.
/// </summary>
internal sealed class TemporaryLogin : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private TemporaryLogin(string adminConnectionString, string name, string password)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        Password = password;
    }

    public string Name { get; }

    public string Password { get; }

    /// <summary>A connection string for this login to the same database, by password (no passfile, no pooling).</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(_adminConnectionString)
    {
        Username = Name,
        Password = Password,
        Passfile = null,
        Pooling = false,
    }.ConnectionString;

    public static async Task<TemporaryLogin> CreateAsync(string adminConnectionString, string prefix, params string[] memberOf)
    {
        var login = new TemporaryLogin(adminConnectionString, $"{prefix}_{Guid.NewGuid():N}"[..30], $"pw-{Guid.NewGuid():N}");
        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync();
        await LoginRoles.EnsureAsync(admin, login.Name, login.Password, memberOf);
        return login;
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<bool> IsSuperuserAsync()
    {
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        return await admin.ScalarAsync<bool>("SELECT rolsuper FROM pg_roles WHERE rolname = $1", Name);
    }

    public async ValueTask DisposeAsync()
    {
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        // Its sessions first (a role with sessions cannot be dropped), then what it holds in this database, then the role.
        await admin.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", Name);
        await admin.ExecuteAsync($"DROP OWNED BY \"{Name}\"");
        await admin.ExecuteAsync($"DROP ROLE \"{Name}\"");
    }
}
