using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Cli;

/// <summary>
/// Regression: migrate said "Nothing to apply" while verify failed on an INVALID index of a partition, because no
/// migration statement names a partition's index. Now migrate rebuilds it (and re-validates its partitioned parent).
/// </summary>
public sealed class PartitionIndexHealingTests(MigratedDatabaseFixture fixture) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Migrate_rebuilds_an_invalid_partition_index_and_its_invalid_parent_and_verify_passes_again()
    {
        var target = await fixture.Server.CreateDatabaseAsync(migrated: true, "heal");
        var url = target.ConnectionString;
        string leaf, parent;
        await using (var connection = new NpgsqlConnection(url))
        {
            await connection.OpenAsync();
            // An index of a partition attached to a partitioned index (phase 007's tables), and another parent index.
            leaf = await connection.ScalarAsync<string>(
                """
                SELECT c.relname FROM pg_class c JOIN pg_inherits h ON h.inhrelid = c.oid JOIN pg_class p ON p.oid = h.inhparent
                 WHERE c.relkind = 'i' AND p.relkind = 'I' AND c.relnamespace = 'public'::regnamespace ORDER BY c.relname LIMIT 1
                """);
            parent = await connection.ScalarAsync<string>(
                """
                SELECT p.relname FROM pg_class p
                 WHERE p.relkind = 'I' AND p.relnamespace = 'public'::regnamespace
                   AND NOT EXISTS (SELECT 1 FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid WHERE h.inhparent = p.oid AND c.relname = $1)
                 ORDER BY p.relname LIMIT 1
                """,
                leaf);
            // What an interrupted build or a failed attach leaves behind.
            await connection.ExecuteAsync(
                "UPDATE pg_index SET indisvalid = false WHERE indexrelid IN (format('public.%I', $1::text)::regclass, format('public.%I', $2::text)::regclass)", leaf, parent);
        }

        var before = await CliRun.RunAsync("verify", "--database-url", url);
        Assert.Equal(1, before.ExitCode);
        Assert.Contains("FAIL  indexes.none_invalid", before.Output, StringComparison.Ordinal);

        var (code, output, error) = await CliRun.RunAsync("migrate", "--database-url", url);

        Assert.True(code == 0, error);
        Assert.Contains($"Rebuilt INVALID index {leaf} ", output, StringComparison.Ordinal);
        Assert.Contains($"Rebuilt INVALID index {parent} ", output, StringComparison.Ordinal);
        await using (var connection = new NpgsqlConnection(url))
        {
            await connection.OpenAsync();
            Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_index WHERE NOT indisvalid"));
            // Still attached: the partitioned index covers the partition, and the planner may use it.
            Assert.True(await connection.ScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = format('public.%I', $1::text)::regclass)", leaf));
        }

        var after = await CliRun.RunAsync("verify", "--database-url", url);
        Assert.True(after.ExitCode == 0, after.Output);
        await fixture.Server.DropDatabaseAsync(target);
    }
}
