namespace Sparkle.Db;

/// <summary>
/// A failure the user can act on: what happened (<see cref="Exception.Message"/>, one line), and what to do about it
/// (<see cref="Hint"/>). The library throws this type or one of its subclasses, each naming a kind of failure; the CLI
/// decides the exit code from the type.
/// </summary>
/// <remarks>Messages never contain passwords: connection details are described through
/// <see cref="Connections.DatabaseTarget.Describe"/>.</remarks>
public class SparkleDbException : Exception
{
    public SparkleDbException(string message, string? hint = null, Exception? innerException = null, string? details = null)
        : base(message, innerException)
    {
        Hint = hint;
        Details = details;
    }

    /// <summary>What the user can do about it, when there is something to say.</summary>
    public string? Hint { get; }

    /// <summary>Longer evidence (a server log's last lines, say), shown only when asked for (--verbose).</summary>
    public string? Details { get; }
}
