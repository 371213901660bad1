using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.App;

/// <summary>
/// Many app sessions at once, half of them with the app's counter code and half without, each making random follows,
/// posts, deletes, likes, comments and bookmarks on a small shared set of users and posts (so that they collide): at the
/// end every owned counter equals the test's own recount, and no session met a deadlock.
/// </summary>
public sealed class AppConcurrentReplayTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    private const int Sessions = 6;
    private const int ActionsPerSession = 80;

    [Fact]
    public async Task Concurrent_app_sessions_leave_every_counter_equal_to_a_recount()
    {
        string[] users;
        List<string> posts = [];
        await using (var setup = await AppRole.OpenAsync(db))
        {
            var app = new AppWritePaths(new PrismaStatements(setup), appCounters: true);
            users = new string[8];
            for (var i = 0; i < users.Length; i++)
            {
                users[i] = await app.RegisterAsync();
            }

            foreach (var user in users)
            {
                posts.Add(await app.CreatePostAsync(user));
            }
        }

        var unexpected = new List<Exception>();
        var completed = 0;
        await Task.WhenAll(Enumerable.Range(0, Sessions).Select(session => Task.Run(async () =>
        {
            await using var connection = await AppRole.OpenAsync(db);
            var app = new AppWritePaths(new PrismaStatements(connection), appCounters: session % 2 == 0);
            var random = new Random(1000 + session);
            for (var i = 0; i < ActionsPerSession; i++)
            {
                var actor = users[random.Next(users.Length)];
                var other = users[random.Next(users.Length)];
                string post;
                lock (posts)
                {
                    post = posts[random.Next(posts.Count)];
                }

                try
                {
                    switch (random.Next(10))
                    {
                        case 0 when actor != other: await app.FollowAsync(actor, other); break;
                        case 1 when actor != other: await app.UnfollowAsync(actor, other); break;
                        case 2:
                            var created = await app.CreatePostAsync(actor);
                            lock (posts)
                            {
                                posts.Add(created);
                            }

                            break;
                        case 3: await app.LikePostAsync(post, actor, random.Next(2) == 0 ? "LIKE" : "FIRE"); break;
                        case 4: await app.UnlikePostAsync(post, actor, "LIKE"); break;
                        case 5: await app.CommentAsync(post, actor); break;
                        case 6: await app.BookmarkAsync(post, actor, add: random.Next(2) == 0); break;
                        case 7:
                            var author = await connection.ScalarAsync<string?>("""SELECT "authorId" FROM posts WHERE id = $1""", post);
                            if (author is not null)
                            {
                                await app.DeletePostAsync(post, author);
                            }

                            break;
                        default:
                            await app.ViewAndShareAsync(post);
                            break;
                    }

                    Interlocked.Increment(ref completed);
                }
                catch (Exception ex) when (IsWhatTheAppExpects(ex))
                {
                    // The app turns these into its own errors ("Already following", "Reaction not found", …).
                    if (connection.State != System.Data.ConnectionState.Open)
                    {
                        throw;
                    }
                }
                catch (Exception ex)
                {
                    lock (unexpected)
                    {
                        unexpected.Add(ex);
                    }
                }
            }
        })));

        Assert.Empty(unexpected.Select(e => e.Message));
        Assert.True(completed > Sessions * ActionsPerSession / 2, $"only {completed} actions completed");
        await using var check = await db.OpenAsync();
        Assert.Empty(await CounterOracle.DifferencesAsync(check));
        // The database's own check agrees with the test's recount.
        Assert.Equal(0L, await check.ScalarAsync<long>("SELECT sum(rows_differing) FROM sparkle_db.check_counters()"));
    }

    // A duplicate follow, like or bookmark (P2002), a missing one to remove (P2025), or a counter row to decrement that
    // the app's own code expects but another session's action removed: the app reports these to its user.
    private static bool IsWhatTheAppExpects(Exception ex) =>
        ex is RecordNotFoundException || ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
