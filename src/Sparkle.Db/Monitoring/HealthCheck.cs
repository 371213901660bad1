namespace Sparkle.Db.Monitoring;

/// <summary>
/// One line of "health at a glance": what was measured (<see cref="Value"/>), against which limits
/// (<see cref="Threshold"/>, e.g. "green ≥ 99 %, amber ≥ 95 %"), the resulting colour, and what to do when it is not green.
/// <see cref="Section"/> names the part of the dashboard with the details.
/// </summary>
public sealed record HealthCheck(string Name, string Section, HealthLevel Level, string Value, string Threshold, string? Advice = null);
