using System.Collections.Concurrent;
using Sparkle.Db.Migrations;

namespace Sparkle.Db.Tests.Migrations;

/// <summary>Collects progress reports as they come (from the watch's own thread) and waits for one that matches.</summary>
internal sealed class ProgressCollector : IProgress<StatementProgress>
{
    private readonly ConcurrentQueue<StatementProgress> _reports = new();
    private readonly Lock _gate = new();
    private readonly List<(Func<StatementProgress, bool> Match, TaskCompletionSource<StatementProgress> Seen)> _waiting = [];

    public IReadOnlyCollection<StatementProgress> Reports => _reports;

    public void Report(StatementProgress value)
    {
        _reports.Enqueue(value);
        lock (_gate)
        {
            foreach (var (match, seen) in _waiting.Where(w => w.Match(value)).ToArray())
            {
                seen.TrySetResult(value);
            }
        }
    }

    /// <summary>The first report that matches, waiting for it (bounded: a wait for a state, not a timed assertion).</summary>
    public Task<StatementProgress> WaitForAsync(Func<StatementProgress, bool> match, string what)
    {
        var seen = new TaskCompletionSource<StatementProgress>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_reports.FirstOrDefault(match) is { } already)
            {
                return Task.FromResult(already);
            }

            _waiting.Add((match, seen));
        }

        return seen.Task.WaitAsync(TimeSpan.FromSeconds(120)).ContinueWith(
            t => t.IsCompletedSuccessfully ? t.Result : throw new TimeoutException($"No progress report {what}; saw: {string.Join(" | ", _reports.TakeLast(5))}"),
            TaskScheduler.Default);
    }
}
