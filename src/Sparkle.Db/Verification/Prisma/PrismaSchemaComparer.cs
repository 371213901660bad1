using Npgsql;
using Sparkle.Db.Prisma;

namespace Sparkle.Db.Verification.Prisma;

/// <summary>
/// Compares a live database with what Prisma Migrate would create for a Prisma schema.
/// </summary>
/// <remarks>
/// Everything Prisma creates must be there and be the same: extensions, enum types with their labels in
/// order (extra labels count), tables, columns (type, nullability, default), primary keys, indexes (name,
/// uniqueness, key columns in order, sort order, access method, operator class where the schema names one)
/// and foreign keys (columns, referenced table and columns, ON DELETE, ON UPDATE). What the database has on
/// top is not reported: later migrations add their own tables, columns and indexes.
/// </remarks>
public static class PrismaSchemaComparer
{
    /// <summary>Reads the catalog of schema <c>public</c> and compares it with <paramref name="schema"/>.</summary>
    /// <returns>The differences; empty when the database has everything Prisma would create.</returns>
    public static Task<IReadOnlyList<SchemaDifference>> CompareAsync(
        NpgsqlConnection connection, PrismaSchema schema, CancellationToken cancellationToken = default) =>
        CompareAsync(connection, schema, "public", cancellationToken);

    /// <summary>Reads the catalog of <paramref name="schemaName"/> and compares it with <paramref name="schema"/>.</summary>
    public static async Task<IReadOnlyList<SchemaDifference>> CompareAsync(
        NpgsqlConnection connection, PrismaSchema schema, string schemaName, CancellationToken cancellationToken = default)
    {
        var expected = PrismaDatabaseModel.FromSchema(schema);
        var actual = await PrismaCatalogReader.ReadAsync(connection, schemaName, cancellationToken);
        return Compare(expected, actual);
    }

    /// <summary>Compares an expected model with a catalog snapshot. Pure.</summary>
    public static IReadOnlyList<SchemaDifference> Compare(PrismaDatabaseModel expected, CatalogSnapshot actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var differences = new List<SchemaDifference>();

        foreach (var extension in expected.Extensions.Where(e => !actual.Extensions.Contains(e)))
        {
            differences.Add(new(SchemaDifferenceKind.MissingExtension, extension, extension, null));
        }

        var enums = actual.Enums.ToDictionary(e => e.Name, StringComparer.Ordinal);
        foreach (var type in expected.Enums)
        {
            if (!enums.TryGetValue(type.Name, out var found))
            {
                differences.Add(new(SchemaDifferenceKind.MissingEnum, type.Name, Labels(type), null));
            }
            else if (!type.Values.SequenceEqual(found.Values, StringComparer.Ordinal))
            {
                differences.Add(new(SchemaDifferenceKind.EnumLabelsDiffer, type.Name, Labels(type), Labels(found)));
            }
        }

        var columns = actual.Columns.ToDictionary(c => (c.Table, c.Name));
        var indexes = actual.Indexes.ToDictionary(i => (i.Table, i.Name));
        foreach (var table in expected.Tables)
        {
            if (!actual.Tables.Contains(table.Name))
            {
                differences.Add(new(SchemaDifferenceKind.MissingTable, table.Name, table.Name, null));
                continue;
            }

            CompareColumns(table, columns, differences);
            ComparePrimaryKey(table, actual, differences);
            foreach (var index in table.Indexes)
            {
                CompareIndex(index, indexes.GetValueOrDefault((index.Table, index.Name)), differences);
            }
        }

        var foreignKeys = actual.ForeignKeys.ToDictionary(k => (k.Table, k.Name));
        foreach (var key in expected.ForeignKeys.Where(k => actual.Tables.Contains(k.Table)))
        {
            if (!foreignKeys.TryGetValue((key.Table, key.Name), out var found))
            {
                differences.Add(new(SchemaDifferenceKind.MissingForeignKey, key.Name, key.ToString(), null));
            }
            else if (!SameForeignKey(key, found))
            {
                differences.Add(new(SchemaDifferenceKind.ForeignKeyDiffers, key.Name, key.ToString(), found.ToString()));
            }
        }

        return differences;
    }

