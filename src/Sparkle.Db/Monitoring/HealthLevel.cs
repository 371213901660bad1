namespace Sparkle.Db.Monitoring;

/// <summary>The colour of a health check, as pghero shows them.</summary>
public enum HealthLevel
{
    /// <summary>Nothing to measure here (no replicas, no counter check yet).</summary>
    None,

    /// <summary>Within the threshold.</summary>
    Green,

    /// <summary>Past the warning threshold: look at it soon.</summary>
    Amber,

    /// <summary>Past the critical threshold: look at it now.</summary>
    Red,
}
