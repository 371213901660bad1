using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Sparkle.Db.Tests.App;

/// <summary>A value of a PostgreSQL enum type, sent as Prisma sends it: <c>CAST($n::text AS "public"."Type")</c>.</summary>
internal sealed record PgEnum(string Type, string Value);

/// <summary>A jsonb value.</summary>
internal sealed record Json(string Text);

/// <summary>Prisma's P2025: an update or delete whose record does not exist.</summary>
internal sealed class RecordNotFoundException(string message) : Exception(message);

/// <summary>
/// The statements the Prisma client (query engine 6/7, PostgreSQL) sends for the calls the app makes, on one
/// connection: <c>create</c> is an INSERT … RETURNING, <c>update</c> an UPDATE … RETURNING that fails with P2025 when
/// it returns no row, an upsert whose where and create name the same unique field is a native
/// INSERT … ON CONFLICT … DO UPDATE … RETURNING, <c>@updatedAt</c> is filled by the client, ids are cuids made by the
/// client, increments are <c>SET "c" = ("t"."c" + $n)</c>, and an interactive or nested transaction is BEGIN … COMMIT.
/// </summary>
internal sealed class PrismaStatements(NpgsqlConnection connection)
{
    // The @updatedAt tables of the v4.3 schema that the replayed paths write (PHASES.md Appendix A).
    private static readonly HashSet<string> UpdatedAtTables =
    [
        "users", "posts", "comments", "follows", "user_stats", "post_stats", "user_balances", "profiles", "notifications",
        "categories", "tags",
    ];

    public NpgsqlConnection Connection => connection;

    /// <summary>A 25-character cuid-shaped id (never UUID-shaped: the database tells its own rows by their UUID ids).</summary>
    public static string NewId()
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var builder = new StringBuilder("c", 25);
        for (var i = 0; i < 24; i++)
        {
            builder.Append(Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>Prisma's clock: UTC wall-clock time, millisecond precision, sent as timestamp without time zone.</summary>
    public static DateTime Now()
    {
        var now = DateTime.UtcNow;
        return DateTime.SpecifyKind(now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond)), DateTimeKind.Unspecified);
    }

    public async Task<Dictionary<string, object?>> CreateAsync(string table, IReadOnlyDictionary<string, object?> data)
    {
        var values = new Dictionary<string, object?>(data);
        values.TryAdd("id", NewId());
        if (UpdatedAtTables.Contains(table))
        {
            values.TryAdd("updatedAt", Now());
        }

        var parameters = new List<object?>();
        var columns = string.Join(", ", values.Keys.Select(Quote));
        var placeholders = string.Join(", ", values.Values.Select(v => Placeholder(parameters, v)));
        var rows = await QueryAsync($"""INSERT INTO "public"."{table}" ({columns}) VALUES ({placeholders}) RETURNING *""", parameters);
        return rows.Single();
    }

    /// <summary><c>update({ where: { key }, data: { set…, c: { increment: n } } })</c>.</summary>
    public async Task<Dictionary<string, object?>> UpdateAsync(
        string table,
        string keyColumn,
        object key,
        IReadOnlyDictionary<string, object?>? set = null,
        IReadOnlyDictionary<string, int>? increments = null)
    {
        var parameters = new List<object?>();
        var assignments = Assignments(table, set, increments, parameters);
        var where = Placeholder(parameters, key);
        var rows = await QueryAsync(
            $"""UPDATE "public"."{table}" SET {assignments} WHERE ("public"."{table}".{Quote(keyColumn)} = {where} AND 1=1) RETURNING *""",
            parameters);
        return rows.Count == 1
            ? rows[0]
            : throw new RecordNotFoundException($"P2025: no {table} row with {keyColumn} = {key} to update");
    }

    /// <summary><c>upsert({ where: { key }, create: {…}, update: { c: { increment: n } } })</c>, the native form.</summary>
    public Task<Dictionary<string, object?>> UpsertAsync(
        string table,
        string keyColumn,
        IReadOnlyDictionary<string, object?> create,
        IReadOnlyDictionary<string, int> increments) =>
        UpsertAsync(table, [keyColumn], create, null, increments);

