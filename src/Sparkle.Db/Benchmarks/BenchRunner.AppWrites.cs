using System.Diagnostics;
using Npgsql;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Benchmarks;

public sealed partial class BenchRunner
{
    // One statement of an app action. AppCounter marks the app's own counter code, which the database makes redundant
    // (docs/APP.md): the "database only" side leaves those statements out.
    private sealed record AppStatement(string Sql, bool AppCounter = false);

    // The app's write paths as its Prisma calls send them (docs/APP.md, tests/Sparkle.Db.Tests/App), one action per
    // transaction. Parameters: $1 a new id, $2 the acting user, $3 a post, $4 another user.
    private static readonly (string Name, AppStatement[] Statements)[] AppActions =
    [
        ("follow (user.service followUser)",
        [
            new("""INSERT INTO "public"."follows" ("id", "followerId", "followingId", "updatedAt") VALUES ($1, $2, $4, now() AT TIME ZONE 'UTC') RETURNING *"""),
            new("""INSERT INTO "public"."user_stats" ("id", "userId", "totalFollowing", "updatedAt") VALUES ($1 || 'a', $2, 1, now() AT TIME ZONE 'UTC') ON CONFLICT ("userId") DO UPDATE SET "totalFollowing" = ("public"."user_stats"."totalFollowing" + 1), "updatedAt" = now() AT TIME ZONE 'UTC' RETURNING *""", true),
            new("""INSERT INTO "public"."user_stats" ("id", "userId", "totalFollowers", "updatedAt") VALUES ($1 || 'b', $4, 1, now() AT TIME ZONE 'UTC') ON CONFLICT ("userId") DO UPDATE SET "totalFollowers" = ("public"."user_stats"."totalFollowers" + 1), "updatedAt" = now() AT TIME ZONE 'UTC' RETURNING *""", true),
        ]),
        ("create post (post.service createPost)",
        [
            new("""INSERT INTO "public"."posts" ("id", "title", "slug", "content", "excerpt", "authorId", "readingTime", "wordCount", "isDraft", "published", "publishedAt", "contentStatus", "updatedAt") VALUES ($1, 'A post', $1, '{"type":"doc","blocks":[{"type":"paragraph","text":"hello"}]}'::jsonb, 'hello', $2, 1, 1, false, true, now() AT TIME ZONE 'UTC', 'PUBLISHED', now() AT TIME ZONE 'UTC') RETURNING *"""),
            new("""INSERT INTO "public"."post_stats" ("id", "postId", "updatedAt") VALUES ($1 || 's', $1, now() AT TIME ZONE 'UTC') RETURNING *"""),
            new("""UPDATE "public"."user_stats" SET "totalPosts" = ("public"."user_stats"."totalPosts" + 1), "updatedAt" = now() AT TIME ZONE 'UTC' WHERE "userId" = $2 RETURNING *""", true),
        ]),
        ("like post (post.service likePost)",
        [
            new("""INSERT INTO "public"."reactions" ("id", "type", "postId", "userId") VALUES ($1, 'LIKE', $3, $2) RETURNING *"""),
            new("""UPDATE "public"."post_stats" SET "totalReactionCount" = ("public"."post_stats"."totalReactionCount" + 1), "likeCount" = ("public"."post_stats"."likeCount" + 1), "updatedAt" = now() AT TIME ZONE 'UTC' WHERE "postId" = $3 RETURNING *""", true),
            new("""UPDATE "public"."user_stats" SET "totalLikesGiven" = ("public"."user_stats"."totalLikesGiven" + 1), "updatedAt" = now() AT TIME ZONE 'UTC' WHERE "userId" = $2 RETURNING *""", true),
            new("""SELECT "authorId", "title" FROM "public"."posts" WHERE "id" = $3 LIMIT 1""", true),
            new("""UPDATE "public"."user_stats" SET "totalLikesReceived" = ("public"."user_stats"."totalLikesReceived" + 1), "updatedAt" = now() AT TIME ZONE 'UTC' WHERE "userId" = (SELECT "authorId" FROM "public"."posts" WHERE "id" = $3) RETURNING *""", true),
        ]),
        ("comment (comment.service createComment)",
        [
            new("""INSERT INTO "public"."comments" ("id", "content", "postId", "authorId", "authorName", "moderationStatus", "version", "updatedAt") VALUES ($1, 'Nice!', $3, $2, 'fan', 'AUTO_APPROVED', 0, now() AT TIME ZONE 'UTC') RETURNING *"""),
            new("""INSERT INTO "public"."post_stats" ("id", "postId", "commentCount", "updatedAt") VALUES ($1 || 's', $3, 1, now() AT TIME ZONE 'UTC') ON CONFLICT ("postId") DO UPDATE SET "commentCount" = ("public"."post_stats"."commentCount" + 1), "updatedAt" = now() AT TIME ZONE 'UTC' RETURNING *""", true),
            new("""INSERT INTO "public"."user_stats" ("id", "userId", "totalComments", "updatedAt") VALUES ($1 || 'u', $2, 1, now() AT TIME ZONE 'UTC') ON CONFLICT ("userId") DO UPDATE SET "totalComments" = ("public"."user_stats"."totalComments" + 1), "updatedAt" = now() AT TIME ZONE 'UTC' RETURNING *""", true),
        ]),
        ("bookmark (post.service bookmarkPost)",
        [
            new("""INSERT INTO "public"."bookmarks" ("id", "userId", "postId") VALUES ($1, $2, $3) RETURNING *"""),
            new("""UPDATE "public"."post_stats" SET "bookmarkCount" = ("public"."post_stats"."bookmarkCount" + 1), "updatedAt" = now() AT TIME ZONE 'UTC' WHERE "postId" = $3 RETURNING *""", true),
        ]),
        ("view post (post.service incrementViewCount)",
        [
            new("""UPDATE "public"."post_stats" SET "viewCount" = ("public"."post_stats"."viewCount" + 1), "updatedAt" = now() AT TIME ZONE 'UTC' WHERE "postId" = $3 RETURNING *"""),
        ]),
    ];

