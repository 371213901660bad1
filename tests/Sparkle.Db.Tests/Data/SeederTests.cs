using System.Text.RegularExpressions;
using Npgsql;
using Sparkle.Db.Benchmarks;
using Sparkle.Db.Connections;
using Sparkle.Db.Seeding;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Data;

public sealed class SeederTests(SeededDatabasesFixture db) : IClassFixture<SeededDatabasesFixture>
{
    private static readonly string[] ComparedTables = ["users", "profiles", "posts", "comments", "reactions", "follows", "messages", "message_reads", "notifications", "user_stats", "post_stats"];

    [Fact]
    public async Task Every_table_holds_the_rows_the_seeder_reports()
    {
        await using var connection = await OpenAsync(db.First);
        foreach (var (table, rows) in db.FirstResult.Rows)
        {
            Assert.Equal(rows, await connection.ScalarAsync<long>($"SELECT count(*) FROM {table}"));
        }
    }

    [Fact]
    public async Task Counts_match_the_scale_formula()
    {
        var plan = new SeedPlan(SeededDatabasesFixture.Scale);
        var rows = db.FirstResult.Rows;
        Assert.Equal(plan.Users, rows["users"]);
        Assert.Equal(plan.Users, rows["profiles"]);
        Assert.Equal(plan.Posts, rows["posts"]);
        Assert.Equal(plan.Conversations, rows["conversations"]);
        Assert.Equal(plan.Notifications, rows["notifications"], (double)plan.Notifications * 0.1);
        Assert.Equal(plan.Messages, rows["messages"], (double)plan.Messages * 0.1);
        Assert.Equal(plan.Comments, rows["comments"], (double)plan.Comments * 0.25);
        Assert.InRange(rows["reactions"], 1, plan.Reactions * 1.25);

        await using var connection = await OpenAsync(db.First);
        Assert.Equal(plan.Users, await connection.ScalarAsync<long>("SELECT count(*) FROM user_stats"));
        Assert.Equal(plan.Posts, await connection.ScalarAsync<long>("SELECT count(*) FROM post_stats"));
    }

    [Fact]
    public void The_scale_formula_is_linear_above_the_floors()
    {
        var one = new SeedPlan(1);
        Assert.Equal((10_000, 100_000, 1_000_000, 1_000_000), (one.Users, one.Posts, one.Messages, one.Notifications));
        var fifth = new SeedPlan(0.2);
        Assert.Equal((2_000, 20_000, 200_000, 200_000), (fifth.Users, fifth.Posts, fifth.Messages, fifth.Notifications));
        var tiny = new SeedPlan(0.0001);
        Assert.Equal(20, tiny.Users);
        Assert.Throws<InvalidInputException>(() => new SeedPlan(0));
    }

