using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Sparkle.Db.Connections;
using Sparkle.Db.Migrations;
using Sparkle.Db.Seeding;
using Sparkle.Db.Sql;

namespace Sparkle.Db.Benchmarks;

/// <summary>
/// Builds two databases on one server from the same seeded data — "baseline" (migration 000 only: the data
/// model's own indexes) and "plan" (every migration, applied to a copy of the populated baseline while writers
/// insert rows) — and measures hot queries, writes, the migration itself and materialized-view refreshes.
/// </summary>
public sealed partial class BenchRunner(DatabaseTarget server, BenchOptions options, IProgress<string>? log = null)
{
    private readonly Stopwatch _total = Stopwatch.StartNew();

    private DatabaseTarget Baseline => server.WithDatabase(options.DatabasePrefix + "_baseline");

    private DatabaseTarget Plan => server.WithDatabase(options.DatabasePrefix + "_plan");

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var catalog = MigrationCatalog.Embedded();
        await RecreateAsync(Baseline.Database, null, cancellationToken);
        await RecreateAsync(Plan.Database, null, cancellationToken, dropOnly: true);

        Say("baseline: applying migration 000");
        await new MigrationRunner(Baseline, UpTo(0)).MigrateAsync(false, cancellationToken);

        Say($"baseline: seeding scale {options.Scale.ToString(CultureInfo.InvariantCulture)}");
        var seed = await new Seeder(Baseline, new SeedOptions { Scale = options.Scale, Seed = options.Seed, Now = options.Now, FastLoad = true },
            new Progress<SeedProgress>(p => { if (p.Rows > 0 && p.Rows % 500_000 == 0) { Say($"  {p.Table}: {p.Rows:N0} rows"); } }))
            .RunAsync(cancellationToken);
        Say($"baseline: {seed.TotalRows:N0} rows in {seed.Elapsed.TotalSeconds:F1} s ({seed.RowsPerSecond:N0} rows/s)");
        await ExecuteAsync(Baseline, "VACUUM (ANALYZE)", cancellationToken);

        Say("plan: copying the populated baseline");
        NpgsqlConnection.ClearAllPools();
        await RecreateAsync(Plan.Database, Baseline.Database, cancellationToken);

        var loadAtStart = LoadAverage();
        var migration = await MigratePopulatedAsync(catalog, cancellationToken);
        await ExecuteAsync(Plan, "VACUUM (ANALYZE)", cancellationToken);

        var floor = await MeasureFloorAsync(Plan, cancellationToken);
        var queries = await MeasureQueriesAsync(cancellationToken);
        var refreshes = await MeasureRefreshesAsync(cancellationToken);
        var planIndexes = await PlanIndexesAsync(queries, cancellationToken);
        var writes = await MeasureWritesAsync(cancellationToken);
        var appWrites = await MeasureAppWritesAsync(cancellationToken);

        var report = new BenchReport
        {
            GeneratedAtUtc = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            Scale = options.Scale,
            Seed = options.Seed,
            Runs = options.Runs,
            ServerVersion = await ScalarAsync<string>(Plan, "SELECT current_setting('server_version')", cancellationToken),
            ProcessorCount = Environment.ProcessorCount,
            Migrations = catalog.Migrations.Select(m => m.DisplayName).ToArray(),
            SeedRows = seed.Rows,
            SeedSeconds = seed.Elapsed.TotalSeconds,
            SeedRowsPerSecond = seed.RowsPerSecond,
            Floor = floor,
            Queries = queries,
            Writes = writes,
            AppWrites = appWrites,
            Migration = migration,
            Refreshes = refreshes,
            PlanIndexes = planIndexes,
            TableRows = await TableRowsAsync(cancellationToken),
            LoadAverage = $"{loadAtStart} → {LoadAverage()}",
        };
        report.Findings = BenchGoals.Evaluate(report);
        report.TotalSeconds = _total.Elapsed.TotalSeconds;
        if (!options.KeepDatabases)
        {
            NpgsqlConnection.ClearAllPools();
            await RecreateAsync(Plan.Database, null, cancellationToken, dropOnly: true);
            await RecreateAsync(Baseline.Database, null, cancellationToken, dropOnly: true);
        }

        return report;
    }

    /// <summary>The embedded migrations up to and including a version.</summary>
    internal static MigrationCatalog UpTo(int version) =>
        MigrationCatalog.FromFiles(SqlResources.List("migrations/")
            .Select(name => name["migrations/".Length..])
            .Where(path => int.TryParse(path.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v <= version)
            .Select(path => (path, SqlResources.Read("migrations/" + path))));

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private async Task<Dictionary<string, long>> TableRowsAsync(CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(Plan.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname, CASE WHEN c.relkind = 'p'
                                   THEN (SELECT coalesce(sum(greatest(k.reltuples, 0)), 0) FROM pg_partition_tree(c.oid) t JOIN pg_class k ON k.oid = t.relid)
                                   ELSE greatest(c.reltuples, 0) END::bigint
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
            WHERE c.relkind IN ('r', 'p', 'm') AND NOT c.relispartition
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetString(0)] = reader.GetInt64(1);
        }

        return rows;
    }

    private void Say(string message) => log?.Report(string.Create(CultureInfo.InvariantCulture, $"[{_total.Elapsed.TotalSeconds,6:F0} s] {message}"));

    private async Task RecreateAsync(string database, string? template, CancellationToken cancellationToken, bool dropOnly = false)
    {
        await using var connection = await ConnectionFailures.OpenAsync(server.WithDatabase("postgres"), cancellationToken);
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        if (dropOnly)
        {
            return;
        }

        var sql = template is null ? $"CREATE DATABASE \"{database}\"" : $"CREATE DATABASE \"{database}\" TEMPLATE \"{template}\"";
        await using var create = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(DatabaseTarget target, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(DatabaseTarget target, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
