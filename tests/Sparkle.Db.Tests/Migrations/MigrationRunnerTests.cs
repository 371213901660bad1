using Npgsql;
using Sparkle.Db.Connections;
using Sparkle.Db.Migrations;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Migrations;

public sealed class MigrationRunnerTests(EmptyDatabaseFixture fixture) : IClassFixture<EmptyDatabaseFixture>
{
    private static MigrationCatalog Catalog(params (string Path, string Content)[] files) => MigrationCatalog.FromFiles(files);

    private static readonly MigrationRunnerOptions Fast = new()
    {
        LockTimeout = TimeSpan.FromMilliseconds(300),
        MaxRetries = 2,
        RetryBackoff = TimeSpan.FromMilliseconds(50),
        LockWait = TimeSpan.FromSeconds(20),
    };

    private async Task<DatabaseTarget> FreshDatabaseAsync() => await fixture.Server.CreateDatabaseAsync(migrated: false, "runner");

    private static async Task<NpgsqlConnection> OpenAsync(DatabaseTarget target)
    {
        var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    [Fact]
    public async Task Applies_pending_migrations_once_and_a_second_run_applies_nothing()
    {
        var target = await FreshDatabaseAsync();
        var catalog = Catalog(
            ("001_first.sql", "CREATE TABLE a (id int PRIMARY KEY);"),
            ("002_second/01_b.sql", "CREATE TABLE b (id int);"),
            ("002_second/02_c.sql", "CREATE TABLE c (id int);"));

        var first = await new MigrationRunner(target, catalog, Fast).MigrateAsync();
        var second = await new MigrationRunner(target, catalog, Fast).MigrateAsync();

        Assert.Equal([1, 2], first.Applied.Select(a => a.Version));
        Assert.Empty(second.Applied);
        await using var connection = await OpenAsync(target);
        Assert.Equal(2L, await connection.ScalarAsync<long>("SELECT count(*) FROM sparkle_db.schema_migrations"));
        Assert.Equal("transactional", await connection.ScalarAsync<string>("SELECT mode FROM sparkle_db.schema_migrations WHERE version = 2"));
        Assert.Equal(3L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename IN ('a','b','c')"));
    }

    [Fact]
    public async Task A_failing_transactional_file_leaves_nothing_behind_and_no_journal_row()
    {
        var target = await FreshDatabaseAsync();
        var catalog = Catalog(
            ("001_ok.sql", "CREATE TABLE ok (id int);"),
            ("002_bad.sql", "CREATE TABLE half (id int);\nINSERT INTO half VALUES (1);\n\nSELECT no_such_column FROM half;"));

        var error = await Assert.ThrowsAsync<MigrationException>(() => new MigrationRunner(target, catalog, Fast).MigrateAsync());

        Assert.Equal("42703", error.SqlState);
        Assert.Equal("002_bad.sql", error.File);
        Assert.Equal(3, error.StatementNumber);
        Assert.Equal(4, error.Line);
        await using var connection = await OpenAsync(target);
        Assert.Null(await connection.ScalarAsync<string>("SELECT to_regclass('half')::text"));
        Assert.Equal([1], await connection.ColumnAsync<int>("SELECT version FROM sparkle_db.schema_migrations"));
    }

    [Fact]
    public async Task A_changed_applied_file_stops_the_run_and_names_the_file()
    {
        var target = await FreshDatabaseAsync();
        await new MigrationRunner(target, Catalog(("001_a/01_x.sql", "CREATE TABLE x (id int);"), ("001_a/02_y.sql", "CREATE TABLE y (id int);")), Fast).MigrateAsync();
        var changed = Catalog(
            ("001_a/01_x.sql", "CREATE TABLE x (id int);"),
            ("001_a/02_y.sql", "CREATE TABLE y (id bigint);"),
            ("002_b.sql", "CREATE TABLE z (id int);"));

        var error = await Assert.ThrowsAsync<ChangedMigrationException>(() => new MigrationRunner(target, changed, Fast).MigrateAsync());

        Assert.Contains("001_a/02_y.sql", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("01_x.sql", error.Message, StringComparison.Ordinal);
        Assert.Contains("sparkle-db repair", error.Hint, StringComparison.Ordinal);
        await using var connection = await OpenAsync(target);
        Assert.Null(await connection.ScalarAsync<string>("SELECT to_regclass('z')::text"));
    }

    [Fact]
    public async Task Repair_shows_the_changed_statement_of_the_changed_file_records_the_new_checksum_and_runs_no_sql()
    {
        var target = await FreshDatabaseAsync();
        await new MigrationRunner(target, Catalog(("001_a/01_x.sql", "CREATE TABLE x (id int);"), ("001_a/02_y.sql", "CREATE TABLE y (id int);\nCREATE TABLE w (id int);")), Fast).MigrateAsync();
        var changed = Catalog(
            ("001_a/01_x.sql", "CREATE TABLE x (id int);"),
            ("001_a/02_y.sql", "CREATE TABLE y (id bigint);\n\nCREATE   TABLE w (id int);"),
            ("002_b.sql", "CREATE TABLE z (id int);"));
        var runner = new MigrationRunner(target, changed, Fast);

        var difference = Assert.Single(await runner.DifferencesAsync());
        var repaired = Assert.Single(await runner.RepairAsync());
        var applied = await runner.MigrateAsync();

        var file = Assert.Single(difference.Files);
        Assert.Equal("001_a/02_y.sql", file.Path);
        Assert.True(file.RecordedTextAvailable);
        // Reformatting w is not a change; y's type is.
        Assert.Equal([(false, "CREATE TABLE y (id int)"), (true, "CREATE TABLE y (id bigint)")], file.Statements.Select(c => (c.Added, c.Text.Trim())));
        Assert.Equal(changed.Migrations[0].Checksum, repaired.CurrentChecksum);
        Assert.Equal([2], applied.Applied.Select(a => a.Version));
        await using var connection = await OpenAsync(target);
        // Repair ran none of the migration's SQL: y keeps the type the applied text gave it.
        Assert.Equal("integer", await connection.ScalarAsync<string>("SELECT data_type FROM information_schema.columns WHERE table_name = 'y' AND column_name = 'id'"));
        Assert.Equal(changed.Migrations[0].Checksum, await connection.ScalarAsync<string>("SELECT checksum FROM sparkle_db.schema_migrations WHERE version = 1"));
    }

    [Fact]
    public async Task Line_ending_changes_do_not_count_as_a_change()
    {
        var target = await FreshDatabaseAsync();
        await new MigrationRunner(target, Catalog(("001_a.sql", "CREATE TABLE le (id int);\nSELECT 1;\n")), Fast).MigrateAsync();

        var status = await new MigrationRunner(target, Catalog(("001_a.sql", "\uFEFFCREATE TABLE le (id int);\r\nSELECT 1;\r\n")), Fast).StatusAsync();

        Assert.Equal(MigrationState.Applied, Assert.Single(status).State);
    }

    [Fact]
    public async Task Non_transactional_files_run_concurrent_index_builds_in_autocommit()
    {
        var target = await FreshDatabaseAsync();
        var catalog = Catalog(
            ("001_t.sql", "CREATE TABLE t (id int, v text);"),
            ("002_i.sql", "-- sparkle-db:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_v_idx ON t (v);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_id_idx ON t (id);"));

        await new MigrationRunner(target, catalog, Fast).MigrateAsync();

        await using var connection = await OpenAsync(target);
        Assert.Equal(2L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname IN ('t_v_idx','t_id_idx') AND i.indisvalid"));
        Assert.Equal("non-transactional", await connection.ScalarAsync<string>("SELECT mode FROM sparkle_db.schema_migrations WHERE version = 2"));
    }

    [Fact]
    public async Task An_index_left_invalid_by_a_failed_unique_build_is_rebuilt_on_the_next_run()
    {
        var target = await FreshDatabaseAsync();
        var catalog = Catalog(
            ("001_t.sql", "CREATE TABLE dup (v int);"),
            ("002_i.sql", "-- sparkle-db:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS dup_v_key ON dup (v);"));
        await using var connection = await OpenAsync(target);
        await new MigrationRunner(target, Catalog(catalog.Migrations[0].Scripts.Select(s => (s.Path, s.Content)).ToArray()), Fast).MigrateAsync();
        await connection.ExecuteAsync("INSERT INTO dup VALUES (1), (1)");

        var failure = await Assert.ThrowsAsync<MigrationException>(() => new MigrationRunner(target, catalog, Fast).MigrateAsync());
        Assert.Equal("23505", failure.SqlState);
        Assert.False(await connection.ScalarAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'dup_v_key'::regclass"));

        await connection.ExecuteAsync("DELETE FROM dup WHERE ctid = (SELECT max(ctid) FROM dup)");
        var healed = await new MigrationRunner(target, catalog, Fast).MigrateAsync();

        Assert.True(await connection.ScalarAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'dup_v_key'::regclass"));
        Assert.Equal([2], healed.Applied.Select(a => a.Version));
    }

    [Fact]
    public async Task An_applied_migrations_index_made_invalid_later_is_healed_by_the_next_run()
    {
        var target = await FreshDatabaseAsync();
        var catalog = Catalog(
            ("001_t.sql", "CREATE TABLE heal (v int);"),
            ("002_i.sql", "-- sparkle-db:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS heal_v_idx ON heal (v);"));
        await new MigrationRunner(target, catalog, Fast).MigrateAsync();
        await using var connection = await OpenAsync(target);
        // What an interrupted build leaves behind: the catalog row with indisvalid = false.
        await connection.ExecuteAsync("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'heal_v_idx'::regclass");

        var result = await new MigrationRunner(target, catalog, Fast).MigrateAsync();

        Assert.Equal(["heal_v_idx"], result.HealedIndexes);
        Assert.True(await connection.ScalarAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'heal_v_idx'::regclass"));
    }

    [Fact]
    public async Task Two_runners_at_once_never_interleave_and_the_second_finds_nothing_to_do()
    {
        var target = await FreshDatabaseAsync();
        var catalog = Catalog(
            ("001_slow.sql", "CREATE TABLE slow (id int); SELECT pg_sleep(1.5);"),
            ("002_next.sql", "CREATE TABLE next_one (id int);"));

        var runs = await Task.WhenAll(
            new MigrationRunner(target, catalog, Fast).MigrateAsync(),
            Task.Delay(200).ContinueWith(_ => new MigrationRunner(target, catalog, Fast).MigrateAsync()).Unwrap());

        Assert.Equal(2, runs.Sum(r => r.Applied.Count));
        Assert.Contains(runs, r => r.Applied.Count == 0);
    }

    [Fact]
    public async Task A_second_runner_gives_up_after_its_bounded_wait_and_changes_nothing()
    {
        var target = await FreshDatabaseAsync();
        await using var holder = await AdvisoryLock.AcquireAsync(target, AdvisoryLock.MigrationKey, "test", TimeSpan.FromSeconds(5), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, default);

        var error = await Assert.ThrowsAsync<LockHeldException>(() =>
            new MigrationRunner(target, Catalog(("001_a.sql", "CREATE TABLE never (id int);")), Fast with { LockWait = TimeSpan.FromSeconds(1) }).MigrateAsync());

        Assert.Contains("pid", error.Message, StringComparison.Ordinal);
        await using var connection = await OpenAsync(target);
        Assert.Null(await connection.ScalarAsync<string>("SELECT to_regclass('never')::text"));
    }

    [Fact]
    public async Task Ddl_blocked_by_a_lock_holder_times_out_retries_and_names_the_blocker()
    {
        var target = await FreshDatabaseAsync();
        await new MigrationRunner(target, Catalog(("001_t.sql", "CREATE TABLE busy (id int);")), Fast).MigrateAsync();
        await using var blocker = await OpenAsync(target);
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("SELECT count(*) FROM busy /* holding a lock */", blocker, transaction))
        {
            await hold.ExecuteScalarAsync();
        }

        var catalog = Catalog(("001_t.sql", "CREATE TABLE busy (id int);"), ("002_alter.sql", "ALTER TABLE busy ADD COLUMN v text;"));
        // A lock timeout shorter than the blocker watch's first sample (100 ms): the blocker must be named from the
        // locks still held after the timeout, not from a sample a busy machine can miss (the cause of this test's flakiness).
        var error = await Assert.ThrowsAsync<MigrationException>(() => new MigrationRunner(target, catalog, Fast with { LockTimeout = TimeSpan.FromMilliseconds(20) }).MigrateAsync());

        Assert.Equal("55P03", error.SqlState);
        Assert.Contains($"pid {blocker.ProcessID}", error.Message, StringComparison.Ordinal);
        Assert.Contains("holding a lock", error.Message, StringComparison.Ordinal);
        Assert.Contains("AccessShareLock on busy", error.Message, StringComparison.Ordinal);
        await transaction.RollbackAsync();
        await new MigrationRunner(target, catalog, Fast).MigrateAsync();
    }

    [Fact]
    public async Task Rollback_runs_down_scripts_newest_first_and_refuses_when_one_is_missing()
    {
        var target = await FreshDatabaseAsync();
        var catalog = Catalog(
            ("001_a.sql", "CREATE TABLE ra (id int);"),
            ("002_b.sql", "CREATE TABLE rb (id int);"),
            ("002_b.down.sql", "DROP TABLE rb;"),
            ("003_c.sql", "CREATE TABLE rc (id int);"),
            ("003_c.down.sql", "DROP TABLE rc;"));
        var runner = new MigrationRunner(target, catalog, Fast);
        await runner.MigrateAsync();

        var refused = await Assert.ThrowsAsync<SparkleDbException>(() => runner.RollbackToAsync(0));
        Assert.Contains("001_a", refused.Message, StringComparison.Ordinal);
        await using var connection = await OpenAsync(target);
        Assert.Equal(3L, await connection.ScalarAsync<long>("SELECT count(*) FROM sparkle_db.schema_migrations"));

        var undone = await runner.RollbackToAsync(1);

        Assert.Equal([3, 2], undone.Select(u => u.Version));
        Assert.Equal([1], await connection.ColumnAsync<int>("SELECT version FROM sparkle_db.schema_migrations"));
        Assert.Null(await connection.ScalarAsync<string>("SELECT to_regclass('rb')::text"));
        Assert.Equal(2, (await runner.MigrateAsync()).Applied.Count);
    }

    [Fact]
    public async Task Expand_statements_build_indexes_on_each_partition_and_attach_them()
    {
        var target = await FreshDatabaseAsync();
        var catalog = Catalog(
            ("001_p.sql", "CREATE TABLE ev (id int, at date) PARTITION BY RANGE (at);\nCREATE TABLE ev_2026 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');\nCREATE TABLE ev_default PARTITION OF ev DEFAULT;\nCREATE TABLE plain (id int);"),
            ("002_i.sql", "-- sparkle-db:no-transaction\n-- sparkle-db:expand\nSELECT sparkle_db.index_build_statements('ev_at_idx', 'ev', 'USING btree (at)');\n-- sparkle-db:expand\nSELECT sparkle_db.index_build_statements('plain_id_idx', 'plain', 'USING btree (id)');"));

        await new MigrationRunner(target, catalog, Fast).MigrateAsync();

        await using var connection = await OpenAsync(target);
        Assert.True(await connection.ScalarAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ev_at_idx'::regclass"));
        Assert.Equal(2L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_inherits WHERE inhparent = 'ev_at_idx'::regclass"));
        Assert.True(await connection.ScalarAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'plain_id_idx'::regclass"));
    }

    [Fact]
    public async Task A_missing_extension_names_the_file_the_statement_and_the_fix()
    {
        var target = await FreshDatabaseAsync();
        var catalog = Catalog(("001_ext.sql", "CREATE TABLE before_ext (id int);\nCREATE EXTENSION IF NOT EXISTS no_such_extension;"));

        var error = await Assert.ThrowsAsync<MigrationException>(() => new MigrationRunner(target, catalog, Fast).MigrateAsync());

        Assert.Equal("0A000", error.SqlState);
        Assert.Equal((2, 2), (error.StatementNumber, error.Line));
        Assert.Contains("must first be installed", error.Message, StringComparison.Ordinal);
        await using var connection = await OpenAsync(target);
        Assert.Null(await connection.ScalarAsync<string>("SELECT to_regclass('before_ext')::text"));
    }
}
