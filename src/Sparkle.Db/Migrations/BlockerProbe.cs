using System.Data;
using Npgsql;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Migrations;

/// <summary>
/// One connection per migration run that asks which sessions block a given backend (<c>pg_blocking_pids</c>). It
/// is opened the first time a statement waits and then reused, so that later waits (the retries of a lock timeout
/// above all) are watched at once instead of paying a connection set-up that, on a busy server, can outlast the
/// short lock_timeout itself.
/// </summary>
internal sealed class BlockerProbe(DatabaseTarget target) : IAsyncDisposable
{
    private const string Sql =
        """
        SELECT string_agg(format('pid %s (%s, %s for %s s): %s', b.pid, coalesce(b.usename, '?'), coalesce(b.state, '?'),
                                 coalesce(round(extract(epoch FROM now() - coalesce(b.xact_start, b.query_start)))::text, '?'),
                                 left(regexp_replace(coalesce(b.query, ''), '\s+', ' ', 'g'), 200)), '; ')
          FROM unnest(pg_blocking_pids($1)) AS blocker(pid)
          JOIN pg_stat_activity b ON b.pid = blocker.pid
        """;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _connection;
    private bool _disposed;

    /// <summary>The sessions blocking <paramref name="pid"/> now, e.g. "pid 4242 (app, idle in transaction for 12 s): UPDATE …", or null.</summary>
    public async Task<string?> BlockersOfAsync(int pid, CancellationToken cancellationToken)
    {
        if (_disposed)
        {
            return null;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_disposed)
            {
                return null;
            }

            if (_connection is null)
            {
                var connection = new NpgsqlConnection(target.ConnectionString);
                try
                {
                    await connection.OpenAsync(cancellationToken);
                }
                catch
                {
                    await connection.DisposeAsync();
                    throw;
                }

                _connection = connection;
            }

            // Not cancelled mid-query (a cancel request would cost a round trip and may leave the connection
            // broken); the caller stops between polls instead.
            try
            {
                await using var command = new NpgsqlCommand(Sql, _connection);
                command.Parameters.Add(new() { Value = pid });
                return await command.ExecuteScalarAsync(CancellationToken.None) as string;
            }
            catch (Exception) when (_connection.FullState != ConnectionState.Open)
            {
                await _connection.DisposeAsync();
                _connection = null;
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        // Waits for a poll in flight, so the connection is not disposed under it.
        await _gate.WaitAsync();
        _disposed = true;
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }

        _gate.Release();
    }
}
