using Sparkle.Db.Prisma;
using Xunit;

namespace Sparkle.Db.Tests.Prisma;

public class PrismaParserTests
{
    [Fact]
    public void Reads_datasource_extensions_and_ignores_generators()
    {
        var schema = PrismaSchema.Parse("""
            generator client {
              provider        = "prisma-client-js"
              previewFeatures = ["fullTextSearchPostgres", "postgresqlExtensions"]
            }

            datasource db {
              provider   = "postgresql"
              url        = env("DATABASE_URL")
              extensions = [pgcrypto, pg_trgm, uuidOssp(map: "uuid-ossp")]
            }
            """);

        var datasource = Assert.Single(schema.Datasources);
        Assert.Equal("postgresql", datasource.Provider);
        Assert.Equal(["pgcrypto", "pg_trgm", "uuid-ossp"], schema.Extensions);
        Assert.Empty(schema.Models);
    }

    [Fact]
    public void Reads_enum_values_with_their_database_names()
    {
        var schema = PrismaSchema.Parse("""
            enum Colour {
              RED
              DARK_GREEN @map("dark-green")
              @@map("colour")
            }
            """);

        var colour = Assert.Single(schema.Enums);
        Assert.Equal("colour", colour.DatabaseName);
        Assert.Equal(["RED", "DARK_GREEN"], colour.Values.Select(v => v.Name));
        Assert.Equal(["RED", "dark-green"], colour.Values.Select(v => v.DatabaseName));
    }

    [Fact]
    public void Reads_field_types_optional_lists_and_unsupported()
    {
        var model = Assert.Single(PrismaSchema.Parse("""
            model Doc {
              id      String   @id
              title   String?
              tags    String[]
              history Json[]
              search  Unsupported("tsvector")?
            }
            """).Models);

        Assert.False(model.Field("title") is null);
        Assert.True(model.Field("title")!.IsOptional);
        Assert.True(model.Field("tags")!.IsList);
        Assert.Equal("Json", model.Field("history")!.TypeName);
        Assert.Equal("tsvector", model.Field("search")!.UnsupportedType);
        Assert.True(model.Field("search")!.IsOptional);
    }

    [Fact]
    public void Reads_field_attributes_with_their_arguments()
    {
        var model = Assert.Single(PrismaSchema.Parse("""
            model Price {
              id       Int      @id @default(autoincrement()) @map("price_id")
              amount   Decimal  @default(0.7000) @db.Decimal(19, 4)
              name     String   @unique(map: "price_name_uq") @db.VarChar(255)
              day      DateTime @default(dbgenerated("CURRENT_DATE")) @db.Date
              updated  DateTime @updatedAt
              tags     String[] @default([])
            }
            """).Models);

        Assert.Equal("price_id", model.Field("id")!.DatabaseName);
        Assert.Equal("autoincrement()", model.Field("id")!.Attribute("default")!.Argument("value", 0)!.ToString());
        var native = model.Field("amount")!.NativeType!;
        Assert.Equal("db.Decimal", native.Name);
        Assert.Equal(["19", "4"], native.Arguments.Select(a => ((PrismaNumberValue)a.Value).Text));
        Assert.Equal("price_name_uq", model.Field("name")!.Attribute("unique")!.StringArgument("map"));
        var dbgenerated = (PrismaFunctionValue)model.Field("day")!.Attribute("default")!.Argument("value", 0)!;
        Assert.Equal(new PrismaStringValue("CURRENT_DATE"), dbgenerated.Arguments[0].Value);
        Assert.True(model.Field("updated")!.HasAttribute("updatedAt"));
        Assert.Empty(Assert.IsType<PrismaArrayValue>(model.Field("tags")!.Attribute("default")!.Argument("value", 0)).Items);
    }

