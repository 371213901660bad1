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

    /// <summary>
    /// Where the server files go, each cluster in a folder of its own with a random name, when the tool runs as root and
    /// <see cref="ServerOsUser"/> cannot reach <see cref="DataDirectory"/> (a private or 0700 data folder, say).
    /// </summary>
    public string ServerFallbackDirectory { get; init; } = "/var/tmp";

    /// <summary>How long start, stop and destroy wait for another process that holds the data folder's lock.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How long start waits for the server to accept connections.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
