using System.Diagnostics;
using Npgsql;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Benchmarks;

public sealed partial class BenchRunner
{
    /// <summary>
    /// Single-row autocommit inserts, as an application makes them, into posts, comments, reactions and messages;
    /// on the plan every index and trigger of phases 002–009 is paid, on the baseline only the model's own indexes.
    /// </summary>
    private async Task<IReadOnlyList<WriteResult>> MeasureWritesAsync(CancellationToken cancellationToken)
    {
        var results = new List<WriteResult>();
        (string Table, string Sql)[] writes =
        [
            ("posts", "INSERT INTO posts (id, slug, title, content, \"authorId\", published, \"contentStatus\", \"isDraft\", \"moderationStatus\", \"publishedAt\", \"updatedAt\") " +
                      "VALUES ($1, $1, 'write cost probe post', '{\"type\":\"doc\",\"blocks\":[]}'::jsonb, $2, true, 'PUBLISHED', false, 'APPROVED', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')"),
            ("comments", "INSERT INTO comments (id, content, \"postId\", \"authorId\", \"updatedAt\") VALUES ($1, 'write cost probe comment', $3, $2, now() AT TIME ZONE 'UTC')"),
            ("reactions", "INSERT INTO reactions (id, type, \"postId\", \"userId\") VALUES ($1, 'CUSTOM', $3, $2) ON CONFLICT DO NOTHING"),
            ("messages", "INSERT INTO messages (id, \"conversationId\", \"senderId\", content) VALUES ($1, $4, $5, 'write cost probe message')"),
        ];

        var keys = await WriteKeysAsync(cancellationToken);
        foreach (var (table, sql) in writes)
        {
            Say($"write cost: {table}");
            var baseline = await InsertRateAsync(Baseline, "b", table, sql, keys, cancellationToken);
            var plan = await InsertRateAsync(Plan, "p", table, sql, keys, cancellationToken);
            results.Add(new WriteResult(table, options.WriteRows, plan, baseline, baseline > 0 ? plan / baseline : 0));
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

    private async Task<double> InsertRateAsync(DatabaseTarget target, string side, string table, string sql, WriteKeys keys, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        var parameters = Enumerable.Range(0, 5).Select(_ => new NpgsqlParameter()).ToArray();
        var used = sql.Contains("$5", StringComparison.Ordinal) ? 5 : sql.Contains("$3", StringComparison.Ordinal) ? 3 : 2;
        command.Parameters.AddRange(parameters[..used]);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < options.WriteRows; i++)
        {
            parameters[0].Value = $"wc-{side}-{table}-{i}";
            // Users advance once per full cycle of posts, so (post, user, CUSTOM) never repeats.
            parameters[1].Value = keys.Users[(i / Math.Max(1, keys.Posts.Length)) % keys.Users.Length];
            if (used >= 3)
            {
                parameters[2].Value = keys.Posts[i % keys.Posts.Length];
            }

            if (used == 5)
            {
                var (conversation, sender) = keys.Conversations[i % keys.Conversations.Length];
                parameters[2].Value = keys.Posts[0];
                parameters[3].Value = conversation;
                parameters[4].Value = sender;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return options.WriteRows / clock.Elapsed.TotalSeconds;
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
