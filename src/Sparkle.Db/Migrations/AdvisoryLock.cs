using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Migrations;

/// <summary>
/// A session-level advisory lock held on a connection of its own for as long as a runner works, so that two
/// runners (or two maintenance jobs) never interleave. Disposing it releases the lock and closes the session.
/// </summary>
/// <remarks><see href="https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS"/></remarks>
public sealed class AdvisoryLock : IAsyncDisposable
{
    /// <summary>The key that guards migration runs ("SPKLDB" in ASCII).</summary>
    public const long MigrationKey = 0x53504B4C4442;

    /// <summary>The key that guards maintenance runs.</summary>
    public const long MaintenanceKey = 0x53504B4C4443;

    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private AdvisoryLock(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    /// <summary>Takes the lock, waiting up to <paramref name="wait"/> for another holder; throws when it stays taken.</summary>
    public static async Task<AdvisoryLock> AcquireAsync(DatabaseTarget target, long key, string purpose, TimeSpan wait, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = await OpenUnpooledAsync(target, cancellationToken);
        try
        {
            var clock = Stopwatch.StartNew();
            var announced = false;
            while (true)
            {
                if (await TryAsync(connection, key, cancellationToken))
                {
                    return new AdvisoryLock(connection, key);
                }

                var holder = await HolderAsync(connection, key, cancellationToken) ?? "holder unknown";
                if (clock.Elapsed >= wait)
                {
                    throw new LockHeldException(
                        $"Another {purpose} is running on {target.Describe()} ({holder}) and still held its lock after {wait.TotalSeconds:0} s.",
                        $"Let it finish, then run again; this run changed nothing. If that session is stuck, end it with SELECT pg_terminate_backend(pid).");
                }

                if (!announced)
                {
                    Log.WaitingForLock(logger, purpose, holder, wait.TotalSeconds);
                    announced = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes the lock if it is free; null when another session holds it.</summary>
    public static async Task<AdvisoryLock?> TryAcquireAsync(DatabaseTarget target, long key, CancellationToken cancellationToken)
    {
        var connection = await OpenUnpooledAsync(target, cancellationToken);
        if (await TryAsync(connection, key, cancellationToken))
        {
            return new AdvisoryLock(connection, key);
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Who holds the lock in the target's database ("pid 4242, sparkle-db lock, connected since …"), or null when it is free.</summary>
    public static async Task<string?> DescribeHolderAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken = default) =>
        await HolderAsync(connection, key, cancellationToken);

    /// <summary>
    /// Releases the lock, then closes the session. Closing alone releases it too, but only when the server process has
    /// exited, some time after the client hung up: a check right after (up's verify looking for a migration in
    /// progress) could still see it held.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_connection.State == System.Data.ConnectionState.Open)
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", _connection);
                command.Parameters.Add(new() { Value = _key });
                await command.ExecuteScalarAsync();
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // The session is gone or broken: its end releases the lock.
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }

    // A pooled connection would outlive Dispose with its session, and the session would keep the lock.
    private static Task<NpgsqlConnection> OpenUnpooledAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false, ApplicationName = "sparkle-db lock" };
        return ConnectionFailures.OpenAsync(DatabaseTarget.FromConnectionString(builder.ConnectionString), cancellationToken);
    }

    private static async Task<bool> TryAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
        command.Parameters.Add(new() { Value = key });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<string?> HolderAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        // A bigint key is stored as classid (high 32 bits) and objid (low 32 bits). Advisory locks belong to one
        // database: the same key taken in another database of the server is another lock.
        await using var command = new NpgsqlCommand(
            """
            SELECT l.pid, a.application_name, a.backend_start
              FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
             WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
               AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
               AND l.classid::bigint = ($1 >> 32) AND l.objid::bigint = ($1 & 4294967295)
             LIMIT 1
            """,
            connection);
        command.Parameters.Add(new() { Value = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var app = reader.IsDBNull(1) || reader.GetString(1).Length == 0 ? "no application name" : reader.GetString(1);
        var since = reader.IsDBNull(2) ? "" : $", connected since {reader.GetFieldValue<DateTimeOffset>(2):u}";
        return $"pid {reader.GetInt32(0)}, {app}{since}";
    }
}
