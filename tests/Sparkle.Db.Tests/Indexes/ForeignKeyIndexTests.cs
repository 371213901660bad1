using Sparkle.Db.Tests.Support;
using Sparkle.Db.Verification;
using Xunit;

namespace Sparkle.Db.Tests.Indexes;

public sealed class ForeignKeyIndexTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Every_foreign_key_in_public_has_an_index_leading_with_its_columns()
    {
        await using var connection = await db.OpenAsync();

        // The catalog query of the verify check; it produced the static list of
        // 008_advanced_indexes/002_foreign_key_indexes.sql and names any foreign key added later without an index.
        var unindexed = await connection.ColumnAsync<string>(ForeignKeyIndexesCheck.UnindexedForeignKeysSql);

        Assert.Empty(unindexed);
    }

    [Fact]
    public async Task Foreign_key_indexes_are_the_ones_the_catalog_lists()
    {
        await using var connection = await db.OpenAsync();

        var onForeignKeys = await connection.ColumnAsync<string>(
            """
            SELECT i.relname::text
              FROM pg_class i JOIN pg_namespace n ON n.oid = i.relnamespace
             WHERE n.nspname = 'public' AND i.relkind IN ('i', 'I') AND i.relname = ANY ($1)
            """,
            // Wrapped: a string[] alone would bind to the params array itself.
            [PlanIndexes.All.Where(p => p.Origin == IndexOrigin.ForeignKey).Select(p => p.Name).ToArray()]);

        Assert.Equal(16, onForeignKeys.Count);
        Assert.All(onForeignKeys, name => Assert.True(name.Length <= 63, name));
    }
}
