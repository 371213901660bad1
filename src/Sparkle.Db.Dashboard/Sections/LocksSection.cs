using Sparkle.Db.Monitoring;

namespace Sparkle.Db.Dashboard.Sections;

/// <summary>Blocking chains: every session that waits for a lock or is waited for; roots have an empty BlockedBy.</summary>
public sealed record LocksSection(IReadOnlyList<LockSession> Sessions, bool ActionsAllowed);
