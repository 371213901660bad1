namespace Sparkle.Db;

/// <summary>
/// A failure the user can act on: what happened, and what to do about it.
/// The CLI prints <see cref="Exception.Message"/> and <see cref="Hint"/> and exits with <see cref="ExitCode"/>.
/// </summary>
/// <remarks>Messages never contain passwords: connection details are described through
/// <see cref="Connections.DatabaseTarget.Describe"/>.</remarks>
public class SparkleDbException : Exception
{
    public SparkleDbException(string message, string? hint = null, Exception? innerException = null, int exitCode = 1)
        : base(message, innerException)
    {
        Hint = hint;
        ExitCode = exitCode;
    }

    /// <summary>What the user can do about it, when there is something to say.</summary>
    public string? Hint { get; }

    /// <summary>The process exit code the CLI uses for this failure.</summary>
    public int ExitCode { get; }
}
