using Sparkle.Db.Prisma;
using Xunit;

namespace Sparkle.Db.Tests.Prisma;

public class PrismaDdlRendererTests
{
    [Fact]
    public void Renders_a_table_with_its_primary_key_inside()
    {
        var table = new DbTable("users", "User",
        [
            new DbColumn("id", new DbColumnType("TEXT", "text"), true, null),
            new DbColumn("role", new DbColumnType("\"Role\"", "\"Role\""), true, new DbDefault(DbDefaultKind.EnumValue, "'USER'")),
            new DbColumn("tags", new DbColumnType("TEXT[]", "text[]"), false, null),
        ], new DbPrimaryKey("users_pkey", ["id"]), []);

        Assert.Equal(
            "CREATE TABLE \"users\" (\n  \"id\" TEXT NOT NULL,\n  \"role\" \"Role\" NOT NULL DEFAULT 'USER',\n  \"tags\" TEXT[],\n\n  CONSTRAINT \"users_pkey\" PRIMARY KEY (\"id\")\n);\n",
            PrismaDdlRenderer.Table(table));
    }

    [Fact]
    public void Renders_indexes_with_sort_order_method_and_operator_class()
    {
        Assert.Equal(
            "CREATE UNIQUE INDEX \"t_a_b_key\" ON \"t\"(\"a\", \"b\" DESC);\n",
            PrismaDdlRenderer.Index(new DbIndex("t_a_b_key", "t", [new("a", false, null), new("b", true, null)], true, "btree")));
        Assert.Equal(
            "CREATE INDEX \"t_data_idx\" ON \"t\" USING GIN (\"data\" jsonb_path_ops);\n",
            PrismaDdlRenderer.Index(new DbIndex("t_data_idx", "t", [new("data", false, "jsonb_path_ops")], false, "gin")));
    }

    [Fact]
    public void Renders_foreign_keys_with_both_actions()
    {
        var key = new DbForeignKey("posts_authorId_fkey", "posts", ["authorId"], "users", ["id"], DbReferentialAction.SetNull, DbReferentialAction.Cascade);

        Assert.Equal(
            "ALTER TABLE \"posts\" ADD CONSTRAINT \"posts_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"users\"(\"id\") ON DELETE SET NULL ON UPDATE CASCADE;\n",
            PrismaDdlRenderer.ForeignKey(key));
    }

    [Fact]
    public void Renders_enums_and_extensions()
    {
        Assert.Equal("CREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN');\n", PrismaDdlRenderer.Enum(new DbEnum("Role", ["USER", "ADMIN"])));
        Assert.Equal("CREATE EXTENSION IF NOT EXISTS \"pg_trgm\";\n", PrismaDdlRenderer.Extension("pg_trgm"));
    }

    [Fact]
    public void Splits_the_base_migration_by_domain_with_foreign_keys_last()
    {
        var schema = PrismaSchema.Parse("""
            model User {
              id    String @id
              posts Post[]
              @@map("users")
            }
            model Post {
              id     String @id
              userId String
              user   User   @relation(fields: [userId], references: [id], onDelete: Cascade)
              @@map("posts")
            }
            model Stray {
              id String @id
            }
            """);
        PrismaSchemaDomain[] domains = [new("01_users.sql", "Users", ["users"]), new("02_content.sql", "Content", ["posts"])];

        var files = PrismaBaseMigration.Render(schema, domains);

        Assert.Equal(["00_extensions_and_enums.sql", "01_users.sql", "02_content.sql", "98_unassigned.sql", "99_foreign_keys.sql"], files.Select(f => f.FileName));
        Assert.Contains("CREATE TABLE \"users\"", files[1].Sql, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"Stray\"", files[3].Sql, StringComparison.Ordinal);
        Assert.Contains("\"posts_userId_fkey\"", files[4].Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("sparkle-db:no-transaction", string.Concat(files.Select(f => f.Sql)), StringComparison.Ordinal);
    }
}
