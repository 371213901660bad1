using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Behaviour;

public sealed class FollowerCountTriggerTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Follow_and_unfollow_update_both_users()
    {
        await using var connection = await db.OpenAsync();
        var a = await TestData.UserAsync(connection);
        var b = await TestData.UserAsync(connection);

        await TestData.FollowAsync(connection, a, b);
        // Neither had a stats row: both are created.
        Assert.Equal((0, 1), await CountsAsync(connection, a));
        Assert.Equal((1, 0), await CountsAsync(connection, b));

        await TestData.FollowAsync(connection, b, a);
        Assert.Equal((1, 1), await CountsAsync(connection, a));

        await Sql.ExecAsync(connection, """DELETE FROM follows WHERE "followerId" = $1""", a);
        Assert.Equal((1, 0), await CountsAsync(connection, a));
        Assert.Equal((0, 1), await CountsAsync(connection, b));

        await Sql.ExecAsync(connection, """DELETE FROM follows WHERE "followerId" = $1""", b);
        Assert.Equal((0, 0), await CountsAsync(connection, a));
        Assert.Equal((0, 0), await CountsAsync(connection, b));
    }

    [Fact]
    public async Task Concurrent_follows_in_both_directions_stay_exact_without_deadlock()
    {
        const int Pairs = 40;
        const int Rounds = 25;
        string[] left;
        string[] right;
        await using (var setup = await db.OpenAsync())
        {
            left = new string[Pairs];
            right = new string[Pairs];
            for (var i = 0; i < Pairs; i++)
            {
                left[i] = await TestData.UserAsync(setup);
                right[i] = await TestData.UserAsync(setup);
            }
        }

        // Eight writers: even ones follow left -> right, odd ones right -> left, on the same pairs, each
        // follow and unfollow in its own transaction together with a follow of a shared hub user.
        var hub = await WithConnectionAsync(c => TestData.UserAsync(c));
        var errors = new List<PostgresException>();
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            await using var connection = await db.OpenAsync();
            for (var round = 0; round < Rounds; round++)
            {
                for (var i = w / 2; i < Pairs; i += 4)
                {
                    var (from, to) = w % 2 == 0 ? (left[i], right[i]) : (right[i], left[i]);
                    try
                    {
                        await using var tx = await connection.BeginTransactionAsync();
                        await Sql.ExecAsync(
                            connection,
                            """
                            INSERT INTO follows (id, "followerId", "followingId", "createdAt", "updatedAt")
                            VALUES (gen_random_uuid()::text, $1, $2, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'),
                                   (gen_random_uuid()::text, $2, $3, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
                            ON CONFLICT DO NOTHING
                            """,
                            from, to, hub);
                        if (round % 3 == 2)
                        {
                            await Sql.ExecAsync(connection, """DELETE FROM follows WHERE "followerId" = $1 AND "followingId" = $2""", from, to);
                        }

                        await tx.CommitAsync();
                    }
                    catch (PostgresException e)
                    {
                        lock (errors)
                        {
                            errors.Add(e);
                        }
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(writers);

        Assert.DoesNotContain(errors, e => e.SqlState == PostgresErrorCodes.DeadlockDetected);
        Assert.Empty(errors);
        await using var check = await db.OpenAsync();
        var wrong = await Sql.ScalarAsync<long>(
            check,
            """
            SELECT count(*) FROM users u
            LEFT JOIN user_stats s ON s."userId" = u.id
            WHERE COALESCE(s."totalFollowers", 0) <> (SELECT count(*) FROM follows f WHERE f."followingId" = u.id)
               OR COALESCE(s."totalFollowing", 0) <> (SELECT count(*) FROM follows f WHERE f."followerId" = u.id)
            """);
        Assert.Equal(0L, wrong);
        Assert.True(await Sql.ScalarAsync<long>(check, "SELECT count(*) FROM follows") > Pairs);
    }

    private async Task<T> WithConnectionAsync<T>(Func<NpgsqlConnection, Task<T>> action)
    {
        await using var connection = await db.OpenAsync();
        return await action(connection);
    }

    private static async Task<(int Followers, int Following)> CountsAsync(NpgsqlConnection connection, string user)
    {
        var row = (await Sql.RowsAsync(
            connection, """SELECT "totalFollowers", "totalFollowing" FROM user_stats WHERE "userId" = $1""", user)).Single();
        return ((int)row[0]!, (int)row[1]!);
    }
}
