namespace Sparkle.Db.Monitoring;

/// <summary>Client sessions of the whole server against max_connections.</summary>
public sealed record ConnectionSummary(int Total, int Active, int Idle, int IdleInTransaction, int MaxConnections, double Percent, bool NearLimit);
