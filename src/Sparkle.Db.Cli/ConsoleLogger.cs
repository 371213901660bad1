using Microsoft.Extensions.Logging;

namespace Sparkle.Db.Cli;

/// <summary>Writes the library's log messages to standard error: warnings always, progress with --verbose.</summary>
internal sealed class ConsoleLogger(TextWriter writer, bool verbose) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= (verbose ? LogLevel.Information : LogLevel.Warning);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var prefix = logLevel >= LogLevel.Warning ? "warning: " : "  ";
        writer.WriteLine(prefix + formatter(state, exception));
    }
}
