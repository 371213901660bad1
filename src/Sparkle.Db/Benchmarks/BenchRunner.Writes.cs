using System.Diagnostics;
using Npgsql;

namespace Sparkle.Db.Benchmarks;

public sealed partial class BenchRunner
{
    // One single-row write the app makes. Values(side, i, keys) gives its text parameters $1..$n for the i-th row.
    private sealed record WriteProbe(string Table, string Kind, string Sql, Func<string, int, WriteKeys, string[]> Values);

    private const int WriteBlocks = 8;

    // Users advance once per full cycle of posts, so (post, user, CUSTOM) never repeats.
    private static string WriteUser(int i, WriteKeys keys) => keys.Users[(i / Math.Max(1, keys.Posts.Length)) % keys.Users.Length];

    private static string WritePost(int i, WriteKeys keys) => keys.Posts[i % keys.Posts.Length];

    private static readonly WriteProbe[] WriteProbes =
    [
        new("posts", "insert",
            "INSERT INTO posts (id, slug, title, content, \"authorId\", published, \"contentStatus\", \"isDraft\", \"moderationStatus\", \"publishedAt\", \"updatedAt\") " +
            "VALUES ($1, $1, 'write cost probe post', '{\"type\":\"doc\",\"blocks\":[]}'::jsonb, $2, true, 'PUBLISHED', false, 'APPROVED', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')",
            (side, i, k) => [$"wc-{side}-posts-{i}", WriteUser(i, k)]),
        new("comments", "insert",
            "INSERT INTO comments (id, content, \"postId\", \"authorId\", \"updatedAt\") VALUES ($1, 'write cost probe comment', $3, $2, now() AT TIME ZONE 'UTC')",
            (side, i, k) => [$"wc-{side}-comments-{i}", WriteUser(i, k), WritePost(i, k)]),
        new("reactions", "insert",
            "INSERT INTO reactions (id, type, \"postId\", \"userId\") VALUES ($1, 'CUSTOM', $3, $2) ON CONFLICT DO NOTHING",
            (side, i, k) => [$"wc-{side}-reactions-{i}", WriteUser(i, k), WritePost(i, k)]),
        new("messages", "insert",
            "INSERT INTO messages (id, \"conversationId\", \"senderId\", content) VALUES ($1, $2, $3, 'write cost probe message')",
            (side, i, k) => [$"wc-{side}-messages-{i}", k.Conversations[i % k.Conversations.Length].Conversation, k.Conversations[i % k.Conversations.Length].Sender]),
        // The updates the app makes most (post.service, comment.service): a post view, its own counter increments
        // (on the plan the database owns those columns, so the guard turns the write into a no-op that must stay
        // cheap), and a reaction changing type (the reactions inserted above).
        new("posts: view (views + 1)", "update",
            "UPDATE posts SET views = views + 1, \"updatedAt\" = now() AT TIME ZONE 'UTC' WHERE id = $1",
            (side, i, k) => [WritePost(i, k)]),
        new("post_stats: the app's like increments", "update",
            "UPDATE post_stats SET \"totalReactionCount\" = \"totalReactionCount\" + 1, \"likeCount\" = \"likeCount\" + 1, \"updatedAt\" = now() AT TIME ZONE 'UTC' WHERE \"postId\" = $1 RETURNING *",
            (side, i, k) => [WritePost(i, k)]),
        new("user_stats: the app's likes-given increment", "update",
            "UPDATE user_stats SET \"totalLikesGiven\" = \"totalLikesGiven\" + 1, \"updatedAt\" = now() AT TIME ZONE 'UTC' WHERE \"userId\" = $1 RETURNING *",
            (side, i, k) => [WriteUser(i, k)]),
        new("reactions: type change", "update",
            // Skipped (on both sides alike) where the user already reacted to the post with that type.
            "UPDATE reactions r SET type = 'FIRE' WHERE r.id = $1 AND r.type <> 'FIRE' AND NOT EXISTS " +
            "(SELECT 1 FROM reactions o WHERE o.\"postId\" = r.\"postId\" AND o.\"userId\" = r.\"userId\" AND o.type = 'FIRE')",
            (side, i, k) => [$"wc-{side}-reactions-{i}"]),
    ];