    private const int AppBenchUsers = 200;

    /// <summary>
    /// The app's write paths, one action per transaction: on the baseline with the app's counter code (the app as it
    /// is, on Prisma's schema), on the plan with it (the app unchanged on this database) and without it (the app relying
    /// on the database). Fresh users, registered as the app registers them, act on the popular posts.
    /// </summary>
    private async Task<IReadOnlyList<AppWriteResult>> MeasureAppWritesAsync(CancellationToken cancellationToken)
    {
        var posts = (await WriteKeysAsync(cancellationToken)).Posts;
        var users = Enumerable.Range(0, AppBenchUsers).Select(i => $"appbench-user-{i}").ToArray();
        foreach (var target in new[] { Baseline, Plan })
        {
            await RegisterBenchUsersAsync(target, users, cancellationToken);
        }

        var results = new List<AppWriteResult>();
        foreach (var (name, statements) in AppActions)
        {
            Say($"app write path: {name}");
            var baseline = await AppActionRateAsync(Baseline, "b", name, statements, users, posts, cancellationToken);
            var plan = await AppActionRateAsync(Plan, "p", name, statements, users, posts, cancellationToken);
            var databaseOnly = statements.Any(s => s.AppCounter)
                ? await AppActionRateAsync(Plan, "d", name, [.. statements.Where(s => !s.AppCounter)], users, posts, cancellationToken)
                : (double?)null;
            results.Add(new AppWriteResult(name, options.WriteRows, plan, baseline, baseline > 0 ? plan / baseline : 0,
                databaseOnly, databaseOnly is { } d && baseline > 0 ? d / baseline : null));
        }

        return results;
    }

    private static async Task RegisterBenchUsersAsync(DatabaseTarget target, string[] users, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var sql in new[]
                 {
                     """
                     INSERT INTO users (id, email, username, "updatedAt")
                     SELECT u, u || '@bench.test', u, now() AT TIME ZONE 'UTC' FROM unnest($1::text[]) u ON CONFLICT DO NOTHING
                     """,
                     """
                     INSERT INTO user_stats (id, "userId", "updatedAt")
                     SELECT u || '-stats', u, now() AT TIME ZONE 'UTC' FROM unnest($1::text[]) u ON CONFLICT DO NOTHING
                     """,
                 })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new() { Value = users });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task<double> AppActionRateAsync(
        DatabaseTarget target, string side, string action, AppStatement[] statements, string[] users, string[] posts, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // Every parameter is sent as text up to the highest one a statement names, so an unused one in between
        // ($3 in the follow) needs no type inference.
        var commands = statements.Select(s =>
        {
            var command = new NpgsqlCommand(s.Sql, connection);
            var highest = Enumerable.Range(1, 4).Last(n => n == 1 || s.Sql.Contains($"${n}", StringComparison.Ordinal));
            for (var n = 0; n < highest; n++)
            {
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            }

            return command;
        }).ToArray();

        var prefix = $"ab-{side}-{action.Split(' ')[0]}-";
        var clock = Stopwatch.StartNew();
        // (user, post) and (follower, followed) pairs never repeat within a run: the two sides on the plan database
        // take different ranges.
        var offset = side == "d" ? options.WriteRows : 0;
        for (var n = 0; n < options.WriteRows; n++)
        {
            var i = n + offset;
            var values = new object[]
            {
                prefix + i,
                users[i % users.Length],
                posts[(i / users.Length) % posts.Length],
                users[(i % users.Length + 1 + i / users.Length) % users.Length],
            };
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var command in commands)
            {
                for (var p = 0; p < command.Parameters.Count; p++)
                {
                    command.Parameters[p].Value = values[p];
                }

                command.Transaction = transaction;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var rate = options.WriteRows / clock.Elapsed.TotalSeconds;
        foreach (var command in commands)
        {
            await command.DisposeAsync();
        }

        return rate;
    }
}