    [Fact]
    public async Task Every_foreign_key_holds()
    {
        // The fast load bypasses FK triggers, so check every constraint of the schema by an anti-join.
        await using var connection = await OpenAsync(db.First);
        var constraints = new List<(string Name, string Child, string[] ChildColumns, string Parent, string[] ParentColumns)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT c.conname, c.conrelid::regclass::text, c.confrelid::regclass::text,
                   ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i)::text[],
                   ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i)::text[]
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid AND NOT t.relispartition
            WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND c.conparentid = 0
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                constraints.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(3), reader.GetString(2), reader.GetFieldValue<string[]>(4)));
            }
        }

        Assert.True(constraints.Count > 100);
        var broken = new List<string>();
        foreach (var fk in constraints)
        {
            var notNull = string.Join(" AND ", fk.ChildColumns.Select(c => $"c.\"{c}\" IS NOT NULL"));
            var join = string.Join(" AND ", fk.ChildColumns.Zip(fk.ParentColumns, (c, p) => $"p.\"{p}\" = c.\"{c}\""));
            var orphans = await connection.ScalarAsync<long>($"SELECT count(*) FROM {fk.Child} c WHERE {notNull} AND NOT EXISTS (SELECT 1 FROM {fk.Parent} p WHERE {join})");
            if (orphans > 0)
            {
                broken.Add($"{fk.Name}: {orphans}");
            }
        }

        Assert.Empty(broken);
    }

    [Fact]
    public async Task Derived_counters_agree_with_the_rows()
    {
        await using var connection = await OpenAsync(db.First);
        Assert.Equal(0L, await connection.ScalarAsync<long>(
            """
            SELECT count(*) FROM post_stats s
            WHERE s."totalReactionCount" <> (SELECT count(*) FROM reactions r WHERE r."postId" = s."postId")
               OR s."commentCount" <> (SELECT count(*) FROM comments c WHERE c."postId" = s."postId" AND NOT c.deleted)
            """));
        Assert.Equal(0L, await connection.ScalarAsync<long>(
            """
            SELECT count(*) FROM user_stats s
            WHERE s."totalFollowers" <> (SELECT count(*) FROM follows f WHERE f."followingId" = s."userId")
               OR s."totalPosts" <> (SELECT count(*) FROM posts p WHERE p."authorId" = s."userId" AND p.published AND NOT p.deleted)
            """));
        Assert.Equal(0L, await connection.ScalarAsync<long>(
            "SELECT count(*) FROM groups g WHERE g.\"memberCount\" <> (SELECT count(*) FROM group_members m WHERE m.\"groupId\" = g.id)"));
    }

    [Fact]
    public async Task The_data_looks_like_a_community()
    {
        await using var connection = await OpenAsync(db.First);
        // Skew: the busiest 10 % of authors write well over 10 % of the posts.
        var topShare = await connection.ScalarAsync<double>(
            """
            SELECT sum(n) FILTER (WHERE rn <= greatest(1, total / 10))::float8 / sum(n)
            FROM (SELECT count(*) AS n, row_number() OVER (ORDER BY count(*) DESC) AS rn, count(*) OVER () AS total FROM posts GROUP BY "authorId") a
            """);
        Assert.True(topShare > 0.25, $"top 10 % of authors wrote {topShare:P0}");
        Assert.True(await connection.ScalarAsync<long>("SELECT count(*) FROM posts WHERE deleted") > 0);
        Assert.True(await connection.ScalarAsync<long>("SELECT count(*) FROM posts WHERE NOT published") > 0);
        Assert.True(await connection.ScalarAsync<long>("SELECT count(*) FROM posts WHERE \"contentStatus\" = 'SCHEDULED' AND \"scheduledPublishAt\" IS NOT NULL") > 0);
        Assert.True(await connection.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE NOT read") > 0);
        // Months of history, nothing after the anchor.
        var (oldest, newest) = (await connection.ScalarAsync<DateTime>("SELECT min(\"createdAt\") FROM posts"), await connection.ScalarAsync<DateTime>("SELECT max(\"createdAt\") FROM messages"));
        Assert.True(SeedOptions.DefaultNow - oldest > TimeSpan.FromDays(90));
        Assert.True(newest <= SeedOptions.DefaultNow);
        Assert.Matches(new Regex("^c[a-z0-9]{24}$"), await connection.ScalarAsync<string>("SELECT id FROM posts LIMIT 1"));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_data()
    {
        foreach (var table in ComparedTables)
        {
            Assert.Equal(await ChecksumAsync(db.First, table), await ChecksumAsync(db.Second, table));
        }
    }

    [Fact]
    public async Task A_different_seed_gives_different_data()
    {
        foreach (var table in new[] { "users", "posts", "messages" })
        {
            Assert.NotEqual(await ChecksumAsync(db.First, table), await ChecksumAsync(db.OtherSeed, table));
        }
    }

    [Fact]
    public async Task Seeding_a_database_that_has_users_is_refused()
    {
        var error = await Assert.ThrowsAsync<SparkleDbException>(() => new Seeder(db.First, new SeedOptions { Scale = 0.001 }).RunAsync());
        Assert.Contains("already has users", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_hot_query_runs_on_seeded_data_with_its_picked_parameters()
    {
        await using var connection = await OpenAsync(db.First);
        foreach (var query in HotQueryCatalog.Embedded())
        {
            var values = new List<object?>();
            if (query.Pick is not null)
            {
                await using var pick = new NpgsqlCommand(query.Pick, connection);
                await using var reader = await pick.ExecuteReaderAsync();
                Assert.True(await reader.ReadAsync(), $"{query.Name}: the pick query returned no row");
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    values.Add(reader.IsDBNull(i) ? null : reader.GetValue(i));
                }
            }

            await using var command = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + query.Sql, connection);
            foreach (var value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            }

            var plan = PlanAnalyzer.Parse((string)(await command.ExecuteScalarAsync())!);
            Assert.False(string.IsNullOrEmpty(plan.RootNode), query.Name);
        }
    }

    private static async Task<string> ChecksumAsync(DatabaseTarget database, string table)
    {
        await using var connection = await OpenAsync(database);
        var key = table == "message_reads" ? "\"messageId\", \"userId\"" : "id";
        return await connection.ScalarAsync<string>($"SELECT md5(string_agg(t::text, '|' ORDER BY {key})) FROM {table} t");
    }

    private static async Task<NpgsqlConnection> OpenAsync(DatabaseTarget database)
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
