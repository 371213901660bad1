using Npgsql;

namespace Sparkle.Db.Verification;

/// <summary>
/// V-5: the extensions of phase 001, pg_stat_statements preloaded and readable, and its track/max settings.
/// </summary>
/// <remarks><see href="https://www.postgresql.org/docs/current/pgstatstatements.html"/></remarks>
internal sealed class StatStatementsCheck : ICheck
{
    private const string ServerHint =
        "These are server settings: add them to postgresql.conf (or the managed service's parameter group), or ALTER SYSTEM SET … outside a transaction as a superuser, then restart the server.";

    public string Name => "pg_stat_statements";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>();
        var extensions = await ScalarAsync(connection,
            "SELECT coalesce(string_agg(extname || ' ' || extversion, ', ' ORDER BY extname), '') FROM pg_extension WHERE extname IN ('pg_stat_statements', 'pg_trgm', 'pgcrypto')",
            cancellationToken);
        results.Add(new CheckResult($"{Name}.extensions", extensions.Split(", ").Length == 3, "pg_stat_statements, pg_trgm, pgcrypto installed",
            extensions.Length == 0 ? "none" : extensions, "Apply phase 001 ('sparkle-db migrate')."));

        var preload = await ScalarAsync(connection, "SELECT current_setting('shared_preload_libraries')", cancellationToken);
        var preloaded = preload.Split(',').Any(l => l.Trim().Trim('"') == "pg_stat_statements");
        results.Add(new CheckResult($"{Name}.preloaded", preloaded, "shared_preload_libraries contains pg_stat_statements", $"'{preload}'",
            preloaded ? null : "Append pg_stat_statements to shared_preload_libraries (keep the existing entries). " + ServerHint));

        string readable;
        var canRead = false;
        try
        {
            readable = await ScalarAsync(connection, "SELECT count(*)::text || ' statements' FROM pg_stat_statements", cancellationToken);
            canRead = true;
        }
        catch (PostgresException ex)
        {
            readable = $"{ex.MessageText} (SQLSTATE {ex.SqlState})";
        }

        results.Add(new CheckResult($"{Name}.readable", canRead, "SELECT from pg_stat_statements succeeds", readable,
            canRead ? null : "Create the extension (phase 001) and preload the library."));

        var track = await ScalarAsync(connection, "SELECT coalesce(current_setting('pg_stat_statements.track', true), '(not loaded)')", cancellationToken);
        results.Add(new CheckResult($"{Name}.track", track == "all", "pg_stat_statements.track = all (statements inside functions too)", track,
            track == "all" ? null : "pg_stat_statements.track = all. " + ServerHint));

        var max = await ScalarAsync(connection, "SELECT coalesce(current_setting('pg_stat_statements.max', true), '(not loaded)')", cancellationToken);
        results.Add(new CheckResult($"{Name}.max", max == "10000", "pg_stat_statements.max = 10000", max,
            max == "10000" ? null : "pg_stat_statements.max = 10000. " + ServerHint));
        return results;
    }

    private static async Task<string> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
