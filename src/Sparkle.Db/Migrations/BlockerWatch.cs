using Npgsql;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Migrations;

/// <summary>
/// Watches, from a second connection, which sessions block a migration statement that is waiting for a lock, so
/// that a lock timeout can name the blocking pid and its query (<c>pg_blocking_pids</c>). Polling starts only
/// after a delay, so statements that do not wait cost nothing.
/// </summary>
internal sealed class BlockerWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private volatile string? _lastSeen;

    private BlockerWatch(DatabaseTarget target, int pid, TimeSpan delay) => _loop = WatchAsync(target, pid, delay, _stop.Token);

    public static BlockerWatch Start(DatabaseTarget target, int pid, TimeSpan delay) => new(target, pid, delay);

    /// <summary>The blockers seen last, e.g. "pid 4242 (app, idle in transaction for 12 s): UPDATE posts …".</summary>
    public string? LastSeen => _lastSeen;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping is the normal end of the watch.
        }

        _stop.Dispose();
    }

    private async Task WatchAsync(DatabaseTarget target, int pid, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await SampleAsync(target, pid, delay, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
        {
            // The watch only explains a wait; when its own connection fails (the server went away, say), the statement's
            // own error tells the story, and DisposeAsync must not replace it.
        }
    }

    private async Task SampleAsync(DatabaseTarget target, int pid, TimeSpan delay, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT string_agg(format('pid %s (%s, %s for %s s): %s', b.pid, coalesce(b.usename, '?'), coalesce(b.state, '?'),
                                     coalesce(round(extract(epoch FROM now() - coalesce(b.xact_start, b.query_start)))::text, '?'),
                                     left(regexp_replace(coalesce(b.query, ''), '\s+', ' ', 'g'), 200)), '; ')
              FROM unnest(pg_blocking_pids($1)) AS blocker(pid)
              JOIN pg_stat_activity b ON b.pid = blocker.pid
            """,
            connection);
        command.Parameters.Add(new() { Value = pid });
        while (!cancellationToken.IsCancellationRequested)
        {
            if (await command.ExecuteScalarAsync(cancellationToken) is string seen)
            {
                _lastSeen = seen;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }
}
