using Npgsql;
using Sparkle.Db.Migrations;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Migrations;

/// <summary>
/// Progress of long migration statements, read from a second session: an index build (pg_stat_progress_create_index)
/// and 007's online conversion (the partitioned copy against the table). Each test holds the statement at a known
/// point with a lock of its own, observes the report PostgreSQL's state implies, then lets the statement finish.
/// </summary>
public sealed class StatementProgressTests(MigratedDatabaseFixture migrated) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task A_concurrent_index_build_held_by_a_writer_reports_the_index_its_table_and_the_waiting_phase()
    {
        var target = await migrated.Server.CreateDatabaseAsync(migrated: false, "progress");
        try
        {
            await using (var setup = new NpgsqlConnection(target.ConnectionString))
            {
                await setup.OpenAsync();
                await setup.ExecuteAsync("CREATE TABLE progress_probe (id int PRIMARY KEY, note text)");
                await setup.ExecuteAsync("INSERT INTO progress_probe SELECT g, 'note ' || g FROM generate_series(1, 5000) g");
            }

            // A writer's open transaction: CREATE INDEX CONCURRENTLY waits for it before it builds.
            await using var writer = new NpgsqlConnection(target.ConnectionString);
            await writer.OpenAsync();
            await using var transaction = await writer.BeginTransactionAsync();
            await writer.ExecuteAsync("UPDATE progress_probe SET note = note WHERE id = 1");

            var progress = new ProgressCollector();
            var catalog = MigrationCatalog.FromFiles([("001_probe_index.sql", "-- sparkle-db:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS progress_probe_note ON progress_probe (note);")]);
            var options = new MigrationRunnerOptions { LockTimeout = TimeSpan.FromMinutes(5), Progress = progress, ProgressDelay = TimeSpan.FromMilliseconds(100) };
            var migrating = new MigrationRunner(target, catalog, options).MigrateAsync();

            var waiting = await progress.WaitForAsync(p => p.Phase == "waiting for writers before build", "in the phase 'waiting for writers before build'");
            Assert.Equal(StatementProgress.IndexBuild, waiting.Kind);
            Assert.Equal("progress_probe_note", waiting.Subject);
            Assert.Equal("progress_probe", waiting.Table);
            Assert.False(migrating.IsCompleted);

            await transaction.CommitAsync();
            var result = await migrating;

            Assert.Single(result.Applied);
            await using var check = new NpgsqlConnection(target.ConnectionString);
            await check.OpenAsync();
            Assert.True(await check.ScalarAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'progress_probe_note'::regclass"));
        }
        finally
        {
            await migrated.Server.DropDatabaseAsync(target);
        }
    }

    [Fact]
    public async Task The_online_conversion_held_mid_copy_reports_part_of_the_table_copied()
    {
        await using var setup = await migrated.OpenAsync();
        await setup.ExecuteAsync("""CREATE TABLE conversion_probe (id text PRIMARY KEY, "createdAt" timestamp(3) NOT NULL, note text)""");
        await setup.ExecuteAsync("""
            INSERT INTO conversion_probe
            SELECT 'r' || lpad(g::text, 5, '0'), timestamp '2026-09-01' + g * interval '1 hour', repeat('x', 200)
              FROM generate_series(1, 3000) g
            """);

        // A row lock in the middle: the copy (batches of 100 rows in id order, each locking its rows FOR SHARE) stops there.
        await using var holder = new NpgsqlConnection(migrated.ConnectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("SELECT 1 FROM conversion_probe WHERE id = 'r02000' FOR UPDATE");

        const string call = "CALL sparkle_db.convert_to_partitioned('conversion_probe', 'createdAt', 100)";
        await using var converter = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(migrated.ConnectionString) { CommandTimeout = 0 }.ConnectionString);
        await converter.OpenAsync();
        var progress = new ProgressCollector();
        await using var converting = new NpgsqlCommand(call, converter);
        var running = converting.ExecuteNonQueryAsync();
        var watch = ProgressWatch.Start(migrated.Target, converter.ProcessID, call, progress, TimeSpan.Zero);
        try
        {
            var midway = await progress.WaitForAsync(p => p.Phase == "copying rows" && p.Done > 0 && p.Done < p.Total, "of a copy under way");
            Assert.False(running.IsCompleted);
            Assert.Equal(StatementProgress.Conversion, midway.Kind);
            Assert.Equal("conversion_probe", midway.Subject);
            // The table's own size is the total (an independent read of the same figure).
            Assert.Equal(await setup.ScalarAsync<long>("SELECT pg_relation_size('conversion_probe')"), midway.Total);
        }
        finally
        {
            await transaction.CommitAsync();
            await running;
            await watch.DisposeAsync();
        }

        Assert.Equal("p", await setup.ScalarAsync<string>("SELECT relkind::text FROM pg_class WHERE oid = 'conversion_probe'::regclass"));
        Assert.Equal(3000, await setup.ScalarAsync<long>("SELECT count(*) FROM conversion_probe"));
        await setup.ExecuteAsync("DROP TABLE conversion_probe");
    }
}
