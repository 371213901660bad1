using Sparkle.Db.Sql;

namespace Sparkle.Db.Benchmarks;

/// <summary>Reads the hot-query files: a header of <c>-- key: value</c> comment lines, then one statement.</summary>
public static class HotQueryCatalog
{
    private const string ResourcePrefix = "queries/";

    public static IReadOnlyList<HotQuery> Embedded() =>
        SqlResources.List(ResourcePrefix).Order(StringComparer.Ordinal).Select(name => Parse(name[ResourcePrefix.Length..], SqlResources.Read(name))).ToArray();

    public static HotQuery Parse(string fileName, string text)
    {
        string? name = null, kind = null, index = null, pick = null, description = null;
        var parameters = new List<string>();
        var body = new List<string>();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (body.Count == 0 && line.StartsWith("--", StringComparison.Ordinal))
            {
                var content = line[2..].Trim();
                if (TryValue(content, "name:", out var v)) { name = v; }
                else if (TryValue(content, "kind:", out v)) { kind = v; }
                else if (TryValue(content, "index:", out v)) { index = v; }
                else if (TryValue(content, "pick:", out v)) { pick = v; }
                else if (TryValue(content, "param", out v)) { parameters.Add(v); }
                else { description ??= content; }

                continue;
            }

            if (body.Count > 0 || line.Length > 0)
            {
                body.Add(line);
            }
        }

        var sql = string.Join('\n', body).Trim().TrimEnd(';').Trim();
        if (sql.Length == 0 || index is null)
        {
            throw new SparkleDbException($"The hot query {fileName} needs an '-- index:' header and a statement.");
        }

        return new HotQuery(name ?? Path.GetFileNameWithoutExtension(fileName), description ?? "", kind ?? "keyed", index, parameters, pick, sql);
    }

    private static bool TryValue(string content, string key, out string value)
    {
        if (content.StartsWith(key, StringComparison.OrdinalIgnoreCase))
        {
            value = content[key.Length..].Trim();
            return true;
        }

        value = "";
        return false;
    }
}
