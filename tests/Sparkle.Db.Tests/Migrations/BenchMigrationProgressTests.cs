using Npgsql;
using Sparkle.Db.Benchmarks;
using Sparkle.Db.Migrations;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Migrations;

/// <summary>
/// The bench's migration step (phases applied to the populated copy) reports its index builds as migrate and up do:
/// the build is held at a known point by a writer's open transaction, and the report PostgreSQL's state implies arrives
/// through the progress the bench was given (BenchOptions.MigrationProgress).
/// </summary>
public sealed class BenchMigrationProgressTests(EmptyDatabaseFixture db) : IClassFixture<EmptyDatabaseFixture>
{
    [Fact]
    public async Task The_bench_migration_step_reports_a_concurrent_index_build_from_a_second_session()
    {
        await using (var setup = await db.OpenAsync())
        {
            await setup.ExecuteAsync("CREATE TABLE bench_progress_probe (id int PRIMARY KEY, note text)");
            await setup.ExecuteAsync("INSERT INTO bench_progress_probe SELECT g, 'note ' || g FROM generate_series(1, 5000) g");
        }

        await using var writer = await db.OpenAsync();
        await using var transaction = await writer.BeginTransactionAsync();
        await writer.ExecuteAsync("UPDATE bench_progress_probe SET note = note WHERE id = 1");

        var progress = new ProgressCollector();
        var catalog = MigrationCatalog.FromFiles([("001_bench_probe_index.sql",
            "-- sparkle-db:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS bench_progress_probe_note ON bench_progress_probe (note);")]);
        var migrating = BenchRunner.ApplyMigrationsAsync(db.Target, catalog, progress, CancellationToken.None);

        var waiting = await progress.WaitForAsync(p => p.Phase == "waiting for writers before build", "in the phase 'waiting for writers before build'");
        Assert.Equal((StatementProgress.IndexBuild, "bench_progress_probe_note", "bench_progress_probe"), (waiting.Kind, waiting.Subject, waiting.Table));
        Assert.False(migrating.IsCompleted);

        await transaction.CommitAsync();
        Assert.Single((await migrating).Applied);
        await using var check = await db.OpenAsync();
        Assert.True(await check.ScalarAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'bench_progress_probe_note'::regclass"));
    }
}
