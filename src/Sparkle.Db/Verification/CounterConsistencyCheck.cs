using Npgsql;

namespace Sparkle.Db.Verification;

/// <summary>
/// The counters the database owns (sparkle_db.owned_counters, phase 005) equal a recount of their source rows: every row
/// of a small table, a random sample of about <see cref="SampleRows"/> rows of a large one. One result per counter table,
/// named <c>counters.&lt;table&gt;</c>, with how many rows differ and a few of their keys. The triggers keep them exact;
/// this catches what bypasses triggers (a restore, a replica-mode load, a manual write as the counters' owner).
/// </summary>
internal sealed class CounterConsistencyCheck(int sampleRows = CounterConsistencyCheck.DefaultSampleRows) : ICheck
{
    public const int DefaultSampleRows = 10_000;

    public string Name => "counters";

    public int SampleRows => sampleRows;

    public async Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regprocedure('sparkle_db.check_counters(integer)') IS NOT NULL", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return
                [
                    new CheckResult(Name, false, "owned counters equal their recount", "sparkle_db.check_counters() is missing (phase 005 not applied)",
                        "Run `sparkle-db migrate`."),
                ];
            }
        }

        await using var command = new NpgsqlCommand(
            "SELECT table_name, rows_checked, rows_differing, sampled, example_keys FROM sparkle_db.check_counters($1)", connection)
        {
            CommandTimeout = 0,
        };
        command.Parameters.Add(new() { Value = sampleRows });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var results = new List<CheckResult>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var table = reader.GetString(0);
            var checkedRows = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
            var differing = reader.GetInt64(2);
            var sampled = !reader.IsDBNull(3) && reader.GetBoolean(3);
            var keys = reader.IsDBNull(4) ? [] : reader.GetFieldValue<string[]>(4);
            var scope = sampled ? $"a sample of {checkedRows} rows" : $"all {checkedRows} rows";
            var found = differing == 0
                ? $"{scope}: every counter equals its recount"
                : $"{scope}: {differing} rows differ from their recount (e.g. {string.Join(", ", keys)})";
            results.Add(new CheckResult($"{Name}.{table}", differing == 0, "owned counters equal their recount", found,
                differing == 0 ? null : "`sparkle-db maintain` recounts the rows that differ and journals what it fixed."));
        }

        return results;
    }
}
