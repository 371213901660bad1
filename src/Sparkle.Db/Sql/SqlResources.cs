using System.Reflection;

namespace Sparkle.Db.Sql;

/// <summary>
/// Reads the SQL files embedded in this assembly (db/migrations, db/queries, db/engine) by resource name.
/// </summary>
public static class SqlResources
{
    private static readonly Assembly Assembly = typeof(SqlResources).Assembly;

    /// <summary>Names of all embedded SQL resources under a prefix such as <c>migrations/</c>.</summary>
    public static IReadOnlyList<string> List(string prefix) =>
        Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>The text of one embedded resource; throws when the name is unknown, so a typo fails loudly.</summary>
    public static string Read(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded SQL resource '{name}' does not exist.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
