using Npgsql;
using Sparkle.Db.Migrations;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Migrations;

/// <summary>
/// Phase 005 applied to a populated database beside a live application (docs/DECISIONS.md D106): its triggers are
/// committed in one short transaction, and the rows written before it are brought in step afterwards, in batches that
/// hold no lock an insert waits for. The bench measured the earlier shape (the data step inside the trigger
/// transaction, SHARE ROW EXCLUSIVE on posts and notifications held through full scans) as a 1.2 s writer stall.
/// </summary>
public sealed class TriggerPhaseUnderLoadTests(EmptyDatabaseFixture db) : IClassFixture<EmptyDatabaseFixture>
{
    // Locks that stop an INSERT (ROW EXCLUSIVE conflicts with these).
    private const string BlockingModes = "'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'";

    [Fact]
    public async Task Writers_into_posts_and_notifications_never_wait_while_005_brings_existing_rows_in_step()
    {
        var embedded = MigrationCatalog.Embedded();
        MigrationCatalog UpTo(int version) => MigrationCatalog.FromFiles(embedded.Migrations
            .Where(m => m.Version <= version).SelectMany(m => m.Scripts).Select(s => (s.Path, s.Content)));
        await new MigrationRunner(db.Target, UpTo(4)).MigrateAsync();

        await using var setup = await db.OpenAsync();
        // Existing data as the app leaves it: posts deleted by one flag only (030 makes the flags one state, 095 fixes
        // the rows written before), and notifications.
        await setup.ExecuteAsync(
            """
            INSERT INTO users (id, email, username, "updatedAt") VALUES ('ul-user', 'ul@example.test', 'ul_user', now() AT TIME ZONE 'UTC');
            INSERT INTO posts (id, slug, title, content, "authorId", published, "contentStatus", deleted, "deletedAt", "updatedAt")
            SELECT 'ul-post-' || g, 'ul-post-' || g, 'post ' || g, '{}'::jsonb, 'ul-user', true, 'PUBLISHED',
                   g <= 5, CASE WHEN g <= 5 THEN now() AT TIME ZONE 'UTC' END, now() AT TIME ZONE 'UTC'
              FROM generate_series(1, 300) g;
            INSERT INTO notifications (id, type, "userId", title, message, "updatedAt")
            SELECT 'ul-note-' || g, 'SYSTEM', 'ul-user', 't', 'm', now() AT TIME ZONE 'UTC' FROM generate_series(1, 300) g;
            """);

        // An application transaction holds one of those posts (a row lock): 005's data step must wait for it, and a
        // writer must not be stuck behind whatever 005 holds meanwhile.
        await using var holder = await db.OpenAsync();
        await holder.ExecuteAsync("BEGIN; SELECT id FROM posts WHERE id = 'ul-post-3' FOR UPDATE");

        // The application's writers (started below) give up after 1 s of waiting for a lock (55P03).
        using var stop = new CancellationTokenSource();
        async Task<(int Written, int TimedOut)> WriteAsync(string sql)
        {
            await using var connection = await db.OpenAsync();
            await connection.ExecuteAsync("SET lock_timeout = '1s'");
            var (written, timedOut) = (0, 0);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await connection.ExecuteAsync(sql);
                    written++;
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
                {
                    timedOut++;
                }

                await Task.Delay(20, CancellationToken.None);
            }

            return (written, timedOut);
        }

        // A lock_timeout longer than the test's hold, so the step waits for the held row rather than retrying.
        var migration = new MigrationRunner(db.Target, UpTo(5), new MigrationRunnerOptions { LockTimeout = TimeSpan.FromMinutes(2) }).MigrateAsync();

        await using var observer = await db.OpenAsync();
        var migrator = 0;
        for (var i = 0; i < 1200 && migrator == 0 && !migration.IsCompleted; i++)
        {
            migrator = await observer.ScalarAsync<int>(
                "SELECT coalesce(min(pid), 0) FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))", holder.ProcessID);
            await Task.Delay(50);
        }

        Assert.False(migration.IsCompleted, "005 finished without touching the held post");
        Assert.NotEqual(0, migrator);

