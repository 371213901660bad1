using Npgsql;
using Sparkle.Db.Sql;

namespace Sparkle.Db.Migrations;

/// <summary>
/// Runs <c>db/engine/privileges.sql</c>: the function grants per role (never PUBLIC), the read-only role's column
/// grants, the monitor's reports, and no TEMP for PUBLIC. It runs after every migration run rather than as a
/// journaled migration, so functions and tables that later migrations add are covered without each one repeating
/// the rules (docs/SECURITY.md).
/// </summary>
internal static class PrivilegeStep
{
    public const string ResourceName = "engine/privileges.sql";

    public static async Task ApplyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // One transaction: a half-applied rule set would leave a function granted to nobody that the application needs.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var statement in SqlStatementSplitter.Split(SqlResources.Read(ResourceName)))
        {
            await using var command = new NpgsqlCommand(statement.Text, connection, transaction);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException ex)
            {
                throw new SparkleDbException(
                    $"The privilege step (db/engine/privileges.sql, statement {statement.Number}) failed: {ex.MessageText} (SQLSTATE {ex.SqlState}). " +
                    "The migrations themselves are applied; nothing of this step was.",
                    "Run the migration as the owner of the database objects (or a superuser); 'sparkle-db migrate' runs the step again.",
                    ex);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
