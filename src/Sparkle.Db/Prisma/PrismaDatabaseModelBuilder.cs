namespace Sparkle.Db.Prisma;

/// <summary>Applies Prisma Migrate's PostgreSQL rules to a parsed schema.</summary>
internal sealed class PrismaDatabaseModelBuilder(PrismaSchema schema)
{
    public PrismaDatabaseModel Build()
    {
        var enums = schema.Enums.Select(e => new DbEnum(e.DatabaseName, e.Values.Select(v => v.DatabaseName).ToList())).ToList();
        var tables = schema.Models.Select(BuildTable).ToList();
        var foreignKeys = schema.Models.SelectMany(BuildForeignKeys).ToList();

        foreach (var relation in schema.ImplicitManyToManyRelations())
        {
            var (table, keys) = BuildJoinTable(relation);
            tables.Add(table);
            foreignKeys.AddRange(keys);
        }

        return new PrismaDatabaseModel(schema.Extensions, enums, tables, foreignKeys);
    }

    private DbTable BuildTable(PrismaModel model)
    {
        var table = model.TableName;
        var columns = model.Fields.Where(f => !schema.IsRelationField(f)).Select(BuildColumn).ToList();

        DbPrimaryKey? primaryKey = null;
        if (model.Fields.FirstOrDefault(f => f.HasAttribute("id")) is { } idField)
        {
            primaryKey = new DbPrimaryKey(
                idField.Attribute("id")!.StringArgument("map") ?? PrismaConstraintNames.PrimaryKey(table),
                [idField.DatabaseName]);
        }
        else if (model.BlockAttribute("id") is { } compoundId)
        {
            primaryKey = new DbPrimaryKey(
                compoundId.StringArgument("map") ?? PrismaConstraintNames.PrimaryKey(table),
                IndexColumns(model, compoundId).Select(c => c.Name).ToList());
        }

        var indexes = new List<DbIndex>();
        foreach (var field in model.Fields.Where(f => f.HasAttribute("unique")))
        {
            var unique = field.Attribute("unique")!;
            var column = new DbIndexColumn(field.DatabaseName, IsDescending(unique.ConstantArgument("sort")), null);
            indexes.Add(new DbIndex(
                unique.StringArgument("map") ?? PrismaConstraintNames.Unique(table, [column.Name]),
                table, [column], IsUnique: true, "btree"));
        }

        foreach (var attribute in model.BlockAttributes)
        {
            var isUnique = attribute.Name == "unique";
            if (!isUnique && attribute.Name != "index")
            {
                continue;
            }

            var keyColumns = IndexColumns(model, attribute);
            var names = keyColumns.Select(c => c.Name).ToList();
            var name = attribute.StringArgument("map")
                ?? (isUnique ? null : attribute.StringArgument("name"))
                ?? (isUnique ? PrismaConstraintNames.Unique(table, names) : PrismaConstraintNames.Index(table, names));
            var method = attribute.ConstantArgument("type")?.ToLowerInvariant() ?? "btree";
            indexes.Add(new DbIndex(name, table, keyColumns, isUnique, method));
        }

        return new DbTable(table, model.Name, columns, primaryKey, indexes);
    }

    private DbColumn BuildColumn(PrismaField field)
    {
        var enumType = schema.Enum(field.TypeName);
        var type = enumType is null
            ? PrismaTypeMapper.ScalarType(field)
            : new DbColumnType(Quote(enumType.DatabaseName), CatalogIdentifier(enumType.DatabaseName));

        var defaultValue = field.Attribute("default")?.Argument("value", 0);
        DbDefault? columnDefault = null;
        if (defaultValue is PrismaFunctionValue { Name: "autoincrement" })
        {
            type = PrismaTypeMapper.SerialType(field, type);
            columnDefault = new DbDefault(DbDefaultKind.Sequence, "");
        }
        else if (field.IsList)
        {
            type = type.AsArray();
            columnDefault = defaultValue is null ? null : ListDefault(field, defaultValue, enumType, type);
        }
        else if (defaultValue is not null)
        {
            columnDefault = ScalarDefault(field, defaultValue, enumType);
        }

        // Prisma leaves list columns nullable: an absent list is NULL, not an empty array.
        var notNull = !field.IsOptional && !field.IsList;
        return new DbColumn(field.DatabaseName, type, notNull, columnDefault);
    }

