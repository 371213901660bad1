using System.Text.Json;
using Npgsql;
using Sparkle.Db.Sql;

namespace Sparkle.Db.Migrations;

/// <summary>Reads and writes <c>sparkle_db.schema_migrations</c>.</summary>
internal static class MigrationJournal
{
    public static async Task EnsureAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // One transaction: the bootstrap is several statements and must not be seen half-done. The maintenance
        // engine comes with it, because migrations register their maintenance tasks in it.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var resource in (string[])["engine/bootstrap.sql", "engine/maintenance.sql"])
        {
            foreach (var statement in SqlStatementSplitter.Split(SqlResources.Read(resource)))
            {
                await using var command = new NpgsqlCommand(statement.Text, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public static async Task<bool> ExistsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass('sparkle_db.schema_migrations') IS NOT NULL", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task<IReadOnlyList<JournalEntry>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(connection, cancellationToken))
        {
            return [];
        }

        var entries = new List<JournalEntry>();
        await using var command = new NpgsqlCommand(
            "SELECT version, name, checksum, file_checksums::text, mode, applied_at, duration_ms FROM sparkle_db.schema_migrations ORDER BY version",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var files = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(3)) ?? [];
            entries.Add(new JournalEntry(
                reader.GetInt32(0), reader.GetString(1), reader.GetString(2), files, reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt64(6)));
        }

        return entries;
    }

    public static async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Migration migration, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO sparkle_db.schema_migrations (version, name, checksum, file_checksums, mode, duration_ms, file_contents)
            VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7::jsonb)
            """,
            connection,
            transaction);
        command.Parameters.Add(new() { Value = migration.Version });
        command.Parameters.Add(new() { Value = migration.Name });
        command.Parameters.Add(new() { Value = migration.Checksum });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(migration.FileChecksums) });
        command.Parameters.Add(new() { Value = migration.Mode });
        command.Parameters.Add(new() { Value = (long)duration.TotalMilliseconds });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(FileContents(migration)) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The text of each file as recorded for <paramref name="version"/>; empty when the row has none (written by an earlier sparkle-db).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadContentsAsync(NpgsqlConnection connection, int version, CancellationToken cancellationToken)
    {
        // to_jsonb(row) tolerates a journal created before the column existed.
        await using var command = new NpgsqlCommand(
            "SELECT (to_jsonb(m) -> 'file_contents')::text FROM sparkle_db.schema_migrations m WHERE version = $1", connection);
        command.Parameters.Add(new() { Value = version });
        return await command.ExecuteScalarAsync(cancellationToken) is string json && json != "null"
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []
            : new Dictionary<string, string>();
    }

    /// <summary>Records <paramref name="migration"/>'s current checksums and text for its row (repair); the mode, time and duration of the run stay.</summary>
    public static async Task<bool> RecordRepairAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Migration migration, string expectedChecksum, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            UPDATE sparkle_db.schema_migrations
               SET checksum = $2, file_checksums = $3::jsonb, file_contents = $4::jsonb, repaired_at = now()
             WHERE version = $1 AND checksum = $5
            """,
            connection,
            transaction);
        command.Parameters.Add(new() { Value = migration.Version });
        command.Parameters.Add(new() { Value = migration.Checksum });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(migration.FileChecksums) });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(FileContents(migration)) });
        command.Parameters.Add(new() { Value = expectedChecksum });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static Dictionary<string, string> FileContents(Migration migration) =>
        migration.Scripts.ToDictionary(s => s.Path, s => s.Content, StringComparer.Ordinal);

    public static async Task ForgetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, int version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("DELETE FROM sparkle_db.schema_migrations WHERE version = $1", connection, transaction);
        command.Parameters.Add(new() { Value = version });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
