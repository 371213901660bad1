namespace Sparkle.Db.Monitoring;

/// <summary>A client session: a long-running statement, or a transaction left idle.</summary>
public sealed record SessionInfo(int Pid, string? User, string? Database, string? Application, string State, double Seconds, string? Query);
