using System.Text.Json;
using Npgsql;
using Sparkle.Db.Tests.Support;

namespace Sparkle.Db.Tests.Partitioning;

/// <summary>Reads what CALL maintain_partitions(...) returns (its p_changes) as "name:kind:status" lines.</summary>
internal static class PartitionChanges
{
    public static async Task<List<string>> CallAsync(NpgsqlConnection connection, string call)
    {
        var changes = await connection.ScalarAsync<string?>(call) ?? throw new InvalidOperationException("maintain_partitions was skipped: another maintenance run held the lock.");
        using var json = JsonDocument.Parse(changes);
        return json.RootElement.EnumerateArray()
            .Select(c => $"{c.GetProperty("name").GetString()}:{c.GetProperty("kind").GetString()}:{c.GetProperty("status").GetString()}")
            .ToList();
    }
}
