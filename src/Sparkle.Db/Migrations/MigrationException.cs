using Npgsql;

namespace Sparkle.Db.Migrations;

/// <summary>A statement of a migration failed: which file, which statement, which line, and PostgreSQL's own words.</summary>
public sealed class MigrationException : SparkleDbException
{
    public MigrationException(Migration migration, MigrationScript script, SqlStatement statement, PostgresException error, string consequence, string? extra = null)
        : base(Format(migration, script, statement, error, extra), consequence, error)
    {
        File = script.Path;
        StatementNumber = statement.Number;
        Line = error.Position > 0 ? statement.LineOf(error.Position) : statement.StartLine;
        SqlState = error.SqlState;
    }

    public string File { get; }

    public int StatementNumber { get; }

    public int Line { get; }

    public string SqlState { get; }

    private static string Format(Migration migration, MigrationScript script, SqlStatement statement, PostgresException error, string? extra)
    {
        var line = error.Position > 0 ? statement.LineOf(error.Position) : statement.StartLine;
        var detail = (error.Detail is { Length: > 0 } d ? $" Detail: {d}." : "") + (error.Hint is { Length: > 0 } h ? $" PostgreSQL hint: {h}" : "");
        return $"Migration {migration.DisplayName} failed in {script.Path}, statement {statement.Number} (line {line}): " +
               $"{error.MessageText} (SQLSTATE {error.SqlState}).{detail}{extra}";
    }
}
