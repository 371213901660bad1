using Npgsql;

namespace Sparkle.Db.Verification;

/// <summary>
/// V-1, V-6 and the foreign-key indexes: every index of <see cref="PlanIndexes"/> exists on its table with its
/// access method and is valid; the deliberately skipped ones are absent. One result per origin, naming what is
/// wrong.
/// </summary>
internal sealed class PlannedIndexesCheck : ICheck
{
    public string Name => "indexes.planned";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Partition-level copies are excluded: a partitioned table's index counts once, on its parent.
        await using var command = new NpgsqlCommand(
            """
            SELECT i.relname::text, t.relname::text, am.amname::text, x.indisvalid AND x.indisready
              FROM pg_index x
              JOIN pg_class i ON i.oid = x.indexrelid
              JOIN pg_class t ON t.oid = x.indrelid
              JOIN pg_namespace n ON n.oid = i.relnamespace
              JOIN pg_am am ON am.oid = i.relam
             WHERE n.nspname = 'public' AND NOT i.relispartition AND i.relname = ANY ($1)
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = PlanIndexes.All.Select(i => i.Name).ToArray() });
        var found = new Dictionary<string, (string Table, string Method, bool Valid)>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2), reader.GetBoolean(3));
            }
        }

        return PlanIndexes.All.GroupBy(i => i.Origin).Select(group => Result(group.Key, group.ToArray(), found)).ToArray();
    }

    private CheckResult Result(IndexOrigin origin, IReadOnlyList<PlannedIndex> planned, Dictionary<string, (string Table, string Method, bool Valid)> found)
    {
        var problems = new List<string>();
        foreach (var index in planned)
        {
            var exists = found.TryGetValue(index.Name, out var f);
            if (!index.ShouldExist)
            {
                if (exists)
                {
                    problems.Add($"{index.Name} exists but is a recorded departure ({index.Reason})");
                }
            }
            else if (!exists)
            {
                problems.Add($"{index.Name} missing");
            }
            else if (f.Table != index.Table || f.Method != index.Method)
            {
                problems.Add($"{index.Name} is {f.Method} on {f.Table}, expected {index.Method} on {index.Table}");
            }
            else if (!f.Valid)
            {
                problems.Add($"{index.Name} INVALID");
            }
        }

        var expected = planned.Count(i => i.ShouldExist);
        var label = origin switch
        {
            IndexOrigin.Phase002 => "phase 002 (V-1)",
            IndexOrigin.Phase008 => "phase 008 (V-6)",
            IndexOrigin.ForeignKey => "foreign keys",
            _ => "the app's hot queries",
        };
        return new CheckResult(
            $"{Name}.{origin.ToString().ToLowerInvariant()}",
            problems.Count == 0,
            $"{expected} valid indexes of {label}, {planned.Count - expected} skipped as recorded",
            problems.Count == 0 ? $"{expected} valid" : string.Join("; ", problems),
            problems.Count == 0 ? null : "Run 'sparkle-db migrate'; docs/INDEXES.md lists every index and departure.");
    }
}
