namespace Sparkle.Db.Scaling;

/// <summary>One thing the readiness check found: its kind, the table it is on, the object (constraint, trigger, query) and why.</summary>
public sealed record CitusFinding(CitusFindingKind Kind, string Table, string Object, string Detail);
