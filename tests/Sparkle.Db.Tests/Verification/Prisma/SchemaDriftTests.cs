using Sparkle.Db.Tests.Prisma;
using Sparkle.Db.Tests.Support;
using Sparkle.Db.Verification.Prisma;
using Xunit;

namespace Sparkle.Db.Tests.Verification.Prisma;

/// <summary>The comparer on a migrated database that has drifted from the schema; this class owns its copy.</summary>
public sealed class SchemaDriftTests(MigratedDatabaseFixture database) : IClassFixture<MigratedDatabaseFixture>
{
    [ReferenceSchemaFact]
    public async Task Reports_an_altered_column_a_dropped_index_and_an_extra_enum_label_but_not_additions()
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("""
            ALTER TABLE users ALTER COLUMN email TYPE text;
            DROP INDEX "posts_slug_idx";
            ALTER TYPE "UserRole" ADD VALUE 'GUEST';
            ALTER TABLE posts ADD COLUMN drift_probe tsvector;
            CREATE INDEX idx_posts_drift_probe ON posts USING gin (drift_probe);
            """);

        var differences = await PrismaSchemaComparer.CompareAsync(connection, ReferenceSchema.Schema);

        Assert.Equal(
            [
                (SchemaDifferenceKind.EnumLabelsDiffer, "UserRole"),
                (SchemaDifferenceKind.ColumnTypeDiffers, "users.email"),
                (SchemaDifferenceKind.MissingIndex, "posts_slug_idx"),
            ],
            differences.Select(d => (d.Kind, d.Object)));
        Assert.Equal(("character varying(255)", "text"), (differences[1].Expected, differences[1].Actual));

        var results = await new PrismaSchemaCheck(ReferenceSchema.Schema).RunAsync(connection, CancellationToken.None);

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.False(r.Passed));
        Assert.Equal("prisma.schema.ColumnTypeDiffers", results[1].Name);
    }
}
