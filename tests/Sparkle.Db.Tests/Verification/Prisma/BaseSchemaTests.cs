using Npgsql;
using Sparkle.Db.Tests.Prisma;
using Sparkle.Db.Tests.Support;
using Sparkle.Db.Verification.Prisma;
using Xunit;

namespace Sparkle.Db.Tests.Verification.Prisma;

/// <summary>The fully migrated database against the v4.3 reference schema, read from the catalog.</summary>
public sealed class BaseSchemaTests(MigratedDatabaseFixture database) : IClassFixture<MigratedDatabaseFixture>
{
    [ReferenceSchemaFact]
    public async Task The_migrated_database_has_everything_Prisma_would_create()
    {
        await using var connection = await database.OpenAsync();

        var differences = await PrismaSchemaComparer.CompareAsync(connection, ReferenceSchema.Schema);

        Assert.Empty(differences);
        var result = Assert.Single(await new PrismaSchemaCheck(ReferenceSchema.Schema).RunAsync(connection, CancellationToken.None));
        Assert.True(result.Passed);
    }

    [Theory]
    [InlineData("comments", "editHistory", "jsonb[]", false, null)]
    [InlineData("creator_payouts", "totalRevenue", "numeric(19,4)", true, "0")]
    [InlineData("users", "creatorRevenueShare", "numeric(5,4)", true, "0.7000")]
    [InlineData("users", "totalRevenueEarned", "bigint", true, "0")]
    [InlineData("users", "twoFactorBackupCodes", "text[]", false, null)]
    [InlineData("users", "role", "\"UserRole\"", true, "'USER'::\"UserRole\"")]
    [InlineData("users", "email", "character varying(255)", true, null)]
    [InlineData("users", "createdAt", "timestamp(3) without time zone", true, "CURRENT_TIMESTAMP")]
    [InlineData("users", "updatedAt", "timestamp(3) without time zone", true, null)]
    [InlineData("profiles", "notificationSettings", "jsonb", true, "'{}'::jsonb")]
    [InlineData("trades", "expiresAt", "timestamp(3) without time zone", true, "(CURRENT_TIMESTAMP + '7 days'::interval)")]
    public async Task Columns_have_Prismas_type_nullability_and_default(string table, string column, string type, bool notNull, string? defaultExpression)
    {
        await using var connection = await database.OpenAsync();

        var found = await ColumnAsync(connection, table, column);

        Assert.Equal((type, notNull, defaultExpression), found);
    }

    [Fact]
    public async Task A_composite_unique_is_a_unique_index_on_both_columns_in_order()
    {
        await using var connection = await database.OpenAsync();

        var definition = await connection.ScalarAsync<string>(
            "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indexrelid = 'public.\"accounts_provider_providerAccountId_key\"'::regclass");

        Assert.Equal("CREATE UNIQUE INDEX \"accounts_provider_providerAccountId_key\" ON public.accounts USING btree (provider, \"providerAccountId\")", definition);
    }

    [Theory]
    [InlineData("categories_parentId_fkey", "categories", "n", "c")]
    [InlineData("comments_parentId_fkey", "comments", "c", "c")]
    [InlineData("accounts_userId_fkey", "users", "c", "c")]
    [InlineData("posts_authorId_fkey", "users", "n", "c")]
    [InlineData("email_campaigns_templateId_fkey", "email_templates", "r", "c")]
    public async Task Foreign_keys_carry_Prismas_actions(string name, string referencedTable, string onDelete, string onUpdate)
    {
        await using var connection = await database.OpenAsync();

        var found = await connection.ScalarAsync<string>(
            "SELECT confrelid::regclass::text || ' ' || confdeltype::text || ' ' || confupdtype::text FROM pg_constraint WHERE conname = $1 AND contype = 'f'",
            name);

        Assert.Equal($"{referencedTable} {onDelete} {onUpdate}", found);
    }

    [Fact]
    public async Task The_implicit_many_to_many_table_has_Prisma_6s_primary_key_and_cascading_keys()
    {
        await using var connection = await database.OpenAsync();

        var constraints = await connection.ColumnAsync<string>("""
            SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = 'public."_BundleItems"'::regclass ORDER BY conname
            """);
        var indexes = await connection.ColumnAsync<string>(
            "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = '_BundleItems' ORDER BY indexname");

        Assert.Equal(
            [
                "_BundleItems_AB_pkey PRIMARY KEY (\"A\", \"B\")",
                "_BundleItems_A_fkey FOREIGN KEY (\"A\") REFERENCES store_bundles(id) ON UPDATE CASCADE ON DELETE CASCADE",
                "_BundleItems_B_fkey FOREIGN KEY (\"B\") REFERENCES store_items(id) ON UPDATE CASCADE ON DELETE CASCADE",
            ],
            constraints);
        Assert.Equal(["_BundleItems_AB_pkey", "_BundleItems_B_index"], indexes);
    }

    [Fact]
    public async Task Deleting_a_user_cascades_to_accounts_and_detaches_posts()
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO users (id, email, username, "updatedAt") VALUES ('u1', 'u1@example.com', 'u1', now() AT TIME ZONE 'UTC');
            INSERT INTO accounts (id, "userId", type, provider, "providerAccountId", "updatedAt")
              VALUES ('a1', 'u1', 'oauth', 'github', '42', now() AT TIME ZONE 'UTC');
            INSERT INTO posts (id, slug, title, content, "authorId", "updatedAt")
              VALUES ('p1', 'hello', 'Hello', '{}', 'u1', now() AT TIME ZONE 'UTC');
            DELETE FROM users WHERE id = 'u1';
            """);

        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM accounts WHERE id = 'a1'"));
        Assert.Null(await connection.ScalarAsync<string?>("SELECT \"authorId\" FROM posts WHERE id = 'p1'"));
        await transaction.RollbackAsync();
    }

    private static async Task<(string Type, bool NotNull, string? Default)> ColumnAsync(NpgsqlConnection connection, string table, string column)
    {
        await using var command = new NpgsqlCommand("""
            SELECT format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid)
            FROM pg_attribute a
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = format('public.%I', $1::text)::regclass AND a.attname = $2 AND NOT a.attisdropped
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        command.Parameters.Add(new NpgsqlParameter { Value = column });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"{table}.{column} does not exist");
        return (reader.GetString(0), reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }
}
