using System.Text.RegularExpressions;
using Npgsql;
using Sparkle.Db.Cluster;

namespace Sparkle.Db.Connections;

/// <summary>
/// Decides which database a command uses: <c>--database-url</c>, else <c>DATABASE_URL</c>, else the tool's own local
/// cluster (started or reused) with its <c>sparkle</c> database created when missing.
/// </summary>
public static partial class DatabaseLocator
{
    /// <summary>The database the local cluster serves the platform from.</summary>
    public const string LocalDatabaseName = "sparkle";

    public static async Task<ResolvedDatabase> ResolveAsync(string? databaseUrl, string dataDirectory, CancellationToken cancellationToken = default)
    {
        var url = databaseUrl is { Length: > 0 } ? databaseUrl : Environment.GetEnvironmentVariable("DATABASE_URL");
        if (url is { Length: > 0 })
        {
            return new ResolvedDatabase(DatabaseTarget.Parse(url), null);
        }

        var cluster = new LocalCluster(new LocalClusterOptions { DataDirectory = dataDirectory });
        var info = await cluster.StartAsync(cancellationToken);
        await EnsureDatabaseAsync(info.Server, LocalDatabaseName, cancellationToken);
        return new ResolvedDatabase(info.Server.WithDatabase(LocalDatabaseName), info);
    }

    /// <summary>Creates <paramref name="database"/> on the server unless it exists.</summary>
    public static async Task EnsureDatabaseAsync(DatabaseTarget server, string database, CancellationToken cancellationToken = default)
    {
        if (!SimpleName().IsMatch(database))
        {
            throw new InvalidInputException($"'{database}' is not a plain database name (lowercase letters, digits, underscores).");
        }

        await using var connection = await ConnectionFailures.OpenAsync(server, cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new() { Value = database });
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\" ENCODING 'UTF8'", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another process created it between the check and the create.
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SimpleName();
}
