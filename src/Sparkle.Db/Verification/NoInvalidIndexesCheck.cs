using Npgsql;

namespace Sparkle.Db.Verification;

/// <summary>No index is INVALID (a failed or interrupted concurrent build leaves one behind).</summary>
internal sealed class NoInvalidIndexesCheck : ICheck
{
    public string Name => "indexes.none_invalid";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT coalesce(string_agg(format('%I.%I', n.nspname, c.relname), ', ' ORDER BY c.relname), '')
              FROM pg_index i
              JOIN pg_class c ON c.oid = i.indexrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE NOT (i.indisvalid AND i.indisready)
               AND n.nspname NOT IN ('pg_catalog', 'information_schema')
            """,
            connection);
        var invalid = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        return
        [
            new CheckResult(Name, invalid.Length == 0, "0 invalid indexes", invalid.Length == 0 ? "0" : invalid,
                invalid.Length == 0 ? null : "Run 'sparkle-db migrate' (it rebuilds the migrations' invalid indexes), or DROP INDEX CONCURRENTLY and rebuild the others."),
        ];
    }
}
