namespace Sparkle.Db.Dashboard;

/// <summary>
/// A read shared by concurrent requests and reused for a while: the page's dozen section requests cost one database
/// read, not twelve. A failed read is not kept, so the next request tries again.
/// </summary>
internal sealed class CachedRead<T>(Func<CancellationToken, Task<T>> read, TimeSpan lifetime, CancellationToken stopping)
{
    private readonly Lock _gate = new();
    private Task<T>? _current;
    private DateTimeOffset _startedAt;

    public Task<T> GetAsync(bool fresh = false)
    {
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
            var expired = _current is null || _current.IsFaulted || _current.IsCanceled || (_current.IsCompleted && (fresh || now - _startedAt > lifetime));
            if (expired)
            {
                _startedAt = now;
                _current = read(stopping);
            }

            return _current!;
        }
    }
}
