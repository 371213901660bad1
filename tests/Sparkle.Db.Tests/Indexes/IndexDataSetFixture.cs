using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Indexes;

/// <summary>
/// A migrated database of its own holding <see cref="IndexDataSet"/>, vacuumed and analyzed once for the test
/// class, so that every plan test reads the same statistics and index-only scans see an all-visible heap.
/// </summary>
public sealed class IndexDataSetFixture : IAsyncLifetime
{
    private readonly MigratedDatabaseFixture _database = new();

    public string ConnectionString => _database.ConnectionString;

    public Task<NpgsqlConnection> OpenAsync() => _database.OpenAsync();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await using var connection = await _database.OpenAsync();
        await connection.ExecuteAsync(IndexDataSet.Sql);
        // VACUUM cannot run inside a transaction; each command here is its own implicit one.
        await connection.ExecuteAsync("VACUUM ANALYZE");
    }

    public Task DisposeAsync() => _database.DisposeAsync();
}
