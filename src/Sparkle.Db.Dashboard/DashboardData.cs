using System.Diagnostics;
using Npgsql;
using Sparkle.Db.Benchmarks;
using Sparkle.Db.Connections;
using Sparkle.Db.Maintenance;
using Sparkle.Db.Migrations;
using Sparkle.Db.Monitoring;
using Sparkle.Db.Verification;

namespace Sparkle.Db.Dashboard;

/// <summary>
/// The dashboard's reads, all through the library (the same reads as `monitor`, the maintenance journal of
/// <see cref="MaintenanceRunner"/>, verify's counter checks), cached briefly so that the page's section requests share
/// one read of the database.
/// </summary>
internal sealed class DashboardData
{
    private readonly DashboardOptions _options;
    private readonly CachedRead<Snapshot> _snapshot;
    private readonly CachedRead<CounterReading> _counters;

    public DashboardData(DatabaseTarget target, DashboardOptions options, BenchReport? bench, string? benchSource, CancellationToken stopping)
    {
        // The dashboard's own sessions say who they are, so that nobody mistakes them for the application's. Its reads
        // never queue behind a lock for long (the reads avoid the locks they can; this is the net for a race) and never
        // run away; the actions (maintenance) run without those limits.
        var actions = new NpgsqlConnectionStringBuilder(target.ConnectionString) { ApplicationName = "sparkle-db dashboard" };
        Target = DatabaseTarget.FromConnectionString(actions.ConnectionString);
        var reads = new NpgsqlConnectionStringBuilder(actions.ConnectionString) { Options = "-c lock_timeout=2s -c statement_timeout=60s" };
        ReadTarget = DatabaseTarget.FromConnectionString(reads.ConnectionString);
        _options = options;
        Bench = bench;
        BenchSource = benchSource;
        Verdicts = bench is null ? new Dictionary<string, IndexVerdict>() : BenchVerdicts.For(bench);
        _snapshot = new CachedRead<Snapshot>(ReadSnapshotAsync, options.CacheFor, stopping);
        _counters = new CachedRead<CounterReading>(ReadCountersAsync, options.CountersCacheFor, stopping);
        CounterChecks = Verifier.Default(MigrationCatalog.Embedded()).Checks
            .Where(c => c.Name.StartsWith("counter", StringComparison.Ordinal)).ToArray();
    }

    /// <summary>The database, for the actions.</summary>
    public DatabaseTarget Target { get; }

    /// <summary>The database with a lock timeout and a statement timeout, for the reads.</summary>
    public DatabaseTarget ReadTarget { get; }

    public BenchReport? Bench { get; }

    public string? BenchSource { get; }

    public IReadOnlyDictionary<string, IndexVerdict> Verdicts { get; }

    /// <summary>verify's counter checks (named counter…; their results counters.…); empty until such a check exists.</summary>
    public IReadOnlyList<ICheck> CounterChecks { get; }

    public MonitorThresholds Thresholds => _options.Thresholds;

    public Task<Snapshot> SnapshotAsync(bool fresh = false) => _snapshot.GetAsync(fresh);

    public Task<CounterReading> CountersAsync(bool fresh = false) => _counters.GetAsync(fresh);

    private async Task<Snapshot> ReadSnapshotAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var t = _options.Thresholds;
        await using var connection = await ConnectionFailures.OpenAsync(ReadTarget, cancellationToken);
        var report = await DatabaseMonitor.ReadAsync(connection, t, cancellationToken);
        var facts = await DatabaseMonitor.FactsAsync(connection, cancellationToken);
        var tables = await DatabaseMonitor.TableSizesAsync(connection, t.Top, cancellationToken);
        var indexes = await DatabaseMonitor.IndexSizesAsync(connection, t.Top, cancellationToken);
        var partitions = await DatabaseMonitor.PartitionsAsync(connection, null, cancellationToken);
        var replication = await DatabaseMonitor.ReplicationAsync(connection, cancellationToken);
        var locks = await DatabaseMonitor.LockSessionsAsync(connection, t.Top, cancellationToken);
        var transactions = await DatabaseMonitor.LongTransactionsAsync(connection, t.LongRunningSeconds, t.Top, cancellationToken);
        var groups = await DatabaseMonitor.ConnectionGroupsAsync(connection, cancellationToken);
        IReadOnlyList<(long, DateTimeOffset, long, string)> runs = [];
        string? note = null;
        try
        {
            runs = await MaintenanceRunner.HistoryAsync(connection, 20, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            note = "Maintenance has never run on this database (its journal, sparkle_db.maintenance_runs, does not exist yet).";
        }

        return new Snapshot(report, facts, tables, indexes, partitions, replication, locks, transactions, groups, runs, note, clock.Elapsed.TotalSeconds);
    }

    private async Task<CounterReading> ReadCountersAsync(CancellationToken cancellationToken)
    {
        if (CounterChecks.Count == 0)
        {
            return new CounterReading(DateTimeOffset.UtcNow, null);
        }

        await using var connection = await ConnectionFailures.OpenAsync(ReadTarget, cancellationToken);
        var report = await new Verifier(CounterChecks).RunAsync(connection, cancellationToken);
        return new CounterReading(DateTimeOffset.UtcNow, report.Results.Where(r => r.Name.StartsWith("counters.", StringComparison.Ordinal) || r.Name == "counters").ToArray());
    }
}