    /// <summary>The native upsert on a (possibly compound) unique key, with plain values and increments in its update.</summary>
    public async Task<Dictionary<string, object?>> UpsertAsync(
        string table,
        string[] keyColumns,
        IReadOnlyDictionary<string, object?> create,
        IReadOnlyDictionary<string, object?>? set,
        IReadOnlyDictionary<string, int>? increments)
    {
        var values = new Dictionary<string, object?>(create);
        values.TryAdd("id", NewId());
        if (UpdatedAtTables.Contains(table))
        {
            values.TryAdd("updatedAt", Now());
        }

        var parameters = new List<object?>();
        var columns = string.Join(", ", values.Keys.Select(Quote));
        var placeholders = string.Join(", ", values.Values.Select(v => Placeholder(parameters, v)));
        var assignments = Assignments(table, set, increments, parameters);
        var where = string.Join(" AND ", keyColumns.Select(k => $"\"public\".\"{table}\".{Quote(k)} = {Placeholder(parameters, values[k])}"));
        var rows = await QueryAsync(
            $"""
            INSERT INTO "public"."{table}" ({columns}) VALUES ({placeholders})
            ON CONFLICT ({string.Join(", ", keyColumns.Select(Quote))}) DO UPDATE SET {assignments}
            WHERE ({where} AND 1=1) RETURNING *
            """,
            parameters);
        return rows.Single();
    }

    /// <summary><c>delete({ where })</c>: P2025 when nothing was deleted.</summary>
    public async Task DeleteAsync(string table, IReadOnlyDictionary<string, object?> where)
    {
        var parameters = new List<object?>();
        var condition = string.Join(" AND ", where.Select(w => $"\"public\".\"{table}\".{Quote(w.Key)} = {Placeholder(parameters, w.Value)}"));
        var rows = await QueryAsync($"""DELETE FROM "public"."{table}" WHERE ({condition} AND 1=1) RETURNING *""", parameters);
        if (rows.Count == 0)
        {
            throw new RecordNotFoundException($"P2025: no {table} row to delete");
        }
    }

    public async Task<Dictionary<string, object?>?> FindUniqueAsync(string table, string keyColumn, object key)
    {
        var parameters = new List<object?>();
        var where = Placeholder(parameters, key);
        var rows = await QueryAsync($"""SELECT * FROM "public"."{table}" WHERE ("public"."{table}".{Quote(keyColumn)} = {where} AND 1=1) LIMIT 1""", parameters);
        return rows.SingleOrDefault();
    }

    /// <summary><c>$transaction(async tx => …)</c>: BEGIN, the callback's statements, COMMIT (ROLLBACK on an exception).</summary>
    public async Task<T> TransactionAsync<T>(Func<Task<T>> work)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        var result = await work();
        await transaction.CommitAsync();
        return result;
    }

    public Task TransactionAsync(Func<Task> work) => TransactionAsync(async () =>
    {
        await work();
        return true;
    });

    private static string Assignments(
        string table, IReadOnlyDictionary<string, object?>? set, IReadOnlyDictionary<string, int>? increments, List<object?> parameters)
    {
        var parts = new List<string>();
        foreach (var (column, value) in set ?? new Dictionary<string, object?>())
        {
            parts.Add($"{Quote(column)} = {Placeholder(parameters, value)}");
        }

        foreach (var (column, delta) in increments ?? new Dictionary<string, int>())
        {
            parts.Add($"{Quote(column)} = (\"public\".\"{table}\".{Quote(column)} + {Placeholder(parameters, delta)})");
        }

        if (UpdatedAtTables.Contains(table) && set?.ContainsKey("updatedAt") != true)
        {
            parts.Add($"\"updatedAt\" = {Placeholder(parameters, Now())}");
        }

        return string.Join(", ", parts);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Placeholder(List<object?> parameters, object? value)
    {
        parameters.Add(value);
        var n = "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        return value switch
        {
            PgEnum e => $"CAST({n}::text AS \"public\".{Quote(e.Type)})",
            _ => n,
        };
    }

    private async Task<List<Dictionary<string, object?>>> QueryAsync(string sql, List<object?> parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(value switch
            {
                PgEnum e => new NpgsqlParameter { Value = e.Value },
                Json j => new NpgsqlParameter { Value = j.Text, NpgsqlDbType = NpgsqlDbType.Jsonb },
                DateTime d => new NpgsqlParameter { Value = d, NpgsqlDbType = NpgsqlDbType.Timestamp },
                null => new NpgsqlParameter { Value = DBNull.Value },
                _ => new NpgsqlParameter { Value = value },
            });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
