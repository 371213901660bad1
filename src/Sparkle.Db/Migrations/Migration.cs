using System.Security.Cryptography;
using System.Text;

namespace Sparkle.Db.Migrations;

/// <summary>A numbered migration: one file or a folder of files, with an optional down script.</summary>
public sealed class Migration
{
    public Migration(int version, string name, IReadOnlyList<MigrationScript> scripts, MigrationScript? down)
    {
        if (scripts.Count == 0)
        {
            throw new ArgumentException($"Migration {version:000}_{name} has no SQL files.", nameof(scripts));
        }

        Version = version;
        Name = name;
        Scripts = scripts;
        Down = down;
        Checksum = ComputeChecksum(scripts);
    }

    public int Version { get; }

    public string Name { get; }

    public IReadOnlyList<MigrationScript> Scripts { get; }

    public MigrationScript? Down { get; }

    /// <summary>SHA-256 over every file's path and normalised content, in order, as lowercase hex.</summary>
    public string Checksum { get; }

    /// <summary>"transactional" when every file is, "non-transactional" when none is, else "mixed".</summary>
    public string Mode => Scripts.All(s => s.Transactional) ? "transactional"
        : Scripts.All(s => !s.Transactional) ? "non-transactional"
        : "mixed";

    public string DisplayName => $"{Version:000}_{Name}";

    /// <summary>The checksum of each file, to name the file that changed.</summary>
    public IReadOnlyDictionary<string, string> FileChecksums =>
        Scripts.ToDictionary(s => s.Path, s => Hash(s.Content), StringComparer.Ordinal);

    private static string ComputeChecksum(IEnumerable<MigrationScript> scripts)
    {
        var text = new StringBuilder();
        foreach (var script in scripts)
        {
            text.Append(script.Path).Append('\n').Append(script.Content).Append('\n');
        }

        return Hash(text.ToString());
    }

    internal static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
}
