using Sparkle.Db.Tests.Prisma;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.App;

/// <summary>docs/APP.md tells the app's developers which counters the database owns: its table is the database's list.</summary>
public sealed class AppDocumentationTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task The_owned_counters_table_of_APP_md_is_the_databases_list()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(ReferenceSchema.RepositoryRoot, "docs", "APP.md"));
        var start = text.IndexOf("<!-- owned-counters:start -->", StringComparison.Ordinal);
        var end = text.IndexOf("<!-- owned-counters:end -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "docs/APP.md has lost its owned-counters markers");
        var documented = text[start..end]
            .Split('\n')
            .Where(line => line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| table", StringComparison.Ordinal))
            .Select(line => string.Join(" | ", line.Split('|', StringSplitOptions.TrimEntries)[1..4]))
            .ToList();

        await using var connection = await db.OpenAsync();
        var owned = await connection.ColumnAsync<string>(
            "SELECT table_name || ' | ' || column_name || ' | ' || counts FROM sparkle_db.owned_counters ORDER BY table_name, column_name");

        Assert.Equal(owned, documented);
    }
}
