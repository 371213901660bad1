using System.Globalization;

namespace Sparkle.Db.Prisma;

/// <summary>Prisma's PostgreSQL column types: the default for each scalar type and each <c>@db.*</c> native type.</summary>
internal static class PrismaTypeMapper
{
    public static DbColumnType ScalarType(PrismaField field)
    {
        if (field.UnsupportedType is { } unsupported)
        {
            return new DbColumnType(unsupported, unsupported);
        }

        if (field.NativeType is { } native)
        {
            return NativeType(field, native);
        }

        return field.TypeName switch
        {
            "String" => new("TEXT", "text"),
            "Boolean" => new("BOOLEAN", "boolean"),
            "Int" => new("INTEGER", "integer"),
            "BigInt" => new("BIGINT", "bigint"),
            "Float" => new("DOUBLE PRECISION", "double precision"),
            "Decimal" => new("DECIMAL(65,30)", "numeric(65,30)"),
            "DateTime" => new("TIMESTAMP(3)", "timestamp(3) without time zone"),
            "Json" => new("JSONB", "jsonb"),
            "Bytes" => new("BYTEA", "bytea"),
            _ => throw new PrismaSchemaException($"Unknown type '{field.TypeName}' of field '{field.Name}'", field.Line, 0),
        };
    }

    /// <summary>The column type of <c>SERIAL</c> and friends, used for <c>@default(autoincrement())</c>.</summary>
    public static DbColumnType SerialType(PrismaField field, DbColumnType type) => type.Catalog switch
    {
        "integer" => new("SERIAL", "integer"),
        "bigint" => new("BIGSERIAL", "bigint"),
        "smallint" => new("SMALLSERIAL", "smallint"),
        _ => throw new PrismaSchemaException($"autoincrement() on '{field.Name}' needs an integer type", field.Line, 0),
    };

    private static DbColumnType NativeType(PrismaField field, PrismaAttribute native)
    {
        var arguments = native.Arguments
            .Select(a => a.Value is PrismaNumberValue n ? int.Parse(n.Text, CultureInfo.InvariantCulture) : (int?)null)
            .Where(n => n is not null)
            .Select(n => n!.Value)
            .ToList();
        // DDL and format_type both write the modifiers as "(p,s)".
        var modifiers = arguments.Count == 0 ? "" : $"({string.Join(",", arguments)})";

        return native.Name switch
        {
            "db.Text" => new("TEXT", "text"),
            "db.VarChar" => new("VARCHAR" + modifiers, "character varying" + modifiers),
            "db.Char" => new("CHAR" + modifiers, "character" + modifiers),
            "db.Uuid" => new("UUID", "uuid"),
            "db.Xml" => new("XML", "xml"),
            "db.Inet" => new("INET", "inet"),
            "db.Citext" => new("CITEXT", "citext"),
            "db.Bit" => new("BIT" + modifiers, "bit" + modifiers),
            "db.VarBit" => new("VARBIT" + modifiers, "bit varying" + modifiers),
            "db.Boolean" => new("BOOLEAN", "boolean"),
            "db.SmallInt" => new("SMALLINT", "smallint"),
            "db.Integer" => new("INTEGER", "integer"),
            "db.BigInt" => new("BIGINT", "bigint"),
            "db.Oid" => new("OID", "oid"),
            "db.Real" => new("REAL", "real"),
            "db.DoublePrecision" => new("DOUBLE PRECISION", "double precision"),
            "db.Decimal" => new("DECIMAL" + modifiers, "numeric" + modifiers),
            "db.Money" => new("MONEY", "money"),
            "db.Timestamp" => new("TIMESTAMP" + modifiers, "timestamp" + modifiers + " without time zone"),
            "db.Timestamptz" => new("TIMESTAMPTZ" + modifiers, "timestamp" + modifiers + " with time zone"),
            "db.Date" => new("DATE", "date"),
            "db.Time" => new("TIME" + modifiers, "time" + modifiers + " without time zone"),
            "db.Timetz" => new("TIMETZ" + modifiers, "time" + modifiers + " with time zone"),
            "db.Json" => new("JSON", "json"),
            "db.JsonB" => new("JSONB", "jsonb"),
            "db.ByteA" => new("BYTEA", "bytea"),
            _ => throw new PrismaSchemaException($"Unknown native type '@{native.Name}' on field '{field.Name}'", native.Line, 0),
        };
    }
}
