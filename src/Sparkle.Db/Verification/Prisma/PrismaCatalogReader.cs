using Npgsql;
using Sparkle.Db.Prisma;

namespace Sparkle.Db.Verification.Prisma;

/// <summary>Reads a <see cref="CatalogSnapshot"/> of one schema from <c>pg_catalog</c>.</summary>
/// <remarks>
/// Types come from <c>format_type</c> and defaults from <c>pg_get_expr</c>, the forms PostgreSQL prints back
/// (https://www.postgresql.org/docs/15/functions-info.html#FUNCTIONS-INFO-CATALOG-TABLE).
/// </remarks>
public static class PrismaCatalogReader
{
    private const string TablesSql = """
        SELECT c.relname::text
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = @schema AND c.relkind IN ('r', 'p')
        """;

    private const string ColumnsSql = """
        SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull,
               pg_get_expr(d.adbin, d.adrelid)
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = @schema AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY c.relname, a.attnum
        """;

    private const string IndexesSql = """
        SELECT t.relname::text, i.relname::text, x.indisunique, x.indisprimary, am.amname::text,
               array_agg(coalesce(a.attname::text, pg_get_indexdef(x.indexrelid, k.ord::int, true)) ORDER BY k.ord),
               array_agg((x.indoption[k.ord - 1] & 1) = 1 ORDER BY k.ord),
               array_agg(oc.opcname::text ORDER BY k.ord)
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_class t ON t.oid = x.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        JOIN pg_am am ON am.oid = i.relam
        CROSS JOIN LATERAL unnest(x.indkey::int2[], x.indclass::oid[]) WITH ORDINALITY AS k(attnum, opclass, ord)
        LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum > 0
        LEFT JOIN pg_opclass oc ON oc.oid = k.opclass
        WHERE n.nspname = @schema AND k.ord <= x.indnkeyatts
        GROUP BY t.relname, i.relname, x.indisunique, x.indisprimary, am.amname
        """;

    private const string ForeignKeysSql = """
        SELECT con.conname::text, t.relname::text, rt.relname::text, con.confdeltype::text, con.confupdtype::text,
               array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord),
               array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)
        FROM pg_constraint con
        JOIN pg_class t ON t.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        JOIN pg_class rt ON rt.oid = con.confrelid
        WHERE con.contype = 'f' AND n.nspname = @schema
        """;

    private const string EnumsSql = """
        SELECT t.typname::text, array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
        FROM pg_type t
        JOIN pg_namespace n ON n.oid = t.typnamespace
        JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE n.nspname = @schema
        GROUP BY t.typname
        """;

    private const string PartitionKeysSql = """
        SELECT c.relname::text, array_agg(a.attname::text ORDER BY k.ord)
        FROM pg_partitioned_table pt
        JOIN pg_class c ON c.oid = pt.partrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        CROSS JOIN LATERAL unnest(pt.partattrs::int2[]) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
        WHERE n.nspname = @schema
        GROUP BY c.relname
        """;

    private const string ExtensionsSql = "SELECT extname::text FROM pg_extension";

    public static async Task<CatalogSnapshot> ReadAsync(
        NpgsqlConnection connection, string schema = "public", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);

        var extensions = await ReadAsync(connection, ExtensionsSql, schema, r => r.GetString(0), cancellationToken);
        var enums = await ReadAsync(connection, EnumsSql, schema,
            r => new DbEnum(r.GetString(0), r.GetFieldValue<string[]>(1)), cancellationToken);
        var tables = await ReadAsync(connection, TablesSql, schema, r => r.GetString(0), cancellationToken);
        var columns = await ReadAsync(connection, ColumnsSql, schema,
            r => new CatalogColumn(r.GetString(0), r.GetString(1), r.GetString(2), r.GetBoolean(3), r.IsDBNull(4) ? null : r.GetString(4)),
            cancellationToken);
        var indexRows = await ReadAsync(connection, IndexesSql, schema, r =>
        {
            var names = r.GetFieldValue<string[]>(5);
            var descending = r.GetFieldValue<bool[]>(6);
            var operatorClasses = r.GetFieldValue<string?[]>(7);
            var keyColumns = names.Select((name, i) => new DbIndexColumn(name, descending[i], operatorClasses[i])).ToList();
            var index = new DbIndex(r.GetString(1), r.GetString(0), keyColumns, r.GetBoolean(2), r.GetString(4));
            return (Index: index, IsPrimary: r.GetBoolean(3));
        }, cancellationToken);
        var foreignKeys = await ReadAsync(connection, ForeignKeysSql, schema, r => new DbForeignKey(
            r.GetString(0), r.GetString(1), r.GetFieldValue<string[]>(5), r.GetString(2), r.GetFieldValue<string[]>(6),
            DbReferentialActionExtensions.FromCatalogCode(r.GetString(3)[0]),
            DbReferentialActionExtensions.FromCatalogCode(r.GetString(4)[0])), cancellationToken);

        var partitionKeys = await ReadAsync(connection, PartitionKeysSql, schema,
            r => (Table: r.GetString(0), Columns: (IReadOnlyList<string>)r.GetFieldValue<string[]>(1)), cancellationToken);

        var primaryKeys = indexRows
            .Where(row => row.IsPrimary)
            .ToDictionary(row => row.Index.Table, row => new DbPrimaryKey(row.Index.Name, row.Index.Columns.Select(c => c.Name).ToList()), StringComparer.Ordinal);

        return new CatalogSnapshot(
            extensions.ToHashSet(StringComparer.Ordinal),
            enums,
            tables.ToHashSet(StringComparer.Ordinal),
            columns,
            primaryKeys,
            indexRows.Select(row => row.Index).ToList(),
            foreignKeys)
        {
            PartitionKeys = partitionKeys.ToDictionary(k => k.Table, k => k.Columns, StringComparer.Ordinal),
        };
    }

    private static async Task<List<T>> ReadAsync<T>(
        NpgsqlConnection connection, string sql, string schema, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("schema", schema);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
