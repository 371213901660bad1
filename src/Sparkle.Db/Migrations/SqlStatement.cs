namespace Sparkle.Db.Migrations;

/// <summary>One statement of a script: its text, its 1-based ordinal in the script, and the line it starts on.</summary>
public sealed record SqlStatement(string Text, int Number, int StartLine)
{
    /// <summary>The line of a 1-based character position inside <see cref="Text"/> (PostgreSQL error positions).</summary>
    public int LineOf(int position)
    {
        var line = StartLine;
        for (var i = 0; i < Math.Min(position - 1, Text.Length); i++)
        {
            if (Text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }
}
