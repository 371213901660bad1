using System.Globalization;

namespace Sparkle.Db.Cluster;

/// <summary>How to reach a running local cluster; <c>Server</c> is the superuser connection to the database <c>postgres</c>.</summary>
public sealed record ClusterInfo(Connections.DatabaseTarget Server, int Port, string PassFile, string ServerDirectory)
{
    /// <summary>
    /// A URL psql and Prisma accept. The password stays in the private password file (libpq's <c>passfile</c>
    /// parameter), so the URL can be printed.
    /// </summary>
    public string UrlFor(string database, string user = "postgres") =>
        string.Create(CultureInfo.InvariantCulture, $"postgresql://{Uri.EscapeDataString(user)}@127.0.0.1:{Port}/{Uri.EscapeDataString(database)}?passfile={Uri.EscapeDataString(PassFile)}");
}
