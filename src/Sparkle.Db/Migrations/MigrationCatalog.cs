using System.Globalization;
using System.Text.RegularExpressions;
using Sparkle.Db.Sql;

namespace Sparkle.Db.Migrations;

/// <summary>
/// The ordered set of migrations: <c>NNN_name.sql</c> files and <c>NNN_name/</c> folders, with optional
/// <c>NNN_name.down.sql</c> down scripts beside them.
/// </summary>
public sealed partial class MigrationCatalog
{
    private const string ResourcePrefix = "migrations/";

    private MigrationCatalog(IReadOnlyList<Migration> migrations) => Migrations = migrations;

    public IReadOnlyList<Migration> Migrations { get; }

    /// <summary>The migrations embedded in the library from db/migrations.</summary>
    public static MigrationCatalog Embedded() =>
        FromFiles(SqlResources.List(ResourcePrefix).Select(name => (name[ResourcePrefix.Length..], SqlResources.Read(name))));

    /// <summary>Migrations from a folder on disk laid out like db/migrations.</summary>
    public static MigrationCatalog FromDirectory(string directory) =>
        FromFiles(Directory.EnumerateFiles(directory, "*.sql", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(directory, f).Replace('\\', '/'), File.ReadAllText(f))));

    /// <summary>Migrations from (relative path, content) pairs; paths use '/' and follow the db/migrations layout.</summary>
    public static MigrationCatalog FromFiles(IEnumerable<(string Path, string Content)> files)
    {
        var groups = new SortedDictionary<int, (string Name, List<MigrationScript> Scripts, MigrationScript? Down)>();
        foreach (var (path, content) in files)
        {
            var parts = path.Split('/');
            var top = parts[0];
            var match = TopLevelPattern().Match(top);
            if (!match.Success)
            {
                throw new SparkleDbException($"The migration path '{path}' does not start with a version number (NNN_name).");
            }

            var version = int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture);
            var isDown = parts.Length == 1 && top.EndsWith(".down.sql", StringComparison.Ordinal);
            var name = parts.Length == 1
                ? top[(match.Groups["version"].Length + 1)..^(isDown ? ".down.sql".Length : ".sql".Length)]
                : top[(match.Groups["version"].Length + 1)..];

            if (!groups.TryGetValue(version, out var group))
            {
                group = (name, [], null);
            }
            else if (!isDown && group.Scripts.Count > 0 && !string.Equals(group.Name, name, StringComparison.Ordinal))
            {
                throw new SparkleDbException($"Two migrations share version {version:000}: '{group.Name}' and '{name}'.");
            }

            var script = new MigrationScript(path, content);
            if (isDown)
            {
                group.Down = script;
            }
            else
            {
                group.Name = name;
                group.Scripts.Add(script);
            }

            groups[version] = group;
        }

        var migrations = new List<Migration>();
        foreach (var (version, group) in groups)
        {
            if (group.Scripts.Count == 0)
            {
                throw new SparkleDbException($"The down script {group.Down!.Path} has no migration beside it.");
            }

            migrations.Add(new Migration(version, group.Name, group.Scripts.OrderBy(s => s.Path, StringComparer.Ordinal).ToArray(), group.Down));
        }

        return new MigrationCatalog(migrations);
    }

    [GeneratedRegex(@"^(?<version>\d+)_")]
    private static partial Regex TopLevelPattern();
}
