namespace Sparkle.Db.Monitoring;

/// <summary>The limits a <see cref="MonitorReport"/> compares against; each is a `monitor` option.</summary>
public sealed record MonitorThresholds
{
    /// <summary>Buffer cache hit ratio (0-1) below which tables or indexes are flagged.</summary>
    public double CacheHitTarget { get; init; } = 0.99;

    /// <summary>Mean execution time (ms) from which a statement counts as slow.</summary>
    public double SlowMeanMs { get; init; } = 20;

    /// <summary>Calls from which a statement counts as frequent.</summary>
    public long FrequentCalls { get; init; } = 100;

    /// <summary>Seconds an active statement may run before it is listed.</summary>
    public double LongRunningSeconds { get; init; } = 60;

    /// <summary>Seconds a session may sit idle inside a transaction before it is listed (it holds locks and blocks vacuum).</summary>
    public double IdleInTransactionSeconds { get; init; } = 10;

    /// <summary>Estimated bloat ratio (0-1) from which a table or index is listed.</summary>
    public double BloatRatio { get; init; } = 0.2;

    /// <summary>Share of max_connections (%) from which connections are flagged.</summary>
    public double ConnectionsPercent { get; init; } = 80;

    /// <summary>Share of a sequence's range (%) from which it is flagged.</summary>
    public double SequencePercent { get; init; } = 75;

    /// <summary>Rows per list (at least 1).</summary>
    public int Top
    {
        get;
        init => field = value >= 1 ? value : throw new InvalidInputException($"Rows per list must be at least 1 (got {value}).");
    } = 10;
}