    [Fact]
    public void Reads_relation_attributes()
    {
        var schema = PrismaSchema.Parse("""
            model Post {
              id       String @id
              authorId String?
              author   User?  @relation("UserPosts", fields: [authorId], references: [id], onDelete: SetNull, onUpdate: Cascade, map: "post_author")
            }
            model User {
              id    String @id
              posts Post[] @relation("UserPosts")
            }
            """);

        var relation = schema.Model("Post")!.Field("author")!.Attribute("relation")!;
        Assert.Equal("UserPosts", PrismaSchema.RelationName(schema.Model("Post")!.Field("author")!));
        Assert.Equal("[authorId]", relation.Argument("fields")!.ToString());
        Assert.Equal("SetNull", relation.ConstantArgument("onDelete"));
        Assert.Equal("Cascade", relation.ConstantArgument("onUpdate"));
        Assert.Equal("post_author", relation.StringArgument("map"));
        Assert.True(schema.IsRelationField(schema.Model("User")!.Field("posts")!));
        Assert.False(schema.IsRelationField(schema.Model("Post")!.Field("authorId")!));
    }

    [Fact]
    public void Reads_block_attributes_with_sort_type_and_operator_classes()
    {
        var model = Assert.Single(PrismaSchema.Parse("""
            /// Events of the platform.
            model Event {
              id        String   @id
              kind      String
              createdAt DateTime
              data      Json

              @@unique([kind, createdAt], map: "event_kind_time")
              @@index([kind, createdAt(sort: Desc)]) // newest first
              @@index([data(ops: JsonbPathOps)], type: Gin, map: "event_data_gin")
              @@map("events")
              @@schema("public")
            }
            """).Models);

        Assert.Equal("events", model.TableName);
        Assert.Equal("Events of the platform.", model.Documentation);
        Assert.Equal(["unique", "index", "index", "map", "schema"], model.BlockAttributes.Select(a => a.Name));
        var sorted = (PrismaArrayValue)model.BlockAttributes[1].Argument("fields", 0)!;
        Assert.Equal("createdAt(sort: Desc)", sorted.Items[1].ToString());
        Assert.Equal("Gin", model.BlockAttributes[2].ConstantArgument("type"));
    }

    [Fact]
    public void Reads_compound_ids()
    {
        var model = Assert.Single(PrismaSchema.Parse("""
            model PostTag {
              postId String
              tagId  String
              @@id([postId, tagId])
            }
            """).Models);

        Assert.NotNull(model.BlockAttribute("id"));
        Assert.Equal("PostTag", model.TableName);
    }

    [Fact]
    public void Detects_implicit_many_to_many_and_orders_the_models_by_name()
    {
        var schema = PrismaSchema.Parse("""
            model StoreItem {
              id      String        @id
              bundles StoreBundle[] @relation("BundleItems")
            }
            model StoreBundle {
              id    String      @id
              items StoreItem[] @relation("BundleItems")
            }
            model Post {
              id   String @id
              tags Tag[]
            }
            model Tag {
              id    String @id
              posts Post[]
            }
            """);

        var relations = schema.ImplicitManyToManyRelations();

        Assert.Equal(2, relations.Count);
        Assert.Equal(("_BundleItems", "StoreBundle", "StoreItem"), (relations[0].TableName, relations[0].ModelA.Name, relations[0].ModelB.Name));
        Assert.Equal(("_PostToTag", "Post", "Tag"), (relations[1].TableName, relations[1].ModelA.Name, relations[1].ModelB.Name));
    }

    [Fact]
    public void A_one_to_many_relation_is_not_many_to_many()
    {
        var schema = PrismaSchema.Parse("""
            model User {
              id    String @id
              posts Post[]
            }
            model Post {
              id     String @id
              userId String
              user   User   @relation(fields: [userId], references: [id])
            }
            """);

        Assert.Empty(schema.ImplicitManyToManyRelations());
    }

    [Fact]
    public void Reports_where_the_schema_is_wrong()
    {
        var error = Assert.Throws<PrismaSchemaException>(() => PrismaSchema.Parse("model A {\n  id String @id\n  = 3\n}"));

        Assert.Equal(3, error.Line);
    }
}
