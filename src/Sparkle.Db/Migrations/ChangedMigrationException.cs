namespace Sparkle.Db.Migrations;

/// <summary>An applied migration's files differ from the ones the journal recorded; nothing was run.</summary>
public sealed class ChangedMigrationException : SparkleDbException
{
    public ChangedMigrationException(string message, string hint, IReadOnlyList<MigrationStatusEntry> changed)
        : base(message, hint)
    {
        Changed = changed;
    }

    /// <summary>The changed migrations, with the files that differ.</summary>
    public IReadOnlyList<MigrationStatusEntry> Changed { get; }
}
