using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Cli;

public sealed class BadInputTests(MigratedDatabaseFixture fixture) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task A_malformed_url_exits_non_zero_with_a_hint_and_no_password()
    {
        var run = await CliRun.RunAsync("status", "--database-url", "postgresql://u:hunter2@host:port/db");

        CliAssert.FailsCleanly(run, 2, "malformed");
        Assert.Contains("hint:", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_is_named_and_explained()
    {
        var run = await CliRun.RunAsync("migrate", "--database-url", "postgresql://u:hunter2@127.0.0.1:1/sparkle");

        CliAssert.FailsCleanly(run, 1, "Cannot reach a PostgreSQL server at 127.0.0.1:1/sparkle");
        Assert.DoesNotContain("hunter2", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_credentials_are_reported_without_the_password()
    {
        var builder = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Passfile = null, Password = "wrong-hunter2" };

        var (code, output, error) = await CliRun.RunAsync("status", "--database-url", builder.ConnectionString);

        Assert.Equal(1, code);
        Assert.Contains("refused the credentials", error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-hunter2", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_database_is_named()
    {
        var builder = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Database = "no_such_db" };

        var (code, _, error) = await CliRun.RunAsync("status", "--database-url", builder.ConnectionString);

        Assert.Equal(1, code);
        Assert.Contains("'no_such_db' does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_and_migrate_on_a_migrated_database_report_nothing_pending()
    {
        var (statusCode, statusOut, _) = await CliRun.RunAsync("status", "--database-url", fixture.ConnectionString);
        var (migrateCode, migrateOut, _) = await CliRun.RunAsync("migrate", "--database-url", fixture.ConnectionString);
        var (dryCode, dryOut, _) = await CliRun.RunAsync("migrate", "--dry-run", "--database-url", fixture.ConnectionString);

        Assert.Equal((0, 0, 0), (statusCode, migrateCode, dryCode));
        Assert.Contains("Up to date.", statusOut, StringComparison.Ordinal);
        Assert.Contains("Nothing to apply", migrateOut, StringComparison.Ordinal);
        Assert.Contains("Nothing to apply", dryOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_on_an_empty_database_lists_every_migration_and_changes_nothing()
    {
        var empty = await fixture.Server.CreateDatabaseAsync(migrated: false, "dry");

        var (code, output, _) = await CliRun.RunAsync("migrate", "--dry-run", "--database-url", empty.ConnectionString);

        Assert.Equal(0, code);
        Assert.Contains("Would apply", output, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(empty.ConnectionString);
        await connection.OpenAsync();
        Assert.Null(await connection.ScalarAsync<string>("SELECT to_regclass('sparkle_db.schema_migrations')::text"));
    }

    [Fact]
    public async Task Rolling_back_below_a_migration_without_a_down_script_is_refused_before_any_change()
    {
        var copy = await fixture.Server.CreateDatabaseAsync(migrated: true, "rollback");
        var catalog = Sparkle.Db.Migrations.MigrationCatalog.Embedded();
        // The data model itself has no down script by design: dropping every table is not a rollback.
        Assert.Null(catalog.Migrations[0].Down);

        var (code, _, error) = await CliRun.RunAsync("migrate", "--to", "-1", "--database-url", copy.ConnectionString);

        Assert.Equal(1, code);
        Assert.Contains("no down script", error, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(copy.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal((long)catalog.Migrations.Count, await connection.ScalarAsync<long>("SELECT count(*) FROM sparkle_db.schema_migrations"));
    }
}