    private static void CompareColumns(DbTable table, Dictionary<(string, string), CatalogColumn> columns, List<SchemaDifference> differences)
    {
        foreach (var column in table.Columns)
        {
            var name = $"{table.Name}.{column.Name}";
            if (!columns.TryGetValue((table.Name, column.Name), out var found))
            {
                differences.Add(new(SchemaDifferenceKind.MissingColumn, name, column.Type.Catalog, null));
                continue;
            }

            if (!string.Equals(column.Type.Catalog, found.Type, StringComparison.Ordinal))
            {
                differences.Add(new(SchemaDifferenceKind.ColumnTypeDiffers, name, column.Type.Catalog, found.Type));
            }

            if (column.NotNull != found.NotNull)
            {
                differences.Add(new(SchemaDifferenceKind.ColumnNullabilityDiffers, name, Nullability(column.NotNull), Nullability(found.NotNull)));
            }

            if (!CatalogDefaults.Matches(column, found.Default))
            {
                differences.Add(new(SchemaDifferenceKind.ColumnDefaultDiffers, name, CatalogDefaults.Expected(column), found.Default));
            }
        }
    }

    private static void ComparePrimaryKey(DbTable table, CatalogSnapshot actual, List<SchemaDifference> differences)
    {
        if (table.PrimaryKey is not { } key)
        {
            return;
        }

        if (!actual.PrimaryKeys.TryGetValue(table.Name, out var found))
        {
            differences.Add(new(SchemaDifferenceKind.MissingPrimaryKey, key.Name, key.ToString(), null));
        }
        else if (!string.Equals(key.Name, found.Name, StringComparison.Ordinal) ||
                 !key.Columns.SequenceEqual(found.Columns, StringComparer.Ordinal) && !IsPartitionedWidening(table.Name, key, found, actual))
        {
            differences.Add(new(SchemaDifferenceKind.PrimaryKeyDiffers, key.Name, $"{key.Name} {key}", $"{found.Name} {found}"));
        }
    }

    /// <summary>
    /// A partitioned table's primary key must contain the partition key, so phase 007 turns Prisma's (id) into
    /// (id, partition key) under the same name: a recorded departure (docs/DECISIONS.md), not drift.
    /// </summary>
    private static bool IsPartitionedWidening(string table, DbPrimaryKey expected, DbPrimaryKey found, CatalogSnapshot actual) =>
        actual.PartitionKeys.TryGetValue(table, out var partitionKey) &&
        expected.Columns.Concat(partitionKey.Where(c => !expected.Columns.Contains(c, StringComparer.Ordinal)))
            .SequenceEqual(found.Columns, StringComparer.Ordinal);

    private static void CompareIndex(DbIndex index, DbIndex? found, List<SchemaDifference> differences)
    {
        if (found is null)
        {
            differences.Add(new(SchemaDifferenceKind.MissingIndex, index.Name, index.ToString(), null));
            return;
        }

        var same = index.IsUnique == found.IsUnique &&
            string.Equals(index.Method, found.Method, StringComparison.Ordinal) &&
            index.Columns.Count == found.Columns.Count &&
            index.Columns.Zip(found.Columns).All(pair =>
                string.Equals(pair.First.Name, pair.Second.Name, StringComparison.Ordinal) &&
                pair.First.Descending == pair.Second.Descending &&
                (pair.First.OperatorClass is null || string.Equals(pair.First.OperatorClass, pair.Second.OperatorClass, StringComparison.Ordinal)));
        if (!same)
        {
            // Name the operator classes only where the schema does, so the two sides read alike.
            var shown = found with
            {
                Columns = found.Columns.Select((c, i) =>
                    i < index.Columns.Count && index.Columns[i].OperatorClass is not null ? c : c with { OperatorClass = null }).ToList(),
            };
            differences.Add(new(SchemaDifferenceKind.IndexDiffers, index.Name, index.ToString(), shown.ToString()));
        }
    }

    private static bool SameForeignKey(DbForeignKey expected, DbForeignKey actual) =>
        expected.Columns.SequenceEqual(actual.Columns, StringComparer.Ordinal) &&
        string.Equals(expected.ReferencedTable, actual.ReferencedTable, StringComparison.Ordinal) &&
        expected.ReferencedColumns.SequenceEqual(actual.ReferencedColumns, StringComparer.Ordinal) &&
        expected.OnDelete == actual.OnDelete &&
        expected.OnUpdate == actual.OnUpdate;

    private static string Labels(DbEnum type) => string.Join(", ", type.Values);

    private static string Nullability(bool notNull) => notNull ? "NOT NULL" : "NULL";
}
