using Sparkle.Db.Prisma;
using Xunit;

namespace Sparkle.Db.Tests.Prisma;

/// <summary>The committed migration 000 against the v4.3 reference schema.</summary>
public class BaseMigrationTests
{
    [ReferenceSchemaFact]
    public void The_committed_sql_is_what_the_generator_writes_for_the_reference_schema()
    {
        var directory = Path.Combine(ReferenceSchema.RepositoryRoot, PrismaBaseMigration.RelativeDirectory);

        var rendered = PrismaBaseMigration.Render(ReferenceSchema.Schema);

        Assert.Equal(
            rendered.Select(f => f.FileName),
            Directory.EnumerateFiles(directory, "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var file in rendered)
        {
            Assert.Equal(file.Sql, File.ReadAllText(Path.Combine(directory, file.FileName)));
        }
    }

    [ReferenceSchemaFact]
    public void The_reference_schema_has_112_models_22_enums_and_one_implicit_relation()
    {
        var model = PrismaDatabaseModel.FromSchema(ReferenceSchema.Schema);

        Assert.Equal(112, ReferenceSchema.Schema.Models.Count);
        Assert.Equal(22, model.Enums.Count);
        Assert.Equal(113, model.Tables.Count);
        Assert.Equal("_BundleItems", Assert.Single(ReferenceSchema.Schema.ImplicitManyToManyRelations()).TableName);
        Assert.Equal(494, model.Tables.Sum(t => t.Indexes.Count + (t.PrimaryKey is null ? 0 : 1)));
        Assert.Equal(142, model.ForeignKeys.Count);
    }

    [ReferenceSchemaFact]
    public void Every_table_of_the_reference_schema_has_a_domain()
    {
        Assert.DoesNotContain(PrismaBaseMigration.Render(ReferenceSchema.Schema), f => f.FileName == PrismaSchemaDomains.UnassignedFileName);
    }
}
