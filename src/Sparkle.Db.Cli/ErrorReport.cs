using System.Text.RegularExpressions;
using Npgsql;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Cli;

/// <summary>
/// The one place a failure becomes output: a one-line message, a hint when there is one, the exit code by the
/// exception's type (<see cref="ExitCodes"/>), and the details and stack trace only with --verbose.
/// </summary>
internal static class ErrorReport
{
    public static async Task<int> WriteAsync(Exception exception, TextWriter error, bool verbose)
    {
        var (message, hint) = Describe(exception);
        await error.WriteLineAsync("error: " + OneLine(message));
        if (hint is not null)
        {
            await error.WriteLineAsync("hint: " + OneLine(hint));
        }

        if (verbose)
        {
            if (exception is SparkleDbException { Details: { Length: > 0 } details })
            {
                await error.WriteLineAsync(details);
            }

            await error.WriteLineAsync(exception.ToString());
        }

        return ExitCodes.For(exception);
    }

    /// <summary>A usage error from the command-line parser: every complaint on one line, and where to read the usage.</summary>
    public static async Task<int> WriteUsageAsync(IReadOnlyList<string> messages, string commandPath, bool isRoot, TextWriter error)
    {
        var complaints = messages.Select(Plain).Distinct(StringComparer.Ordinal).ToList();
        if (complaints.Count > 1)
        {
            // "No command given" adds nothing to "Unknown command 'frob'".
            complaints.Remove(NoCommand);
        }

        await error.WriteLineAsync("error: " + OneLine(string.Join(" ", complaints)));
        await error.WriteLineAsync(isRoot
            ? $"hint: '{commandPath} --help' lists the commands."
            : $"hint: '{commandPath} --help' lists its options.");
        return ExitCodes.Usage;
    }

    private const string NoCommand = "No command given.";

    // The parser's wording names .NET types; say what to type instead.
    private static string Plain(string message)
    {
        if (message.StartsWith("Required command was not provided", StringComparison.Ordinal))
        {
            return NoCommand;
        }

        var match = Regex.Match(message, @"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'");
        if (!match.Success)
        {
            return message;
        }

        var type = match.Groups["type"].Value;
        var expected = type.Contains("Int", StringComparison.Ordinal) ? "a whole number"
            : type.Contains("Double", StringComparison.Ordinal) || type.Contains("Decimal", StringComparison.Ordinal) ? "a number (write decimals with a point)"
            : type.Contains("DateTime", StringComparison.Ordinal) ? "a date and time such as 2026-11-01T00:00Z"
            : "a valid value";
        return $"{match.Groups["option"].Value} '{match.Groups["value"].Value}' is not {expected}.";
    }

    private static (string Message, string? Hint) Describe(Exception exception) => exception switch
    {
        SparkleDbException known => (known.Message, known.Hint),
        OperationCanceledException => (
            "Interrupted.",
            "Work that ran in a transaction was rolled back; run the command again to resume ('sparkle-db status' shows what is applied)."),
        // Only a database client's exception: a plain IOException (a full disk under --output, say) is not a lost connection.
        NpgsqlException when ConnectionFailures.IsConnectionLoss(exception) => (
            $"Lost the connection to the database server: {Reason(exception)}.",
            "Check that the server is running, then run the command again; what was committed before the loss is kept."),
        PostgresException pg => (
            $"PostgreSQL said: {pg.MessageText} (SQLSTATE {pg.SqlState}).",
            "--verbose shows where it happened."),
        IOException or UnauthorizedAccessException => (exception.Message, null),
        _ => (
            $"Unexpected failure: {exception.Message}",
            "This is a bug in sparkle-db: run again with --verbose for the stack trace, and report it."),
    };

    private static string Reason(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is PostgresException pg)
            {
                return $"{pg.MessageText} (SQLSTATE {pg.SqlState})";
            }
        }

        return "the server closed the connection";
    }

    private static string OneLine(string text) =>
        string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
