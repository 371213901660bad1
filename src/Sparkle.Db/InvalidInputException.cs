namespace Sparkle.Db;

/// <summary>
/// What the caller gave cannot be used: a database URL that does not parse or asks for something the tool does not do,
/// a file that is not what it should be, a folder that cannot hold the local cluster, an option out of range.
/// Nothing was changed. (The CLI's usage error.)
/// </summary>
public class InvalidInputException : SparkleDbException
{
    public InvalidInputException(string message, string? hint = null, Exception? innerException = null)
        : base(message, hint, innerException)
    {
    }
}
