namespace Sparkle.Db.Monitoring;

/// <summary>Client sessions of the server grouped by database, user, application and state.</summary>
public sealed record ConnectionGroup(string? Database, string? User, string? Application, string State, int Count);
