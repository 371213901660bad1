namespace Sparkle.Db.Migrations;

/// <summary>One SQL file of a migration.</summary>
/// <remarks>Content is stored with line endings normalised to LF and without a byte-order mark, so the checksum
/// does not change when a checkout converts line endings.</remarks>
public sealed class MigrationScript
{
    /// <summary>The directive that makes a file run statement by statement in autocommit.</summary>
    public const string NoTransactionDirective = "-- sparkle-db:no-transaction";

    private IReadOnlyList<SqlStatement>? _statements;

    public MigrationScript(string path, string content)
    {
        Path = path;
        Content = Normalize(content);
        Transactional = !Content.Split('\n').Take(10).Any(l => l.Trim().Equals(NoTransactionDirective, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The path under db/migrations, e.g. <c>000_base_schema/01_users.sql</c>.</summary>
    public string Path { get; }

    public string Content { get; }

    public bool Transactional { get; }

    public IReadOnlyList<SqlStatement> Statements => _statements ??= SqlStatementSplitter.Split(Content);

    internal static string Normalize(string content) =>
        content.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
}
