namespace Sparkle.Db.Connections;

/// <summary>
/// The connection to the server broke while work was under way (the server stopped, restarted or ended the session).
/// The message says what was running; the hint says what state that leaves and how to resume.
/// </summary>
public sealed class ConnectionLostException : SparkleDbException
{
    public ConnectionLostException(string message, string? hint, Exception innerException)
        : base(message, hint, innerException)
    {
    }
}
