using System.Globalization;
using System.Text.RegularExpressions;

namespace Sparkle.Db.Cluster;

/// <summary>Where the PostgreSQL server programs (initdb, pg_ctl, postgres) live, and their version.</summary>
public sealed partial record PostgresBinaries(string BinDirectory, int MajorVersion)
{
    /// <summary>
    /// The oldest server sparkle-db works with, local or external. The migrations need 14 (CREATE OR REPLACE TRIGGER,
    /// pg_stat_statements_info); 15 is the version the project is built and tested on, so 15 is the one minimum.
    /// </summary>
    public const int MinimumMajorVersion = 15;

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
        var tooOld = new List<string>();
        foreach (var candidate in await CandidatesAsync(cancellationToken))
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl"))
                && File.Exists(Path.Combine(candidate, "postgres")))
            {
                var version = await ReadVersionAsync(Path.Combine(candidate, "postgres"), cancellationToken);
                if (version < MinimumMajorVersion)
                {
                    tooOld.Add(version > 0 ? $"{version} in {candidate}" : $"an unknown version in {candidate}");
                    continue;
                }

                return new PostgresBinaries(candidate, version) { PackageLibDirectory = await PackageLibAsync(candidate, cancellationToken) };
            }
        }

        const string hint = "Install the server, for example 'apt-get install postgresql-15' on Debian or Ubuntu, or set SPARKLE_PG_BINDIR " +
            "to the folder that holds initdb; or pass --database-url to use an existing server.";
        throw new PostgresUnavailableException(
            tooOld.Count > 0
                ? $"sparkle-db needs PostgreSQL {MinimumMajorVersion} or later; the server binaries found are older: PostgreSQL {string.Join(", ", tooOld)}."
                : $"No PostgreSQL server binaries (initdb, pg_ctl, postgres) of version {MinimumMajorVersion} or later were found.",
            hint);
    }

    /// <summary>Refuses a server older than <see cref="MinimumMajorVersion"/>, naming it and its version.</summary>
    public static void EnsureSupported(Version serverVersion, string where)
    {
        ArgumentNullException.ThrowIfNull(serverVersion);
        if (serverVersion.Major < MinimumMajorVersion)
        {
            throw new PostgresUnavailableException(
                $"The server at {where} runs PostgreSQL {serverVersion.Major}.{serverVersion.Minor}; sparkle-db needs PostgreSQL {MinimumMajorVersion} or later. Nothing was changed.",
                $"Upgrade the server (pg_upgrade), or point --database-url at a PostgreSQL {MinimumMajorVersion}+ server; without --database-url and DATABASE_URL, sparkle-db starts a local one.");
        }
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
