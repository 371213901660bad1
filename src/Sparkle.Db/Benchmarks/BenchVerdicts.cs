using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sparkle.Db.Benchmarks;

/// <summary>Reads a benchmark report (docs/performance.json) and says, per index, what the benchmark found.</summary>
public static class BenchVerdicts
{
    /// <summary>The JSON shape of performance.json: camelCase, enums as strings, NaN allowed.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Parses performance.json; a file that is not a report is an <see cref="InvalidInputException"/>.</summary>
    public static BenchReport Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<BenchReport>(json, JsonOptions) is { Queries: not null } report
                ? report
                : throw new InvalidInputException($"{source} holds no benchmark report.", "Pass the performance.json that 'sparkle-db bench' wrote.");
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException($"{source} is not a benchmark report: {ex.Message}", "Pass the performance.json that 'sparkle-db bench' wrote.", ex);
        }
    }

    /// <summary>A verdict for every index the report names: each plan index, and each index a hot query was meant for.</summary>
    public static IReadOnlyDictionary<string, IndexVerdict> For(BenchReport report)
    {
        var intended = report.Queries
            .Where(q => q.IntendedIndex is { Length: > 1 })
            .GroupBy(q => q.IntendedIndex, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var usedBy = report.PlanIndexes.ToDictionary(p => p.Name, p => p.UsedBy, StringComparer.Ordinal);
        var verdicts = new Dictionary<string, IndexVerdict>(StringComparer.Ordinal);
        foreach (var name in intended.Keys.Concat(usedBy.Keys).Distinct(StringComparer.Ordinal))
        {
            var parts = new List<string>();
            RatioClass? best = null;
            if (intended.TryGetValue(name, out var queries))
            {
                foreach (var q in queries)
                {
                    var ratio = q.Ratio is { } r ? r.ToString(r >= 10 ? "0" : "0.0", CultureInfo.InvariantCulture) + "× vs the data model's indexes" : "no baseline to compare";
                    parts.Add($"{q.Name}: {ratio}{(q.OnIntendedIndex ? "" : ", but the planner chose another index")}");
                    best = best is null || q.Class > best ? q.Class : best;
                }
            }

            if (usedBy.TryGetValue(name, out var users))
            {
                var others = users.Where(u => queries is null || queries.All(q => q.Name != u)).ToArray();
                if (others.Length > 0)
                {
                    parts.Add("also used by " + string.Join(", ", others));
                }
                else if (users.Count == 0 && queries is null)
                {
                    parts.Add("served no hot query");
                }
            }

            verdicts[name] = new IndexVerdict(name, string.Join("; ", parts) + string.Create(CultureInfo.InvariantCulture, $" (bench, scale {report.Scale})"), best);
        }

        return verdicts;
    }
}
