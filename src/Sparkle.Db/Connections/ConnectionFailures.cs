using System.Net.Sockets;
using Npgsql;

namespace Sparkle.Db.Connections;

/// <summary>Turns the ways opening a connection fails into messages a user can act on.</summary>
public static class ConnectionFailures
{
    /// <summary>Opens a connection to <paramref name="target"/>, explaining failures as <see cref="SparkleDbException"/>.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(DatabaseTarget target, CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(target.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or SocketException or ArgumentException)
        {
            await connection.DisposeAsync();
            throw Explain(ex, target);
        }

        try
        {
            // The server announces its version at start-up, so this costs no round trip.
            Cluster.PostgresBinaries.EnsureSupported(connection.PostgreSqlVersion, target.Describe());
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    /// <summary>
    /// Whether <paramref name="ex"/> means the session is gone (server stopped, crashed or restarted, the session was
    /// terminated, the network broke), as opposed to an error in the SQL that ran.
    /// </summary>
    public static bool IsConnectionLoss(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                // Class 57P: admin_shutdown, crash_shutdown, cannot_connect_now, database_dropped, idle_session_timeout.
                // Class 08: connection exceptions.
                case PostgresException pg:
                    return pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("08", StringComparison.Ordinal);
                case EndOfStreamException or IOException or SocketException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The user-facing explanation of a failure to connect.</summary>
    public static SparkleDbException Explain(Exception ex, DatabaseTarget target)
    {
        var where = target.Describe();
        return ex switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } pg =>
                new SparkleDbException(
                    $"The server at {where} refused the credentials ({pg.SqlState}: authentication failed; the password is not shown).",
                    "Check the user name and password in --database-url / DATABASE_URL, and the server's pg_hba.conf.", ex),
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                new SparkleDbException(
                    $"The database '{target.Database}' does not exist on {where}.",
                    "Create it (createdb) or point --database-url at an existing database.", ex),
            PostgresException pg =>
                new SparkleDbException($"The server at {where} rejected the connection: {pg.MessageText} (SQLSTATE {pg.SqlState}).", null, ex),
            _ when Find<SocketException>(ex) is { } socket =>
                new SparkleDbException(
                    $"Cannot reach a PostgreSQL server at {where}: {socket.Message}.",
                    "Check that the server is running and that host and port are right; without --database-url and DATABASE_URL, sparkle-db starts a local cluster itself.", ex),
            TimeoutException or NpgsqlException { InnerException: TimeoutException } =>
                new SparkleDbException(
                    $"Timed out connecting to {where}.",
                    "Check that the server is up and reachable (firewall, host, port), or raise connect_timeout.", ex),
            ArgumentException arg =>
                new SparkleDbException($"The connection settings are not valid: {arg.Message}", null, ex),
            _ => new SparkleDbException($"Cannot connect to {where}: {ex.Message}", "Check the server and the URL.", ex),
        };
    }

    private static T? Find<T>(Exception? ex)
        where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T found)
            {
                return found;
            }
        }

        return null;
    }
}
