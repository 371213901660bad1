using System.Globalization;
using Npgsql;

namespace Sparkle.Db.Verification;

/// <summary>
/// V-5: the extensions of phase 001 are installed and pg_stat_statements is usable with the plan's settings.
/// </summary>
/// <remarks>
/// The settings are server-level (<see href="https://www.postgresql.org/docs/current/pgstatstatements.html"/>):
/// <c>shared_preload_libraries</c> and <c>pg_stat_statements.max</c> need a restart, so a migration cannot fix
/// them; this check says what the server is missing.
/// </remarks>
internal sealed class ExtensionsCheck : ICheck
{
    private static readonly string[] Required = ["pg_trgm", "pgcrypto", "pg_stat_statements", "btree_gin", "pgstattuple"];

    public string Name => "extensions";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var installed = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT extname::text FROM pg_extension WHERE extname = ANY ($1)", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = Required });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                installed.Add(reader.GetString(0));
            }
        }

        var missing = Required.Except(installed, StringComparer.Ordinal).ToArray();
        var preload = await SettingAsync(connection, "shared_preload_libraries", cancellationToken) ?? "";
        var track = await SettingAsync(connection, "pg_stat_statements.track", cancellationToken);
        var max = await SettingAsync(connection, "pg_stat_statements.max", cancellationToken);
        var readable = await ReadsStatementsAsync(connection, cancellationToken);
        var preloaded = preload.Split(',').Select(s => s.Trim().Trim('"')).Contains("pg_stat_statements", StringComparer.Ordinal);

        return
        [
            new CheckResult($"{Name}.installed", missing.Length == 0, string.Join(", ", Required),
                missing.Length == 0 ? "all installed" : "missing: " + string.Join(", ", missing),
                missing.Length == 0 ? null : "Run 'sparkle-db migrate' as a role allowed to create them (pg_stat_statements and pgstattuple need a superuser)."),
            new CheckResult($"{Name}.pg_stat_statements", preloaded && readable && track == "all" && max == "10000",
                "preloaded, readable, track = all, max = 10000",
                string.Create(CultureInfo.InvariantCulture, $"shared_preload_libraries = '{preload}', readable = {readable}, track = {track ?? "unset"}, max = {max ?? "unset"}"),
                "Append pg_stat_statements to shared_preload_libraries (keep the existing entries), set pg_stat_statements.track = all and .max = 10000, then restart the server."),
        ];
    }

    private static async Task<string?> SettingAsync(NpgsqlConnection connection, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT current_setting($1, true)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    // Creating the extension succeeds without the preload; only reads fail, with SQLSTATE 55000.
    private static async Task<bool> ReadsStatementsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT 1 FROM pg_stat_statements LIMIT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.ObjectNotInPrerequisiteState or PostgresErrorCodes.UndefinedTable)
        {
            return false;
        }
    }
}
