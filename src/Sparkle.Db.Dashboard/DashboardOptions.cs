using Microsoft.Extensions.Logging;
using Sparkle.Db.Monitoring;

namespace Sparkle.Db.Dashboard;

/// <summary>How the dashboard serves: port, whether actions are allowed, thresholds, the benchmark report.</summary>
public sealed record DashboardOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; } = 8470;

    /// <summary>Allow POST actions (cancel a statement, run maintenance); each still needs the run's token.</summary>
    public bool AllowActions { get; init; }

    /// <summary>The limits the sections and health checks compare against (the same as `monitor`'s).</summary>
    public MonitorThresholds Thresholds { get; init; } = new() { Top = 50 };

    /// <summary>A performance.json to read instead of the one built into the tool; null uses the built-in one.</summary>
    public string? BenchReportPath { get; init; }

    /// <summary>How long one read of the database serves the sections before the next request reads again.</summary>
    public TimeSpan CacheFor { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a counter recount (expensive on a large database) is reused.</summary>
    public TimeSpan CountersCacheFor { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Where the actions taken are logged.</summary>
    public ILogger? Logger { get; init; }
}