    private static DbDefault? ScalarDefault(PrismaField field, PrismaValue value, PrismaEnum? enumType) => value switch
    {
        PrismaFunctionValue { Name: "now" } => new DbDefault(DbDefaultKind.Now, "CURRENT_TIMESTAMP"),
        PrismaFunctionValue { Name: "dbgenerated" } f =>
            f.Arguments.Count > 0 && f.Arguments[0].Value is PrismaStringValue { Value.Length: > 0 } sql
                ? new DbDefault(DbDefaultKind.DbGenerated, sql.Value)
                : null,
        // cuid(), uuid(), nanoid(), ulid(): the client fills them in; the database has no default.
        PrismaFunctionValue => null,
        PrismaStringValue s => new DbDefault(DbDefaultKind.String, QuoteLiteral(s.Value)),
        PrismaNumberValue n => new DbDefault(DbDefaultKind.Number, n.Text),
        PrismaConstantValue { Name: "true" or "false" } b => new DbDefault(DbDefaultKind.Boolean, b.Name),
        PrismaConstantValue c when enumType is not null =>
            new DbDefault(DbDefaultKind.EnumValue, QuoteLiteral(enumType.DatabaseValue(c.Name))),
        _ => throw new PrismaSchemaException($"Unsupported default {value} on field '{field.Name}'", field.Line, 0),
    };

    private static DbDefault ListDefault(PrismaField field, PrismaValue value, PrismaEnum? enumType, DbColumnType type)
    {
        if (value is not PrismaArrayValue array)
        {
            return ScalarDefault(field, value, enumType)
                ?? throw new PrismaSchemaException($"Unsupported default {value} on list field '{field.Name}'", field.Line, 0);
        }

        var items = array.Items.Select(item => ScalarDefault(field, item, enumType)?.Sql
            ?? throw new PrismaSchemaException($"Unsupported list item {item} on field '{field.Name}'", field.Line, 0));
        return new DbDefault(DbDefaultKind.Array, $"ARRAY[{string.Join(", ", items)}]::{type.Ddl}");
    }

    private IEnumerable<DbForeignKey> BuildForeignKeys(PrismaModel model)
    {
        foreach (var field in model.Fields)
        {
            var relation = field.Attribute("relation");
            if (relation?.Argument("fields") is not PrismaArrayValue fields || !schema.IsRelationField(field))
            {
                continue;
            }

            var target = schema.Model(field.TypeName)!;
            var columns = fields.Items.Select(item => FieldByName(model, item).DatabaseName).ToList();
            var references = relation.Argument("references") is PrismaArrayValue refs
                ? refs.Items.Select(item => FieldByName(target, item).DatabaseName).ToList()
                : throw new PrismaSchemaException($"Relation field '{model.Name}.{field.Name}' has fields: but no references:", field.Line, 0);

            var onDelete = relation.ConstantArgument("onDelete") is { } delete
                ? DbReferentialActionExtensions.Parse(delete)
                : field.IsOptional ? DbReferentialAction.SetNull : DbReferentialAction.Restrict;
            var onUpdate = relation.ConstantArgument("onUpdate") is { } update
                ? DbReferentialActionExtensions.Parse(update)
                : DbReferentialAction.Cascade;

            yield return new DbForeignKey(
                relation.StringArgument("map") ?? PrismaConstraintNames.ForeignKey(model.TableName, columns),
                model.TableName, columns, target.TableName, references, onDelete, onUpdate);
        }
    }

