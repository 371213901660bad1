namespace Sparkle.Db;

/// <summary>
/// No usable PostgreSQL: no server binaries to start a local cluster with, no local cluster yet, or a server (local or
/// external) older than <see cref="Cluster.PostgresBinaries.MinimumMajorVersion"/>.
/// </summary>
public sealed class PostgresUnavailableException : SparkleDbException
{
    public PostgresUnavailableException(string message, string? hint = null, Exception? innerException = null)
        : base(message, hint, innerException)
    {
    }
}
