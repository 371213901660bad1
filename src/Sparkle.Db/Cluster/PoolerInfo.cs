using System.Globalization;

namespace Sparkle.Db.Cluster;

/// <summary>
/// PgBouncer in front of the local cluster (transaction pooling). <see cref="UrlFor"/> is the URL the application uses:
/// the login's password stays in the cluster's private passfile, and PgBouncer checks it against the SCRAM secret in
/// its own 0600 auth file. <c>pgbouncer=true</c> tells Prisma's classic query engine not to use named prepared
/// statements, which PgBouncer 1.18 cannot carry across transactions.
/// </summary>
public sealed record PoolerInfo(int Port, bool Running, string PassFile, string Directory)
{
    public string UrlFor(string database, string user) =>
        string.Create(CultureInfo.InvariantCulture,
            $"postgresql://{Uri.EscapeDataString(user)}@127.0.0.1:{Port}/{Uri.EscapeDataString(database)}?passfile={Uri.EscapeDataString(PassFile)}&pgbouncer=true");
}