    /// <summary>
    /// The table of an implicit many-to-many relation as Prisma 6 creates it on PostgreSQL: columns A and B
    /// typed like the ids they reference, primary key <c>_{name}_AB_pkey</c> (Prisma 4 and 5 used a unique
    /// index <c>_{name}_AB_unique</c>), index <c>_{name}_B_index</c>, and two cascading foreign keys.
    /// </summary>
    private (DbTable Table, IEnumerable<DbForeignKey> ForeignKeys) BuildJoinTable(PrismaImplicitManyToMany relation)
    {
        var name = relation.TableName;
        var (idA, typeA) = SingleId(relation.ModelA);
        var (idB, typeB) = SingleId(relation.ModelB);
        var table = new DbTable(
            name,
            null,
            [new DbColumn("A", typeA, true, null), new DbColumn("B", typeB, true, null)],
            new DbPrimaryKey($"{name}_AB_pkey", ["A", "B"]),
            [new DbIndex($"{name}_B_index", name, [new DbIndexColumn("B", false, null)], false, "btree")]);
        DbForeignKey[] keys =
        [
            new($"{name}_A_fkey", name, ["A"], relation.ModelA.TableName, [idA], DbReferentialAction.Cascade, DbReferentialAction.Cascade),
            new($"{name}_B_fkey", name, ["B"], relation.ModelB.TableName, [idB], DbReferentialAction.Cascade, DbReferentialAction.Cascade),
        ];
        return (table, keys);
    }

    private (string Column, DbColumnType Type) SingleId(PrismaModel model)
    {
        var id = model.Fields.FirstOrDefault(f => f.HasAttribute("id"))
            ?? throw new PrismaSchemaException($"Model '{model.Name}' in an implicit many-to-many relation needs a single @id field", model.Line, 0);
        var type = BuildColumn(id).Type;
        // A join column holds the id, it does not generate one.
        type = type.Ddl switch
        {
            "SERIAL" => new DbColumnType("INTEGER", type.Catalog),
            "BIGSERIAL" => new DbColumnType("BIGINT", type.Catalog),
            "SMALLSERIAL" => new DbColumnType("SMALLINT", type.Catalog),
            _ => type,
        };
        return (id.DatabaseName, type);
    }

    private static List<DbIndexColumn> IndexColumns(PrismaModel model, PrismaAttribute attribute)
    {
        if (attribute.Argument("fields", 0) is not PrismaArrayValue fields)
        {
            throw new PrismaSchemaException($"@@{attribute.Name} on model '{model.Name}' needs a list of fields", attribute.Line, 0);
        }

        return fields.Items.Select(item =>
        {
            var field = FieldByName(model, item);
            var arguments = item is PrismaFunctionValue function ? function.Arguments : [];
            var sort = arguments.FirstOrDefault(a => a.Name == "sort")?.Value as PrismaConstantValue;
            var ops = arguments.FirstOrDefault(a => a.Name == "ops")?.Value;
            return new DbIndexColumn(field.DatabaseName, IsDescending(sort?.Name), OperatorClass(ops));
        }).ToList();
    }

    private static PrismaField FieldByName(PrismaModel model, PrismaValue item)
    {
        var name = item switch
        {
            PrismaConstantValue c => c.Name,
            PrismaFunctionValue f => f.Name,
            _ => throw new PrismaSchemaException($"Expected a field name in model '{model.Name}' but found {item}", model.Line, 0),
        };
        return model.Field(name)
            ?? throw new PrismaSchemaException($"Model '{model.Name}' has no field '{name}'", model.Line, 0);
    }

    private static bool IsDescending(string? sort) => string.Equals(sort, "Desc", StringComparison.Ordinal);

    /// <summary><c>JsonbPathOps</c> → <c>jsonb_path_ops</c>; <c>raw("gin_trgm_ops")</c> → <c>gin_trgm_ops</c>.</summary>
    private static string? OperatorClass(PrismaValue? ops) => ops switch
    {
        null => null,
        PrismaFunctionValue { Name: "raw" } raw when raw.Arguments.Count > 0 && raw.Arguments[0].Value is PrismaStringValue s => s.Value,
        PrismaConstantValue c => string.Concat(c.Name.Select((ch, i) =>
            char.IsUpper(ch) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(ch) : ch.ToString())),
        _ => throw new PrismaSchemaException($"Unsupported operator class {ops}", 0, 0),
    };

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    internal static string QuoteLiteral(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>An identifier as <c>format_type</c>/<c>quote_ident</c> prints it: bare when all lower case, quoted otherwise.</summary>
    internal static string CatalogIdentifier(string identifier) =>
        identifier.Length > 0 && (char.IsAsciiLetterLower(identifier[0]) || identifier[0] == '_') &&
        identifier.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
            ? identifier
            : Quote(identifier);
}
