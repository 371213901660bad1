using Npgsql;

namespace Sparkle.Db.Verification;

/// <summary>No constraint is left NOT VALID (pg_constraint.convalidated): such a constraint is not enforced on existing rows.</summary>
internal sealed class ConstraintsValidatedCheck : ICheck
{
    public string Name => "constraints.validated";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT coalesce(string_agg(format('%s on %s', c.conname, c.conrelid::regclass), ', ' ORDER BY c.conname), '')
              FROM pg_constraint c
              JOIN pg_namespace n ON n.oid = c.connamespace
             WHERE NOT c.convalidated AND n.nspname NOT IN ('pg_catalog', 'information_schema')
            """,
            connection);
        var invalid = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        return
        [
            new CheckResult(Name, invalid.Length == 0, "0 NOT VALID constraints", invalid.Length == 0 ? "0" : invalid,
                invalid.Length == 0 ? null : "ALTER TABLE … VALIDATE CONSTRAINT … (takes only a SHARE UPDATE EXCLUSIVE lock)."),
        ];
    }
}
