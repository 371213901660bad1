using Npgsql;
using Sparkle.Db.Connections;
using Xunit;

namespace Sparkle.Db.Tests.Support;

/// <summary>A test class's own database: a copy of the template that has every embedded migration applied.</summary>
public sealed class MigratedDatabaseFixture : DatabaseFixture
{
    public MigratedDatabaseFixture()
        : base(migrated: true)
    {
    }
}

/// <summary>A test class's own empty database (for migration runner tests).</summary>
public sealed class EmptyDatabaseFixture : DatabaseFixture
{
    public EmptyDatabaseFixture()
        : base(migrated: false)
    {
    }
}

/// <summary>Creates the class's database before its first test and drops it after the last.</summary>
public abstract class DatabaseFixture(bool migrated) : IAsyncLifetime
{
    private DatabaseTarget? _target;

    public DatabaseTarget Target => _target ?? throw new InvalidOperationException("The fixture is not initialised.");

    public string ConnectionString => Target.ConnectionString;

    public TestServer Server { get; private set; } = null!;

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task InitializeAsync()
    {
        Server = await TestServer.GetAsync();
        _target = await Server.CreateDatabaseAsync(migrated, GetType().Name.Replace("Fixture", "", StringComparison.Ordinal).ToLowerInvariant());
    }

    public async Task DisposeAsync()
    {
        if (_target is not null)
        {
            await Server.DropDatabaseAsync(_target);
        }
    }
}
