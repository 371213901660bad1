using System.Diagnostics;
using Npgsql;
using Sparkle.Db.Connections;
using Sparkle.Db.Migrations;

namespace Sparkle.Db.Benchmarks;

public sealed partial class BenchRunner
{
    /// <summary>
    /// Applies migrations 001… one at a time to the populated copy while two writers insert rows (posts, a plain
    /// table every index phase touches; notifications, a table phase 007 may rebuild), and records each phase's
    /// duration and the longest insert each writer saw during it.
    /// </summary>
    private async Task<MigrationResult> MigratePopulatedAsync(MigrationCatalog catalog, CancellationToken cancellationToken)
    {
        var users = new List<string>();
        await using (var connection = new NpgsqlConnection(Plan.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT id FROM users ORDER BY id LIMIT 100", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                users.Add(reader.GetString(0));
            }
        }

        // Writer rows stay out of the hot queries' way: unpublished drafts, read and dismissed notifications.
        WriterProbe[] writers =
        [
            new(Plan.ConnectionString, "posts",
                "INSERT INTO posts (id, slug, title, content, \"authorId\", \"updatedAt\") VALUES ($1, $1, 'writer probe', '{}'::jsonb, $2, now() AT TIME ZONE 'UTC')", users),
            new(Plan.ConnectionString, "notifications",
                "INSERT INTO notifications (id, type, \"userId\", title, message, read, dismissed, \"updatedAt\") VALUES ($1, 'SYSTEM', $2, 'probe', 'probe', true, true, now() AT TIME ZONE 'UTC')", users),
        ];

        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = writers.Select(w => w.RunAsync(clock, stop.Token)).ToArray();
        var phases = new List<(string Phase, long From, long To)>();
        var timings = new List<PhaseTiming>();
        try
        {
            await Task.Delay(500, cancellationToken);
            foreach (var migration in catalog.Migrations.Where(m => m.Version > 0))
            {
                Say($"plan: applying {migration.DisplayName} to the populated database");
                var from = clock.ElapsedTicks;
                await ApplyMigrationsAsync(Plan, UpTo(migration.Version), options.MigrationProgress, cancellationToken);
                var to = clock.ElapsedTicks;
                phases.Add((migration.DisplayName, from, to));
                timings.Add(new PhaseTiming(migration.Version, migration.Name, Ms(to - from) / 1000,
                    writers.ToDictionary(w => w.Table, w => w.MaxBetween(from, to), StringComparer.Ordinal)));
            }

            await Task.Delay(500, cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(running);
        }

        var conversions = await ConversionsAsync(cancellationToken);
        var converted = conversions.Select(c => c.Table).ToHashSet(StringComparer.Ordinal);
        var partitioning = phases.Where(p => p.Phase.StartsWith("007", StringComparison.Ordinal)).ToArray();
        double? conversionWait = partitioning.Length == 0
            ? null
            : writers.Where(w => converted.Contains(w.Table)).Select(w => partitioning.Max(p => w.MaxBetween(p.From, p.To))).DefaultIfEmpty(0).Max();
        return new MigrationResult(timings, timings.Sum(t => t.Seconds), writers.Select(w => w.Result(phases)).ToArray())
        {
            Conversions = conversions,
            ConversionWriterMaxMs = conversionWait,
        };
    }

    /// <summary>
    /// Applies the catalog's pending migrations as <c>migrate</c> does, its long statements (index builds, the online
    /// conversion) reported to <paramref name="progress"/> from a second session.
    /// </summary>
    internal static Task<MigrationRunResult> ApplyMigrationsAsync(
        DatabaseTarget target, MigrationCatalog catalog, IProgress<StatementProgress>? progress, CancellationToken cancellationToken) =>
        new MigrationRunner(target, catalog, new MigrationRunnerOptions { Progress = progress }).MigrateAsync(false, cancellationToken);

    private async Task<IReadOnlyList<ConversionResult>> ConversionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Plan.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT table_name, row_count, batches, extract(epoch FROM finished_at - started_at)::float8, lock_attempts,
                   write_block_ms::float8, access_exclusive_ms::float8
              FROM sparkle_db.partition_conversions ORDER BY started_at
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ConversionResult>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ConversionResult(reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetDouble(3), reader.GetInt32(4), reader.GetDouble(5), reader.GetDouble(6)));
        }

        return rows;
    }
}
