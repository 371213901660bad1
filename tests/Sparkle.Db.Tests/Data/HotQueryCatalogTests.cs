using System.Text.RegularExpressions;
using Sparkle.Db.Benchmarks;
using Xunit;

namespace Sparkle.Db.Tests.Data;

public sealed class HotQueryCatalogTests
{
    [Fact]
    public void A_query_file_header_gives_name_kind_index_parameters_and_pick()
    {
        var query = HotQueryCatalog.Parse("x.sql",
            "-- name: unread\n-- A user's unread notifications.\n-- kind: keyed\n-- index: idx_notifications_unread_partial\n" +
            "-- param $1: a user with unread notifications\n-- pick: SELECT 'u1'\nSELECT 1\nFROM notifications WHERE \"userId\" = $1;\n");
        Assert.Equal("unread", query.Name);
        Assert.Equal("keyed", query.Kind);
        Assert.Equal("idx_notifications_unread_partial", query.Index);
        Assert.Equal("A user's unread notifications.", query.Description);
        Assert.Equal(["$1: a user with unread notifications"], query.Parameters);
        Assert.Equal("SELECT 'u1'", query.Pick);
        Assert.Equal("SELECT 1\nFROM notifications WHERE \"userId\" = $1", query.Sql);
    }

    [Fact]
    public void A_query_without_an_index_header_is_rejected()
    {
        Assert.Throws<SparkleDbException>(() => HotQueryCatalog.Parse("x.sql", "-- name: x\nSELECT 1;"));
    }

    [Fact]
    public void Every_embedded_query_names_an_index_and_picks_each_parameter_it_uses()
    {
        var queries = HotQueryCatalog.Embedded();
        Assert.True(queries.Count >= 30);
        foreach (var query in queries)
        {
            var used = Regex.Matches(query.Sql, @"\$(\d+)").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
            Assert.Equal(used, query.Parameters.Count);
            Assert.True(used == 0 || query.Pick is not null, query.Name);
            Assert.Contains(query.Kind, new[] { "keyed", "feed", "queue", "search", "aggregate" });
            Assert.False(string.IsNullOrWhiteSpace(query.Index), query.Name);
        }
    }
}
