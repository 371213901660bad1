using Npgsql;
using Sparkle.Db.Tests.Support;

namespace Sparkle.Db.Tests.Dashboard;

/// <summary>
/// A lock one session holds (ACCESS EXCLUSIVE on dashboard_probe, in an open transaction) and a second session queued
/// behind it (an UPDATE of that table). Disposing rolls the holder back, which lets the waiter finish.
/// </summary>
internal sealed class BlockingLock : IAsyncDisposable
{
    public const string WaiterStatement = "UPDATE dashboard_probe SET note = 'blocked' WHERE id = 1";

    private readonly NpgsqlConnection _holder;
    private readonly NpgsqlConnection _waiter;
    private readonly NpgsqlTransaction _transaction;
    private readonly Task _blocked;

    private BlockingLock(NpgsqlConnection holder, NpgsqlConnection waiter, NpgsqlTransaction transaction, Task blocked)
    {
        _holder = holder;
        _waiter = waiter;
        _transaction = transaction;
        _blocked = blocked;
    }

    public int HolderPid => _holder.ProcessID;

    public int WaiterPid => _waiter.ProcessID;

    public static async Task<BlockingLock> TakeAsync(string connectionString)
    {
        var holder = new NpgsqlConnection(connectionString);
        await holder.OpenAsync();
        // The waiter waits as long as the test needs it to (no command timeout).
        var waiter = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await waiter.OpenAsync();
        var transaction = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("LOCK TABLE dashboard_probe IN ACCESS EXCLUSIVE MODE");
        var blocked = waiter.ExecuteAsync(WaiterStatement);

        // Wait (bounded) until the waiter is queued on the lock; not a timed assertion, only a wait for the state.
        await using var observer = new NpgsqlConnection(connectionString);
        await observer.OpenAsync();
        for (var i = 0; i < 300; i++)
        {
            if (await observer.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = $1 AND NOT granted)", waiter.ProcessID))
            {
                return new BlockingLock(holder, waiter, transaction, blocked);
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The second session never queued behind the lock.");
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.RollbackAsync();
        await _blocked;
        await _transaction.DisposeAsync();
        await _holder.DisposeAsync();
        await _waiter.DisposeAsync();
    }
}