        // While the data step waits for the row: the migration's session holds nothing on posts or notifications that
        // stops an insert, and the triggers are committed (the step relies on them).
        Assert.Empty(await observer.ColumnAsync<string>(
            $"""
            SELECT l.relation::regclass::text || ' ' || l.mode FROM pg_locks l
             WHERE l.pid = $1 AND l.locktype = 'relation' AND l.granted AND l.mode IN ({BlockingModes})
               AND l.relation IN ('public.posts'::regclass, 'public.notifications'::regclass)
            """,
            migrator));
        Assert.Equal(2L, await observer.ScalarAsync<long>(
            "SELECT count(*) FROM pg_trigger WHERE tgname IN ('enforce_soft_delete_posts', 'update_updated_at_notifications')"));
        // The writers run while the data step is held (and until 005 ends). The trigger transaction before it holds
        // SHARE ROW EXCLUSIVE for its DDL alone (tenths of a second on a quiet machine, more on a saturated one), so
        // they start here: what this test pins is that the data step no longer runs under that lock.
        var postWriter = Task.Run(() => WriteAsync(
            """
            INSERT INTO posts (id, slug, title, content, "authorId", published, "updatedAt")
            VALUES ('ul-w-' || gen_random_uuid(), 'ul-w-' || gen_random_uuid(), 'w', '{}'::jsonb, 'ul-user', true, now() AT TIME ZONE 'UTC')
            """));
        var noteWriter = Task.Run(() => WriteAsync(
            "INSERT INTO notifications (id, type, \"userId\", title, message, \"updatedAt\") VALUES (gen_random_uuid()::text, 'SYSTEM', 'ul-user', 't', 'm', now() AT TIME ZONE 'UTC')"));

        // Both writers have written (bounded wait for a state), then long enough for one stuck behind a lock to give up.
        for (var i = 0; i < 1200 && await observer.ScalarAsync<long>(
                 "SELECT (SELECT count(*) FROM posts WHERE id LIKE 'ul-w-%') * (SELECT count(*) FROM notifications WHERE id NOT LIKE 'ul-note-%')") == 0; i++)
        {
            await Task.Delay(50);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(migration.IsCompleted);

        await holder.ExecuteAsync("COMMIT");
        await migration;
        await stop.CancelAsync();
        var (posts, postTimeouts) = await postWriter;
        var (notes, noteTimeouts) = await noteWriter;

        Assert.Equal((0, 0), (postTimeouts, noteTimeouts));
        Assert.True(posts > 0 && notes > 0, $"the writers wrote {posts} posts and {notes} notifications");
        // Every post deleted by its flag now carries the deleted status, the held one too; nothing else changed.
        Assert.Equal(
            ["ul-post-1", "ul-post-2", "ul-post-3", "ul-post-4", "ul-post-5"],
            await setup.ColumnAsync<string>("SELECT id FROM posts WHERE \"contentStatus\" = 'DELETED' AND deleted ORDER BY id"));
        Assert.Equal(0L, await setup.ScalarAsync<long>("SELECT count(*) FROM posts WHERE deleted <> (\"contentStatus\" = 'DELETED')"));
        // The posts written while 005 ran went through its counter triggers: the stored count equals a recount.
        Assert.Equal(
            await setup.ScalarAsync<long>("SELECT count(*) FROM posts WHERE \"authorId\" = 'ul-user' AND published AND NOT deleted"),
            await setup.ScalarAsync<long>("SELECT \"totalPosts\" FROM user_stats WHERE \"userId\" = 'ul-user'"));
        Assert.Equal(1L, await setup.ScalarAsync<long>("SELECT count(*) FROM sparkle_db.schema_migrations WHERE version = 5"));
    }

    [Fact]
    public async Task The_normalization_step_refuses_a_table_it_does_not_know()
    {
        var target = await db.Server.CreateDatabaseAsync(migrated: true, "normalize_refuses");
        await using (var connection = new NpgsqlConnection(target.ConnectionString))
        {
            await connection.OpenAsync();
            var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("CALL sparkle_db.normalize_soft_delete('pg_class')"));
            Assert.Equal("22023", error.SqlState);
            error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("CALL sparkle_db.normalize_soft_delete('posts', 0)"));
            Assert.Equal("22023", error.SqlState);
        }

        await db.Server.DropDatabaseAsync(target);
    }
}
