using System.Security.Cryptography;
using Sparkle.Db.Connections;
using Sparkle.Db.Security;

namespace Sparkle.Db.Cluster;

public sealed partial class LocalCluster
{
    /// <summary>The login role <c>up</c> creates on the local cluster for the application (a member of sparkle_app).</summary>
    public const string ApplicationLogin = "sparkle_app_user";

    /// <summary>
    /// Makes <paramref name="login"/> a LOGIN role of the running cluster, a member of <paramref name="memberOf"/>, with a
    /// password kept in the cluster's private password file next to the superuser's (an existing one is kept). The
    /// password goes to the server as a SCRAM verifier, never as text, and is never printed: URLs name the password file.
    /// </summary>
    public async Task<ClusterInfo> EnsureLoginAsync(string login, IReadOnlyList<string> memberOf, CancellationToken cancellationToken = default)
    {
        var info = Describe() ?? throw new PostgresUnavailableException($"No cluster in {_dataDirectory}.", "Run 'sparkle-db cluster start' first.");
        using var folderLock = await DataDirectoryLock.AcquireAsync(_dataDirectory, _options.LockWait, cancellationToken);

        var lines = File.Exists(PassFilePath) ? (await File.ReadAllLinesAsync(PassFilePath, cancellationToken)).ToList() : [];
        var password = lines.Select(l => l.Split(':')).FirstOrDefault(f => f.Length == 5 && f[0] == "127.0.0.1" && f[3] == login)?[4];
        if (password is null)
        {
            password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
            lines.Add($"127.0.0.1:*:*:{login}:{password}");
            lines.Add($"localhost:*:*:{login}:{password}");
            await PrivateFiles.WriteAsync(PassFilePath, string.Join('\n', lines) + "\n", cancellationToken);
        }

        await using var connection = await ConnectionFailures.OpenAsync(info.Server, cancellationToken);
        await LoginRoles.EnsureAsync(connection, login, password, memberOf, cancellationToken);
        return info;
    }
}
