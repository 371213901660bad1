using System.Globalization;
using System.Text.RegularExpressions;
using Sparkle.Db.Cli;

namespace Sparkle.Db.Tests.Cli.Terminal;

/// <summary>
/// A writer that stands for a terminal of a given width, in colour or not (the CLI renders for it as for a real one),
/// and reads back what a person would see: the text without escape sequences, line by line.
/// </summary>
internal sealed partial class EmulatedTerminal(int width, bool colour) : StringWriter(CultureInfo.InvariantCulture), ITerminalWriter
{
    public TerminalProfile Profile { get; } = new(Interactive: true, width, colour);

    /// <summary>Every line as drawn: escape sequences removed, split at line feeds and carriage returns (a redraw).</summary>
    public IReadOnlyList<string> VisibleLines => Visible(ToString()).Split('\n', '\r');

    public static string Visible(string text) => EscapeSequence().Replace(text, "");

    /// <summary>Columns a line takes (one per text element; the box-drawing and bullet characters are one column wide).</summary>
    public static int Columns(string line) => new StringInfo(line).LengthInTextElements;

    /// <summary>SGR sequences that set a colour: 30-37, 90-97 (foreground), 40-47, 100-107 (background), 38;… and 48;… (256/true colour).</summary>
    public static bool HasColour(string text) =>
        Sgr().Matches(text).SelectMany(m => m.Groups[1].Value.Split(';')).Any(p => int.TryParse(p, CultureInfo.InvariantCulture, out var n) && n is (>= 30 and <= 38) or (>= 40 and <= 48) or (>= 90 and <= 97) or (>= 100 and <= 107));

    // CSI sequences (colour, cursor movement, erase) and the two-character ESC sequences.
    [GeneratedRegex(@"\u001b(\[[0-9;?]*[ -/]*[@-~]|[@-Z\\-_])")]
    private static partial Regex EscapeSequence();

    [GeneratedRegex(@"\u001b\[([0-9;]*)m")]
    private static partial Regex Sgr();
}
