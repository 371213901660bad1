namespace Sparkle.Db.Cli;

/// <summary>What an output stream is: a terminal a person watches (and how wide, and whether in colour), or not.</summary>
internal sealed record TerminalProfile(bool Interactive, int Width, bool Colour)
{
    public const int DefaultWidth = 80;
}
