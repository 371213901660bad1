using Spectre.Console;

namespace Sparkle.Db.Cli;

/// <summary>
/// Rich output (tables, progress bars) only where a person watches: the writer is the process's own console stream and
/// that stream is a terminal. Redirected output, pipes and the tests' writers get the plain, parseable lines, and
/// --json is never touched. Spectre.Console honours NO_COLOR.
/// </summary>
internal static class Terminal
{
    public static bool IsInteractive(TextWriter writer) =>
        (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected)
        || (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);

    public static IAnsiConsole For(TextWriter writer) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.Detect, ColorSystem = ColorSystemSupport.Detect });
}