    /// <summary>
    /// Single-row autocommit writes, as an application makes them: inserts into posts, comments, reactions and messages,
    /// then the app's frequent updates. On the plan every index and trigger of phases 002–009 is paid, on the baseline
    /// only the model's own indexes. The two sides alternate in blocks, so a burst of load on the machine falls on both.
    /// </summary>
    private async Task<IReadOnlyList<WriteResult>> MeasureWritesAsync(CancellationToken cancellationToken)
    {
        var results = new List<WriteResult>();
        var keys = await WriteKeysAsync(cancellationToken);
        await using var baseline = new NpgsqlConnection(Baseline.ConnectionString);
        await using var plan = new NpgsqlConnection(Plan.ConnectionString);
        await baseline.OpenAsync(cancellationToken);
        await plan.OpenAsync(cancellationToken);
        foreach (var probe in WriteProbes)
        {
            Say($"write cost: {probe.Table}");
            var baselineSeconds = 0.0;
            var planSeconds = 0.0;
            var perBlock = Math.Max(1, options.WriteRows / WriteBlocks);
            for (var block = 0; block * perBlock < options.WriteRows; block++)
            {
                var from = block * perBlock;
                var to = Math.Min(options.WriteRows, from + perBlock);
                if (block % 2 == 0)
                {
                    baselineSeconds += await WriteBlockAsync(baseline, "b", probe, keys, from, to, cancellationToken);
                    planSeconds += await WriteBlockAsync(plan, "p", probe, keys, from, to, cancellationToken);
                }
                else
                {
                    planSeconds += await WriteBlockAsync(plan, "p", probe, keys, from, to, cancellationToken);
                    baselineSeconds += await WriteBlockAsync(baseline, "b", probe, keys, from, to, cancellationToken);
                }
            }

            var planRate = options.WriteRows / planSeconds;
            var baselineRate = options.WriteRows / baselineSeconds;
            results.Add(new WriteResult(probe.Table, options.WriteRows, planRate, baselineRate, baselineRate > 0 ? planRate / baselineRate : 0, probe.Kind));
        }

        return results;
    }

    private sealed record WriteKeys(string[] Users, string[] Posts, (string Conversation, string Sender)[] Conversations);

    private async Task<WriteKeys> WriteKeysAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Baseline.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var users = await ColumnAsync(connection, "SELECT id FROM users WHERE NOT deleted ORDER BY id LIMIT 500", cancellationToken);
        // Popular posts: where real reactions and comments land, and where per-post counter maintenance is dearest.
        var posts = await ColumnAsync(connection, "SELECT \"postId\" FROM post_stats ORDER BY \"totalReactionCount\" DESC, \"postId\" LIMIT 50", cancellationToken);
        var conversations = new List<(string, string)>();
        await using (var command = new NpgsqlCommand("SELECT id, \"createdBy\" FROM conversations ORDER BY \"messageCount\" DESC, id LIMIT 50", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                conversations.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        return new WriteKeys(users.ToArray(), posts.ToArray(), conversations.ToArray());
    }

    /// <summary>Seconds taken by rows [from, to) of one probe on one side, each its own autocommit statement.</summary>
    private static async Task<double> WriteBlockAsync(
        NpgsqlConnection connection, string side, WriteProbe probe, WriteKeys keys, int from, int to, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(probe.Sql, connection);
        var count = probe.Values(side, 0, keys).Length;
        for (var p = 0; p < count; p++)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        }

        var clock = Stopwatch.StartNew();
        for (var i = from; i < to; i++)
        {
            var values = probe.Values(side, i, keys);
            for (var p = 0; p < count; p++)
            {
                command.Parameters[p].Value = values[p];
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
            }
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<List<string>> ColumnAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
