using System.Text;

namespace Sparkle.Db.Prisma;

/// <summary>
/// Writes a <see cref="PrismaDatabaseModel"/> as the SQL Prisma Migrate would run on PostgreSQL: upper-case
/// types, every identifier double-quoted, primary keys inside CREATE TABLE, indexes as separate statements
/// and foreign keys as ALTER TABLE … ADD CONSTRAINT at the end.
/// </summary>
public static class PrismaDdlRenderer
{
    public static string Extension(string name) => $"CREATE EXTENSION IF NOT EXISTS {Quote(name)};\n";

    public static string Enum(DbEnum type) =>
        $"CREATE TYPE {Quote(type.Name)} AS ENUM ({string.Join(", ", type.Values.Select(Literal))});\n";

    public static string Table(DbTable table)
    {
        var lines = table.Columns.Select(Column).ToList();
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE ").Append(Quote(table.Name)).Append(" (\n");
        sql.Append(string.Join(",\n", lines.Select(l => "  " + l)));
        if (table.PrimaryKey is { } key)
        {
            sql.Append(",\n\n  CONSTRAINT ").Append(Quote(key.Name)).Append(" PRIMARY KEY (")
                .Append(string.Join(", ", key.Columns.Select(Quote))).Append(')');
        }

        sql.Append("\n);\n");
        return sql.ToString();
    }

    public static string Column(DbColumn column)
    {
        var sql = new StringBuilder(Quote(column.Name)).Append(' ').Append(column.Type.Ddl);
        if (column.NotNull)
        {
            sql.Append(" NOT NULL");
        }

        if (column.Default is { Kind: not DbDefaultKind.Sequence } value)
        {
            sql.Append(" DEFAULT ").Append(value.Sql);
        }

        return sql.ToString();
    }

    public static string Index(DbIndex index)
    {
        var method = string.Equals(index.Method, "btree", StringComparison.Ordinal) ? "" : $" USING {index.Method.ToUpperInvariant()} ";
        var columns = index.Columns.Select(c =>
            Quote(c.Name) + (c.OperatorClass is null ? "" : " " + c.OperatorClass) + (c.Descending ? " DESC" : ""));
        return $"CREATE {(index.IsUnique ? "UNIQUE " : "")}INDEX {Quote(index.Name)} ON {Quote(index.Table)}{method}({string.Join(", ", columns)});\n";
    }

    public static string ForeignKey(DbForeignKey key) =>
        $"ALTER TABLE {Quote(key.Table)} ADD CONSTRAINT {Quote(key.Name)} FOREIGN KEY ({string.Join(", ", key.Columns.Select(Quote))}) " +
        $"REFERENCES {Quote(key.ReferencedTable)}({string.Join(", ", key.ReferencedColumns.Select(Quote))}) " +
        $"ON DELETE {key.OnDelete.ToSql()} ON UPDATE {key.OnUpdate.ToSql()};\n";

    /// <summary>A table followed by its indexes.</summary>
    public static string TableWithIndexes(DbTable table)
    {
        var sql = new StringBuilder(Table(table));
        foreach (var index in table.Indexes)
        {
            sql.Append('\n').Append(Index(index));
        }

        return sql.ToString();
    }

    internal static string Quote(string identifier) => PrismaDatabaseModelBuilder.Quote(identifier);

    private static string Literal(string value) => PrismaDatabaseModelBuilder.QuoteLiteral(value);
}
