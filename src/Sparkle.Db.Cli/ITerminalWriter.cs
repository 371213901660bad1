namespace Sparkle.Db.Cli;

/// <summary>A writer that says what kind of terminal it stands for (the tests' stand-in for a terminal of a given width).</summary>
internal interface ITerminalWriter
{
    TerminalProfile Profile { get; }
}
