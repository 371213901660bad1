using System.Text.Json;
using Npgsql;
using Sparkle.Db.Tests.Support;

namespace Sparkle.Db.Tests.Indexes;

/// <summary>Reads EXPLAIN (FORMAT JSON) plans: which indexes a plan uses and which node types it has.</summary>
internal static class PlanJson
{
    public static async Task<JsonElement> ExplainAsync(NpgsqlConnection connection, string query)
    {
        var json = await connection.ScalarAsync<string>("EXPLAIN (FORMAT JSON) " + query);
        using var document = JsonDocument.Parse(json);
        return document.RootElement[0].GetProperty("Plan").Clone();
    }

    public static IReadOnlyList<string> IndexNames(JsonElement plan) =>
        Nodes(plan).Where(n => n.TryGetProperty("Index Name", out _)).Select(n => n.GetProperty("Index Name").GetString()!).ToArray();

    public static IReadOnlyList<string> NodeTypes(JsonElement plan) =>
        Nodes(plan).Select(n => n.GetProperty("Node Type").GetString()!).ToArray();

    private static IEnumerable<JsonElement> Nodes(JsonElement node)
    {
        yield return node;
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                foreach (var descendant in Nodes(child))
                {
                    yield return descendant;
                }
            }
        }
    }
}
