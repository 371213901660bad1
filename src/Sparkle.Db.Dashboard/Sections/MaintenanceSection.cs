namespace Sparkle.Db.Dashboard.Sections;

/// <summary>The maintenance journal (sparkle_db.maintenance_runs), newest first; <see cref="Note"/> says why it is empty.</summary>
public sealed record MaintenanceSection(IReadOnlyList<MaintenanceRow> Runs, string? Note, bool ActionsAllowed);
