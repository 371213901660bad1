using Sparkle.Db.Monitoring;

namespace Sparkle.Db.Dashboard.Sections;

/// <summary>Long-running statements, sessions idle in a transaction, and long transactions, with their thresholds.</summary>
public sealed record TransactionsSection(double LongRunningSeconds, double IdleInTransactionSeconds,
    IReadOnlyList<SessionInfo> LongRunning, IReadOnlyList<SessionInfo> IdleInTransaction, IReadOnlyList<SessionInfo> LongTransactions, bool ActionsAllowed);
