using Npgsql;
using Sparkle.Db.Migrations;

namespace Sparkle.Db.Verification;

/// <summary>Every migration of the tool is applied, unchanged.</summary>
internal sealed class MigrationsAppliedCheck(MigrationCatalog catalog) : ICheck
{
    public string Name => "migrations.applied";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var journal = (await MigrationJournal.ReadAsync(connection, cancellationToken)).ToDictionary(j => j.Version);
        var missing = catalog.Migrations.Where(m => !journal.ContainsKey(m.Version)).Select(m => m.DisplayName).ToArray();
        var changed = catalog.Migrations.Where(m => journal.TryGetValue(m.Version, out var j) && j.Checksum != m.Checksum).Select(m => m.DisplayName).ToArray();
        var found = missing.Length == 0 && changed.Length == 0
            ? $"{journal.Count} applied"
            : string.Join("; ", new[] { missing.Length > 0 ? "pending: " + string.Join(", ", missing) : null, changed.Length > 0 ? "changed: " + string.Join(", ", changed) : null }.Where(s => s is not null));
        return
        [
            new CheckResult(Name, missing.Length == 0 && changed.Length == 0, $"all {catalog.Migrations.Count} migrations applied and unchanged", found,
                missing.Length > 0 ? "Run 'sparkle-db migrate'." : null),
        ];
    }
}
