using Sparkle.Db.Prisma;
using Xunit;

namespace Sparkle.Db.Tests.Prisma;

public class PrismaDatabaseModelTests
{
    private static readonly PrismaDatabaseModel Model = PrismaDatabaseModel.FromSchema(PrismaSchema.Parse("""
        datasource db {
          provider   = "postgresql"
          url        = env("DATABASE_URL")
          extensions = [pgcrypto, pg_trgm]
        }

        enum Role {
          USER
          ADMIN @map("admin")
          @@map("role")
        }

        model User {
          id        String    @id @default(cuid())
          email     String    @unique @db.VarChar(255)
          role      Role      @default(ADMIN)
          roles     Role[]
          codes     String[]  @default([])
          flags     String[]
          history   Json[]
          settings  Json      @default("{}")
          share     Decimal   @default(0.7000) @db.Decimal(5, 4)
          price     Decimal?
          total     BigInt    @default(0)
          ratio     Float     @default(0)
          seen      DateTime? @db.Timestamptz(6)
          day       DateTime  @default(dbgenerated("CURRENT_DATE")) @db.Date
          createdAt DateTime  @default(now())
          updatedAt DateTime  @updatedAt
          name      String    @default("it's") @map("display_name")
          verified  Boolean   @default(false)
          search    Unsupported("tsvector")?
          parentId  String?
          parent    User?     @relation("Tree", fields: [parentId], references: [id])
          children  User[]    @relation("Tree")
          posts     Post[]

          @@index([role, createdAt(sort: Desc)])
          @@index([settings(ops: JsonbPathOps)], type: Gin)
          @@map("users")
        }

        model Post {
          id       Int    @id @default(autoincrement())
          authorId String
          author   User   @relation(fields: [authorId], references: [id])
          tags     Tag[]

          @@unique([authorId, id], map: "post_author_id")
        }

        model Tag {
          id    String @id
          posts Post[]
        }
        """));

    private static DbColumn Column(string table, string column) => Model.Table(table)!.Column(column)!;

    [Fact]
    public void Names_tables_and_columns_by_their_maps()
    {
        Assert.Equal(["users", "Post", "Tag", "_PostToTag"], Model.Tables.Select(t => t.Name));
        Assert.NotNull(Model.Table("users")!.Column("display_name"));
        Assert.Null(Model.Table("users")!.Column("parent"));
        Assert.Equal(["pgcrypto", "pg_trgm"], Model.Extensions);
        Assert.Equal(["USER", "admin"], Model.Enums.Single().Values);
    }

    [Theory]
    [InlineData("id", "TEXT", "text", true)]
    [InlineData("email", "VARCHAR(255)", "character varying(255)", true)]
    [InlineData("role", "\"role\"", "role", true)]
    [InlineData("roles", "\"role\"[]", "role[]", false)]
    [InlineData("codes", "TEXT[]", "text[]", false)]
    [InlineData("history", "JSONB[]", "jsonb[]", false)]
    [InlineData("settings", "JSONB", "jsonb", true)]
    [InlineData("share", "DECIMAL(5,4)", "numeric(5,4)", true)]
    [InlineData("price", "DECIMAL(65,30)", "numeric(65,30)", false)]
    [InlineData("total", "BIGINT", "bigint", true)]
    [InlineData("ratio", "DOUBLE PRECISION", "double precision", true)]
    [InlineData("seen", "TIMESTAMPTZ(6)", "timestamp(6) with time zone", false)]
    [InlineData("day", "DATE", "date", true)]
    [InlineData("createdAt", "TIMESTAMP(3)", "timestamp(3) without time zone", true)]
    [InlineData("search", "tsvector", "tsvector", false)]
    public void Maps_types_and_nullability_as_Prisma_does(string column, string ddl, string catalog, bool notNull)
    {
        var found = Column("users", column);

        Assert.Equal(new DbColumnType(ddl, catalog), found.Type);
        Assert.Equal(notNull, found.NotNull);
    }

    [Theory]
    [InlineData("id", null)]
    [InlineData("role", "'admin'")]
    [InlineData("codes", "ARRAY[]::TEXT[]")]
    [InlineData("flags", null)]
    [InlineData("settings", "'{}'")]
    [InlineData("share", "0.7000")]
    [InlineData("total", "0")]
    [InlineData("day", "CURRENT_DATE")]
    [InlineData("createdAt", "CURRENT_TIMESTAMP")]
    [InlineData("updatedAt", null)]
    [InlineData("display_name", "'it''s'")]
    [InlineData("verified", "false")]
    public void Writes_defaults_as_Prisma_does(string column, string? sql)
    {
        Assert.Equal(sql, Column("users", column).Default?.Sql);
    }

    [Fact]
    public void Turns_autoincrement_into_serial()
    {
        var id = Column("Post", "id");

        Assert.Equal(new DbColumnType("SERIAL", "integer"), id.Type);
        Assert.Equal(DbDefaultKind.Sequence, id.Default!.Kind);
    }

    [Fact]
    public void Names_keys_and_indexes_by_convention_or_map()
    {
        var users = Model.Table("users")!;

        Assert.Equal(new DbPrimaryKey("users_pkey", ["id"]).Columns, users.PrimaryKey!.Columns);
        Assert.Equal("users_pkey", users.PrimaryKey.Name);
        Assert.Equal(["users_email_key", "users_role_createdAt_idx", "users_settings_idx"], users.Indexes.Select(i => i.Name));
        Assert.True(users.Indexes[0].IsUnique);
        Assert.Equal([false, true], users.Indexes[1].Columns.Select(c => c.Descending));
        Assert.Equal("gin", users.Indexes[2].Method);
        Assert.Equal("jsonb_path_ops", users.Indexes[2].Columns[0].OperatorClass);
        Assert.Equal("post_author_id", Model.Table("Post")!.Indexes.Single().Name);
    }

    [Fact]
    public void Defaults_referential_actions_by_optionality()
    {
        var selfRelation = Model.ForeignKeys.Single(k => k.Name == "users_parentId_fkey");
        var required = Model.ForeignKeys.Single(k => k.Name == "Post_authorId_fkey");

        Assert.Equal((DbReferentialAction.SetNull, DbReferentialAction.Cascade), (selfRelation.OnDelete, selfRelation.OnUpdate));
        Assert.Equal("users", selfRelation.ReferencedTable);
        Assert.Equal((DbReferentialAction.Restrict, DbReferentialAction.Cascade), (required.OnDelete, required.OnUpdate));
    }

    [Fact]
    public void Builds_the_implicit_many_to_many_table_as_Prisma_6()
    {
        var join = Model.Table("_PostToTag")!;

        Assert.Equal([("A", "integer"), ("B", "text")], join.Columns.Select(c => (c.Name, c.Type.Catalog)));
        Assert.Equal("INTEGER", join.Columns[0].Type.Ddl);
        Assert.Equal("_PostToTag_AB_pkey", join.PrimaryKey!.Name);
        Assert.Equal(["A", "B"], join.PrimaryKey.Columns);
        Assert.Equal("_PostToTag_B_index", join.Indexes.Single().Name);
        var keys = Model.ForeignKeys.Where(k => k.Table == "_PostToTag").ToList();
        Assert.Equal(["_PostToTag_A_fkey", "_PostToTag_B_fkey"], keys.Select(k => k.Name));
        Assert.Equal(["Post", "Tag"], keys.Select(k => k.ReferencedTable));
        Assert.All(keys, k => Assert.Equal((DbReferentialAction.Cascade, DbReferentialAction.Cascade), (k.OnDelete, k.OnUpdate)));
    }
}
