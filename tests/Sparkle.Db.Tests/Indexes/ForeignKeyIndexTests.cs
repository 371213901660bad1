using Sparkle.Db.Tests.Support;
using Sparkle.Db.Verification;
using Xunit;

namespace Sparkle.Db.Tests.Indexes;

public sealed class ForeignKeyIndexTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    // Every foreign key of public whose columns are not, in any order, the leading columns of some index
    // of its table. This query produced the static list of 008_advanced_indexes/002_foreign_key_indexes.sql;
    // a foreign key added later without an index makes the test below name it. Partitions' clones of a
    // parent's constraint are skipped: the parent's partitioned index covers them.
    private const string UnindexedForeignKeys =
        """
        SELECT c.conrelid::regclass::text || ' (' ||
               (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord)
                  FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) || ') ' || c.conname
          FROM pg_constraint c
          JOIN pg_class t ON t.oid = c.conrelid
          JOIN pg_namespace n ON n.oid = t.relnamespace
         WHERE c.contype = 'f' AND n.nspname = 'public' AND NOT t.relispartition
           AND NOT EXISTS (
               SELECT 1 FROM pg_index i
                WHERE i.indrelid = c.conrelid
                  AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] @> c.conkey
                  AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] <@ c.conkey)
         ORDER BY 1
        """;

    [Fact]
    public async Task Every_foreign_key_in_public_has_an_index_leading_with_its_columns()
    {
        await using var connection = await db.OpenAsync();

        var unindexed = await connection.ColumnAsync<string>(UnindexedForeignKeys);

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
