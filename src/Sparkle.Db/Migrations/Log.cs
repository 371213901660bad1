using Microsoft.Extensions.Logging;

namespace Sparkle.Db.Migrations;

/// <summary>The migration runner's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Another {Purpose} holds the lock ({Holder}); waiting up to {Seconds} s for it to finish")]
    public static partial void WaitingForLock(ILogger logger, string purpose, string holder, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Migration} ({Mode}, {Statements} statements)")]
    public static partial void Applying(ILogger logger, string migration, string mode, int statements);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Migration} in {Milliseconds} ms")]
    public static partial void Applied(ILogger logger, string migration, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} hit {SqlState} ({Message}); retry {Attempt} of {MaxRetries} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string what, string sqlState, string message, int attempt, int maxRetries, long delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Index {Index} is INVALID (an interrupted concurrent build); dropping and rebuilding it")]
    public static partial void HealingIndex(ILogger logger, string index);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migration {Version} ({Name}) is in the journal but no longer among the tool's migrations")]
    public static partial void UnknownMigration(ILogger logger, int version, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rolling back {Migration}")]
    public static partial void RollingBack(ILogger logger, string migration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not read which sessions hold the locks: {Message}")]
    public static partial void BlockersUnknown(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Healing an INVALID index: {Statement}")]
    public static partial void HealingStatement(ILogger logger, string statement);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recorded the new checksum of {Migration}: {Recorded} -> {Current}")]
    public static partial void Repaired(ILogger logger, string migration, string recorded, string current);
}
