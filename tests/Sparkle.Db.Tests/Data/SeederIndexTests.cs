using Npgsql;
using Sparkle.Db.Seeding;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Data;

/// <summary>
/// A fast seed builds the plain indexes after its COPYs (and loads the side tables on a second connection): the indexes
/// it leaves are the ones it found, with correct contents, and a cancelled seed leaves the tables empty with every index.
/// </summary>
public sealed class SeederIndexTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    // Every index of a table that is not a partition (the seed adds month partitions, whose indexes are new), with its
    // definition, comment and validity.
    private const string Indexes =
        """
        SELECT ic.relname || ' ' || pg_get_indexdef(i.indexrelid) || ' ' || coalesce(obj_description(i.indexrelid, 'pg_class'), '-')
               || ' ' || (i.indisvalid AND i.indisready)::text
          FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
         WHERE t.relnamespace = 'public'::regnamespace AND NOT t.relispartition
         ORDER BY 1
        """;

    [Fact]
    public async Task A_fast_seed_leaves_every_index_as_it_found_it_and_the_rebuilt_ones_hold_every_row()
    {
        var target = await db.Server.CreateDatabaseAsync(migrated: true, "seed_indexes");
        await using (var connection = new NpgsqlConnection(target.ConnectionString))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync("COMMENT ON INDEX \"messages_senderId_idx\" IS 'the sender''s messages'");
            var before = await connection.ColumnAsync<string>(Indexes);
            var senderOid = await connection.ScalarAsync<long>("SELECT '\"messages_senderId_idx\"'::regclass::oid::bigint");
            var viewerOid = await connection.ScalarAsync<long>("SELECT '\"view_history_userId_createdAt_idx\"'::regclass::oid::bigint");

            var result = await new Seeder(target, new SeedOptions { Scale = 0.002, Seed = 5, FastLoad = true }).RunAsync();

            Assert.Equal(before, await connection.ColumnAsync<string>(Indexes));
            Assert.Contains(before, i => i.Contains("the sender's messages", StringComparison.Ordinal));
            // Not vacuous: both indexes were built again, one by each connection's transaction.
            Assert.NotEqual(senderOid, await connection.ScalarAsync<long>("SELECT '\"messages_senderId_idx\"'::regclass::oid::bigint"));
            Assert.NotEqual(viewerOid, await connection.ScalarAsync<long>("SELECT '\"view_history_userId_createdAt_idx\"'::regclass::oid::bigint"));
            Assert.True(result.Rows["messages"] > 100 && result.Rows["view_history"] > 100);

            // A rebuilt index finds what a sequential scan finds.
            foreach (var (index, query) in new[]
                     {
                         ("messages_senderId_idx", "SELECT count(*) || ':' || sum(hashtext(id)) FROM messages WHERE \"senderId\" >= (SELECT min(id) FROM users) AND \"senderId\" < 'u5'"),
                         ("view_history_userId_createdAt_idx", "SELECT count(*) || ':' || sum(hashtext(id)) FROM view_history WHERE \"userId\" >= (SELECT min(id) FROM users) AND \"userId\" < 'u5'"),
                     })
            {
                await connection.ExecuteAsync("SET enable_seqscan = on; SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_indexonlyscan = off");
                var scanned = await connection.ScalarAsync<string>(query);
                await connection.ExecuteAsync("SET enable_seqscan = off; SET enable_indexscan = on; SET enable_bitmapscan = on; SET enable_indexonlyscan = on");
                var plan = await connection.ScalarAsync<string>("EXPLAIN (FORMAT JSON) " + query);
                Assert.Contains(index, plan, StringComparison.Ordinal);
                Assert.Equal(scanned, await connection.ScalarAsync<string>(query));
                await connection.ExecuteAsync("RESET ALL");
            }
        }

        await db.Server.DropDatabaseAsync(target);
    }

    [Fact]
    public async Task A_cancelled_fast_seed_leaves_the_tables_empty_with_every_index()
    {
        var target = await db.Server.CreateDatabaseAsync(migrated: true, "seed_cancel");
        await using (var connection = new NpgsqlConnection(target.ConnectionString))
        {
            await connection.OpenAsync();
            var before = await connection.ColumnAsync<string>(Indexes);

            // Ctrl+C while the main connection copies messages (after it dropped its tables' indexes and wrote users).
            using var cancel = new CancellationTokenSource();
            var progress = new CancelOn("messages", cancel);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => new Seeder(target, new SeedOptions { Scale = 0.002, Seed = 5, FastLoad = true }, progress).RunAsync(cancel.Token));

            Assert.True(progress.Seen);
            Assert.Equal(before, await connection.ColumnAsync<string>(Indexes));
            foreach (var table in new[] { "users", "posts", "view_history", "messages", "notifications", "user_stats" })
            {
                Assert.Equal(0L, await connection.ScalarAsync<long>($"SELECT count(*) FROM {table}"));
            }

            // And the seed runs again from the start.
            var result = await new Seeder(target, new SeedOptions { Scale = 0.002, Seed = 5, FastLoad = true }).RunAsync();
            Assert.Equal(result.Rows["users"], await connection.ScalarAsync<long>("SELECT count(*) FROM users"));
        }

        await db.Server.DropDatabaseAsync(target);
    }

    /// <summary>Cancels, synchronously, when the seeder reports rows of the given table.</summary>
    private sealed class CancelOn(string table, CancellationTokenSource cancel) : IProgress<SeedProgress>
    {
        public bool Seen { get; private set; }

        public void Report(SeedProgress value)
        {
            if (value.Table == table)
            {
                Seen = true;
                cancel.Cancel();
            }
        }
    }
}
