using Npgsql;

namespace Sparkle.Db.Tests.Behaviour;

/// <summary>Terse positional-parameter helpers ($1, $2, …) for the behaviour tests.</summary>
internal static class Sql
{
    public static async Task<int> ExecAsync(NpgsqlConnection connection, string sql, params object?[] args)
    {
        await using var command = Command(connection, sql, args);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Runs one write in its own transaction with <c>sparkle_db.owner_write</c> on, as the database's own recount
    /// functions write. For fixtures that need given values in counters the database owns (phase 005's guard keeps
    /// the database's value against any other writer). The connection must not be in a transaction.
    /// </summary>
    public static async Task<int> ExecAsOwnerAsync(NpgsqlConnection connection, string sql, params object?[] args)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecAsync(connection, "SELECT set_config('sparkle_db.owner_write', 'on', true)");
        var rows = await ExecAsync(connection, sql, args);
        await transaction.CommitAsync();
        return rows;
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, params object?[] args)
    {
        await using var command = Command(connection, sql, args);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<T?> NullableScalarAsync<T>(NpgsqlConnection connection, string sql, params object?[] args)
        where T : struct
    {
        await using var command = Command(connection, sql, args);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? null : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Reads every row as an array of column values (DBNull mapped to null).</summary>
    public static async Task<List<object?[]>> RowsAsync(NpgsqlConnection connection, string sql, params object?[] args)
    {
        await using var command = Command(connection, sql, args);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object?[] args)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args)
        {
            command.Parameters.Add(arg is NpgsqlParameter p ? p : new NpgsqlParameter { Value = arg ?? DBNull.Value });
        }

        return command;
    }
}
