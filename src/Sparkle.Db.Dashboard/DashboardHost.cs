using Microsoft.AspNetCore.Builder;

namespace Sparkle.Db.Dashboard;

/// <summary>A running dashboard: its address, its action token (null when actions are off), and how to stop it.</summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;

    internal DashboardHost(WebApplication app, CancellationTokenSource stopping, Uri url, ActionToken? token)
    {
        _app = app;
        _stopping = stopping;
        Url = url;
        Token = token;
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri Url { get; }

    /// <summary>The token action requests must carry; null when the dashboard is read-only.</summary>
    public ActionToken? Token { get; }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled, then stops the server.</summary>
    public async Task RunUntilCancelledAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
