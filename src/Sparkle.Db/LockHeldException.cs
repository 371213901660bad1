namespace Sparkle.Db;

/// <summary>Another session holds the lock this work needs (a migration run in progress, say); nothing was changed.</summary>
public sealed class LockHeldException : SparkleDbException
{
    public LockHeldException(string message, string? hint = null, Exception? innerException = null)
        : base(message, hint, innerException)
    {
    }
}
