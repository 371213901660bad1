using Npgsql;

namespace Sparkle.Db.Verification;

/// <summary>
/// R6: timestamp(3) columns hold UTC wall-clock values. Passes when the session time zone (from the database or
/// role setting, else the server) is UTC; otherwise it passes only if no function of public writes bare
/// now()/CURRENT_TIMESTAMP, and reports the columns whose CURRENT_TIMESTAMP default then stores local time.
/// </summary>
internal sealed class TimeZoneCheck : ICheck
{
    public string Name => "timezone.utc";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT current_setting('TimeZone'),
                   (SELECT count(*)::int FROM pg_proc p
                     WHERE p.pronamespace = 'public'::regnamespace AND p.prolang IN (SELECT oid FROM pg_language WHERE lanname IN ('plpgsql', 'sql'))
                       AND p.prosrc ~* '(now\(\)|current_timestamp|localtimestamp)(?!\s*\)?\s*at\s+time\s+zone)'),
                   (SELECT count(*)::int FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
                     WHERE c.relnamespace = 'public'::regnamespace AND a.atttypid = 'timestamp'::regtype
                       AND pg_get_expr(d.adbin, d.adrelid) ~* 'CURRENT_TIMESTAMP|now\(\)')
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var zone = reader.GetString(0);
        var bareNow = reader.GetInt32(1);
        var defaults = reader.GetInt32(2);
        var utc = zone is "UTC" or "Etc/UTC" or "Etc/UCT" or "UCT" or "GMT" or "Etc/GMT" or "Zulu" or "Etc/Zulu";
        var found = utc
            ? $"TimeZone = {zone}"
            : $"TimeZone = {zone}; {bareNow} functions use now()/CURRENT_TIMESTAMP without AT TIME ZONE; {defaults} timestamp columns default to CURRENT_TIMESTAMP (stored in {zone})";
        return
        [
            new CheckResult(Name, utc || bareNow == 0, "session TimeZone UTC, or database code that writes UTC explicitly", found,
                utc ? null : $"ALTER DATABASE {connection.Database} SET timezone = 'UTC' (Prisma sends UTC values itself, but column defaults and database code use the session zone)."),
        ];
    }
}
