using System.Globalization;
using System.Text.RegularExpressions;

namespace Sparkle.Db.Cluster;

/// <summary>Where the PostgreSQL server programs (initdb, pg_ctl, postgres) live, and their version.</summary>
public sealed partial record PostgresBinaries(string BinDirectory, int MajorVersion)
{
    /// <summary>The oldest server the phases support (pg_stat_statements column names, gen_random_uuid).</summary>
    public const int MinimumMajorVersion = 13;

    public string InitDb => Path.Combine(BinDirectory, "initdb");

    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    public string Postgres => Path.Combine(BinDirectory, "postgres");

    /// <summary>The folder of server extension libraries (for pg_cron detection).</summary>
    public string? PackageLibDirectory { get; init; }

    /// <summary>
    /// Finds the server binaries: $SPARKLE_PG_BINDIR, then <c>pg_config --bindir</c>, then the Debian and source-install
    /// folders (newest version first), then PATH.
    /// </summary>
    public static async Task<PostgresBinaries> FindAsync(CancellationToken cancellationToken = default)
    {
        foreach (var candidate in await CandidatesAsync(cancellationToken))
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl"))
                && File.Exists(Path.Combine(candidate, "postgres")))
            {
                var version = await ReadVersionAsync(Path.Combine(candidate, "postgres"), cancellationToken);
                if (version < MinimumMajorVersion)
                {
                    continue;
                }

                return new PostgresBinaries(candidate, version) { PackageLibDirectory = await PackageLibAsync(candidate, cancellationToken) };
            }
        }

        throw new SparkleDbException(
            "No PostgreSQL server binaries (initdb, pg_ctl, postgres) of version 13 or later were found.",
            "Install the server, for example 'apt-get install postgresql-15' on Debian or Ubuntu, or set SPARKLE_PG_BINDIR " +
            "to the folder that holds initdb; or pass --database-url to use an existing server.",
            exitCode: 3);
    }

    private static async Task<List<string>> CandidatesAsync(CancellationToken cancellationToken)
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("SPARKLE_PG_BINDIR") is { Length: > 0 } explicitDir)
        {
            // An explicit choice is the only candidate: falling back silently would hide a typo.
            return [explicitDir];
        }

        var pgConfig = FindOnPath("pg_config");
        if (pgConfig is not null)
        {
            try
            {
                var result = await ProcessRunner.RunAsync(pgConfig, ["--bindir"], null, TimeSpan.FromSeconds(10), cancellationToken);
                if (result.ExitCode == 0)
                {
                    candidates.Add(result.StandardOutput.Trim());
                }
            }
            catch (SparkleDbException)
            {
                // A broken pg_config is not fatal: the folders below are tried next.
            }
        }

        foreach (var root in new[] { "/usr/lib/postgresql", "/usr/local/pgsql" })
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            var versioned = Directory.GetDirectories(root)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(d => d.Version > 0)
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Dir, "bin"));
            candidates.AddRange(versioned);
            candidates.Add(Path.Combine(root, "bin"));
        }

        if (FindOnPath("initdb") is { } initdb)
        {
            candidates.Add(Path.GetDirectoryName(initdb)!);
        }

        return candidates;
    }

    private static async Task<int> ReadVersionAsync(string postgres, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(postgres, ["--version"], null, TimeSpan.FromSeconds(10), cancellationToken);
        var match = VersionPattern().Match(result.StandardOutput);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private static async Task<string?> PackageLibAsync(string binDirectory, CancellationToken cancellationToken)
    {
        var pgConfig = Path.Combine(binDirectory, "pg_config");
        if (!File.Exists(pgConfig))
        {
            return null;
        }

        var result = await ProcessRunner.RunAsync(pgConfig, ["--pkglibdir"], null, TimeSpan.FromSeconds(10), cancellationToken);
        return result.ExitCode == 0 ? result.StandardOutput.Trim() : null;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"\(PostgreSQL\)\s+(\d+)")]
    private static partial Regex VersionPattern();
}
