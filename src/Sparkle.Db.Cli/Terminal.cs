using Spectre.Console;

namespace Sparkle.Db.Cli;

/// <summary>
/// Rich output (tables, progress bars) only where a person watches: the writer is the process's own console stream,
/// that stream is a terminal, and TERM is not "dumb". Redirected output, pipes and plain writers get the plain,
/// parseable lines, and --json is never touched. NO_COLOR (set and not empty, https://no-color.org) keeps the tables
/// and bars but drops colour, so nothing is said by colour alone. A writer that describes itself
/// (<see cref="ITerminalWriter"/>) is taken at its word: that is how the tests render for a terminal.
/// </summary>
internal static class Terminal
{
    public static TerminalProfile Describe(TextWriter writer)
    {
        if (writer is ITerminalWriter described)
        {
            return described.Profile;
        }

        var console = (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected)
            || (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);
        return ForConsole(console, console ? ConsoleWidth() : TerminalProfile.DefaultWidth, Environment.GetEnvironmentVariable);
    }

    /// <summary>The profile of a console stream: a terminal or not, its width, and what TERM and NO_COLOR say.</summary>
    public static TerminalProfile ForConsole(bool isTerminal, int width, Func<string, string?> environment)
    {
        var dumb = string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal);
        var noColor = environment("NO_COLOR") is { Length: > 0 };
        return new TerminalProfile(isTerminal && !dumb, width, !noColor);
    }

    public static bool IsInteractive(TextWriter writer) => Describe(writer).Interactive;

    public static IAnsiConsole For(TextWriter writer)
    {
        var profile = Describe(writer);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = profile.Interactive ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = !profile.Colour ? ColorSystemSupport.NoColors : writer is ITerminalWriter ? ColorSystemSupport.Standard : ColorSystemSupport.Detect,
            Interactive = profile.Interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        console.Profile.Width = profile.Width;
        return console;
    }

    private static int ConsoleWidth()
    {
        try
        {
            return Console.WindowWidth is > 0 and var width ? width : TerminalProfile.DefaultWidth;
        }
        catch (IOException)
        {
            return TerminalProfile.DefaultWidth;
        }
    }
}
