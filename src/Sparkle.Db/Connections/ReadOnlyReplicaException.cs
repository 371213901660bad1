namespace Sparkle.Db.Connections;

/// <summary>
/// The database is a read-only replica (a server in recovery) and the command writes: maintenance and migrations run
/// on the primary only. Nothing was changed. A usage error (exit 2): the URL names the wrong server.
/// </summary>
public sealed class ReadOnlyReplicaException : InvalidInputException
{
    public ReadOnlyReplicaException(string message, string? hint = null)
        : base(message, hint)
    {
    }
}
