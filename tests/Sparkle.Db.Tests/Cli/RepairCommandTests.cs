using Npgsql;
using Sparkle.Db.Connections;
using Sparkle.Db.Migrations;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Cli;

/// <summary>
/// The way out of "an applied migration changed" (exit 5): `repair` shows the difference, `repair --yes` records the new
/// checksum, and migrate runs again. The journal is edited to what applying an older text of 003 would have left.
/// </summary>
public sealed class RepairCommandTests(MigratedDatabaseFixture fixture) : IClassFixture<MigratedDatabaseFixture>
{
    private const string File003 = "003_functions.sql";
    private const string OldStatement = "COMMENT ON SCHEMA public IS 'text of an earlier edit'";

    private static readonly Migration Current = MigrationCatalog.Embedded().Migrations.Single(m => m.Version == 3);

    [Fact]
    public async Task Repair_shows_the_changed_statement_then_records_the_new_checksum_and_migrate_runs_again()
    {
        var target = await ChangedDatabaseAsync(recordText: true);
        var url = target.ConnectionString;

        var migrate = CliAssert.FailsCleanly(await CliRun.RunAsync("migrate", "--database-url", url), 5, File003, "Nothing was run");
        Assert.Contains("sparkle-db repair", (await CliRun.RunAsync("migrate", "--database-url", url)).Error, StringComparison.Ordinal);
        Assert.Equal(5, (await CliRun.RunAsync("status", "--database-url", url)).ExitCode);

        var (showCode, shown, _) = await CliRun.RunAsync("repair", "--database-url", url);

        Assert.Equal(5, showCode);
        Assert.Contains($"  {File003}: {OldChecksum[..12]} -> {Current.FileChecksums[File003][..12]}", shown, StringComparison.Ordinal);
        Assert.Matches(@"    - statement \d+ \(line \d+\): " + System.Text.RegularExpressions.Regex.Escape(OldStatement), shown);
        Assert.DoesNotContain("    + statement", shown, StringComparison.Ordinal);
        Assert.Contains("sparkle-db repair --yes", shown, StringComparison.Ordinal);
        Assert.Equal(OldMigration.Checksum, await JournalChecksumAsync(target));

        var (yesCode, recorded, yesError) = await CliRun.RunAsync("repair", "--yes", "--database-url", url);

        Assert.True(yesCode == 0, yesError);
        Assert.Contains("Recorded the new checksums of 003_functions", recorded, StringComparison.Ordinal);
        await using (var connection = new NpgsqlConnection(url))
        {
            await connection.OpenAsync();
            // Independent oracle: SHA-256 of "path\ncontent\n" computed by PostgreSQL over the file as embedded.
            var expected = await connection.ScalarAsync<string>(
                "SELECT encode(sha256(convert_to($1 || E'\\n' || $2 || E'\\n', 'UTF8')), 'hex')", File003, Current.Scripts[0].Content);
            Assert.Equal(expected, await JournalChecksumAsync(target));
            Assert.True(await connection.ScalarAsync<bool>("SELECT repaired_at IS NOT NULL FROM sparkle_db.schema_migrations WHERE version = 3"));
        }

        var (againCode, again, _) = await CliRun.RunAsync("migrate", "--database-url", url);
        Assert.Equal(0, againCode);
        Assert.Contains("Nothing to apply", again, StringComparison.Ordinal);
        Assert.Equal(0, (await CliRun.RunAsync("status", "--database-url", url)).ExitCode);
        Assert.Equal((0, "No applied migration changed: nothing to repair."), await RepairAsync(url));
        Assert.Contains("003_functions.sql", migrate, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_applied_text_repair_names_the_file_and_where_to_look()
    {
        var target = await ChangedDatabaseAsync(recordText: false);

        var (code, shown, _) = await CliRun.RunAsync("repair", "--database-url", target.ConnectionString);

        Assert.Equal(5, code);
        Assert.Contains($"  {File003}: {OldChecksum[..12]} -> ", shown, StringComparison.Ordinal);
        Assert.Contains("the applied text was not recorded", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("statement", shown.Split("applied text")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repair_on_an_unchanged_database_changes_nothing()
    {
        Assert.Equal((0, "No applied migration changed: nothing to repair."), await RepairAsync(fixture.ConnectionString, "--yes"));
        await using var connection = await fixture.OpenAsync();
        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM sparkle_db.schema_migrations WHERE repaired_at IS NOT NULL"));
    }

    private static Migration OldMigration =>
        MigrationCatalog.FromFiles([(File003, Current.Scripts[0].Content + "\n" + OldStatement + ";\n")]).Migrations[0];

    private static string OldChecksum => OldMigration.FileChecksums[File003];

    private async Task<DatabaseTarget> ChangedDatabaseAsync(bool recordText)
    {
        var target = await fixture.Server.CreateDatabaseAsync(migrated: true, "repair");
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync();
        var old = OldMigration;
        await connection.ExecuteAsync(
            "UPDATE sparkle_db.schema_migrations SET checksum = $1, file_checksums = $2::jsonb, file_contents = CASE WHEN $4 THEN jsonb_build_object($5::text, $3::text) END WHERE version = 3",
            old.Checksum, System.Text.Json.JsonSerializer.Serialize(old.FileChecksums), old.Scripts[0].Content, recordText, File003);
        return target;
    }

    private static async Task<string> JournalChecksumAsync(DatabaseTarget target)
    {
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync();
        return await connection.ScalarAsync<string>("SELECT checksum FROM sparkle_db.schema_migrations WHERE version = 3");
    }

    private static async Task<(int, string)> RepairAsync(string url, params string[] extra)
    {
        var (code, output, _) = await CliRun.RunAsync(["repair", .. extra, "--database-url", url]);
        return (code, output.Trim());
    }
}
