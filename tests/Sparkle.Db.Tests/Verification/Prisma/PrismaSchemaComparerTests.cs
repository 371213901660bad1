using Sparkle.Db.Prisma;
using Sparkle.Db.Verification.Prisma;
using Xunit;

namespace Sparkle.Db.Tests.Verification.Prisma;

public class PrismaSchemaComparerTests
{
    private static readonly PrismaDatabaseModel Expected = PrismaDatabaseModel.FromSchema(PrismaSchema.Parse("""
        datasource db {
          provider   = "postgresql"
          url        = env("DATABASE_URL")
          extensions = [pg_trgm]
        }
        enum Role {
          USER
          ADMIN
        }
        model User {
          id      String   @id
          role    Role     @default(USER)
          email   String   @unique @db.VarChar(255)
          expires DateTime @default(dbgenerated("(CURRENT_TIMESTAMP + interval '7 days')"))
          level   Int      @default(-1)
          posts   Post[]
          @@map("users")
        }
        model Post {
          id     String @id
          userId String
          user   User   @relation(fields: [userId], references: [id], onDelete: Cascade)
          @@index([userId])
          @@map("posts")
        }
        """));

    /// <summary>The catalog exactly as PostgreSQL reports the schema above after Prisma's DDL.</summary>
    private static CatalogSnapshot Matching() => new(
        new HashSet<string> { "plpgsql", "pg_trgm" },
        [new DbEnum("Role", ["USER", "ADMIN"])],
        new HashSet<string> { "users", "posts" },
        [
            new("users", "id", "text", true, null),
            new("users", "role", "\"Role\"", true, "'USER'::\"Role\""),
            new("users", "email", "character varying(255)", true, null),
            new("users", "expires", "timestamp(3) without time zone", true, "(CURRENT_TIMESTAMP + '7 days'::interval)"),
            new("users", "level", "integer", true, "'-1'::integer"),
            new("posts", "id", "text", true, null),
            new("posts", "userId", "text", true, null),
        ],
        new Dictionary<string, DbPrimaryKey> { ["users"] = new("users_pkey", ["id"]), ["posts"] = new("posts_pkey", ["id"]) },
        [
            new DbIndex("users_pkey", "users", [new("id", false, "text_ops")], true, "btree"),
            new DbIndex("users_email_key", "users", [new("email", false, "text_ops")], true, "btree"),
            new DbIndex("posts_userId_idx", "posts", [new("userId", false, "text_ops")], false, "btree"),
        ],
        [new DbForeignKey("posts_userId_fkey", "posts", ["userId"], "users", ["id"], DbReferentialAction.Cascade, DbReferentialAction.Cascade)]);

    [Fact]
    public void Finds_nothing_when_the_catalog_matches()
    {
        Assert.Empty(PrismaSchemaComparer.Compare(Expected, Matching()));
    }

    [Fact]
    public void Ignores_extra_columns_indexes_tables_and_foreign_keys()
    {
        var actual = Matching();
        actual = actual with
        {
            Tables = new HashSet<string>(actual.Tables) { "search_cache" },
            Columns = [.. actual.Columns, new CatalogColumn("posts", "search_vector", "tsvector", false, null)],
            Indexes = [.. actual.Indexes, new DbIndex("idx_posts_search", "posts", [new("search_vector", false, null)], false, "gin")],
            ForeignKeys = [.. actual.ForeignKeys, new DbForeignKey("extra_fkey", "posts", ["id"], "users", ["id"], DbReferentialAction.NoAction, DbReferentialAction.NoAction)],
        };

        Assert.Empty(PrismaSchemaComparer.Compare(Expected, actual));
    }

    [Fact]
    public void Reports_an_extra_enum_label()
    {
        var actual = Matching() with { Enums = [new DbEnum("Role", ["USER", "ADMIN", "GUEST"])] };

        var difference = Assert.Single(PrismaSchemaComparer.Compare(Expected, actual));

        Assert.Equal(new SchemaDifference(SchemaDifferenceKind.EnumLabelsDiffer, "Role", "USER, ADMIN", "USER, ADMIN, GUEST"), difference);
    }

    [Fact]
    public void Reports_column_type_nullability_and_default()
    {
        var actual = Matching() with
        {
            Columns = Matching().Columns.Select(c => c.Name switch
            {
                "email" => c with { Type = "text" },
                "role" => c with { NotNull = false },
                "level" => c with { Default = "0" },
                _ => c,
            }).ToList(),
        };

        var differences = PrismaSchemaComparer.Compare(Expected, actual);

        Assert.Equal(
            [
                new SchemaDifference(SchemaDifferenceKind.ColumnNullabilityDiffers, "users.role", "NOT NULL", "NULL"),
                new SchemaDifference(SchemaDifferenceKind.ColumnTypeDiffers, "users.email", "character varying(255)", "text"),
                new SchemaDifference(SchemaDifferenceKind.ColumnDefaultDiffers, "users.level", "-1", "0"),
            ],
            differences);
    }

    [Fact]
    public void Reports_missing_objects()
    {
        var actual = Matching() with
        {
            Extensions = new HashSet<string> { "plpgsql" },
            Enums = [],
            Tables = new HashSet<string> { "users" },
            Indexes = [.. Matching().Indexes.Where(i => i.Name != "users_email_key")],
            PrimaryKeys = new Dictionary<string, DbPrimaryKey>(),
        };

        var kinds = PrismaSchemaComparer.Compare(Expected, actual).Select(d => (d.Kind, d.Object));

        Assert.Equal(
            [
                (SchemaDifferenceKind.MissingExtension, "pg_trgm"),
                (SchemaDifferenceKind.MissingEnum, "Role"),
                (SchemaDifferenceKind.MissingPrimaryKey, "users_pkey"),
                (SchemaDifferenceKind.MissingIndex, "users_email_key"),
                (SchemaDifferenceKind.MissingTable, "posts"),
            ],
            kinds);
    }

    [Fact]
    public void Reports_a_changed_index_and_foreign_key()
    {
        var actual = Matching() with
        {
            Indexes = [.. Matching().Indexes.Select(i => i.Name == "posts_userId_idx" ? i with { Method = "hash" } : i)],
            ForeignKeys = [Matching().ForeignKeys[0] with { OnDelete = DbReferentialAction.SetNull }],
        };

        var differences = PrismaSchemaComparer.Compare(Expected, actual);

        Assert.Equal(
            [
                new SchemaDifference(SchemaDifferenceKind.IndexDiffers, "posts_userId_idx", "btree (\"userId\")", "hash (\"userId\")"),
                new SchemaDifference(SchemaDifferenceKind.ForeignKeyDiffers, "posts_userId_fkey",
                    "(userId) REFERENCES users(id) ON DELETE CASCADE ON UPDATE CASCADE",
                    "(userId) REFERENCES users(id) ON DELETE SET NULL ON UPDATE CASCADE"),
            ],
            differences);
    }
}
