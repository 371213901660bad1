namespace Sparkle.Db.Cluster;

/// <summary>How a local development or test cluster is laid out and configured.</summary>
public sealed record LocalClusterOptions
{
    /// <summary>The default folder, relative to the working directory (ignored by git).</summary>
    public const string DefaultDataDirectory = ".sparkle-db";

    /// <summary>The folder that holds the cluster's state file, password file and (when reachable) the server files.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The unprivileged OS user that runs the server when sparkle-db runs as root.</summary>
    public string ServerOsUser { get; init; } = Environment.GetEnvironmentVariable("SPARKLE_PG_OS_USER") is { Length: > 0 } user ? user : "postgres";

    /// <summary>Extra server settings written to postgresql.conf at initdb time (tests turn off fsync, for example).</summary>
    public IReadOnlyDictionary<string, string> ExtraSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>How long start waits for the server to accept connections.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
