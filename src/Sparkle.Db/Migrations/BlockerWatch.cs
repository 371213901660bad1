using Npgsql;

namespace Sparkle.Db.Migrations;

/// <summary>
/// Watches, from a second connection, which sessions block a migration statement that is waiting for a lock, so
/// that a lock timeout can name the blocking pid and its query (<c>pg_blocking_pids</c>, through the run's
/// <see cref="BlockerProbe"/>). Polling starts only after a delay, so statements that do not wait cost nothing.
/// </summary>
internal sealed class BlockerWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private volatile string? _lastSeen;

    private BlockerWatch(BlockerProbe probe, int pid, TimeSpan delay) => _loop = WatchAsync(probe, pid, delay, _stop.Token);

    public static BlockerWatch Start(BlockerProbe probe, int pid, TimeSpan delay) => new(probe, pid, delay);

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

    private async Task WatchAsync(BlockerProbe probe, int pid, TimeSpan delay, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await probe.BlockersOfAsync(pid, cancellationToken) is { } seen)
                {
                    _lastSeen = seen;
                }
            }
            catch (NpgsqlException)
            {
                // Naming the blocker is a courtesy; a probe that cannot connect must not fail the migration.
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }
}
