namespace Sparkle.Db.Migrations;

/// <summary>A statement present only in the recorded text (<see cref="Added"/> false) or only in the current file (true).</summary>
public sealed record StatementChange(bool Added, int Number, int Line, string Text);
