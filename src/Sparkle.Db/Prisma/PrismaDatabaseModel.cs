namespace Sparkle.Db.Prisma;

/// <summary>
/// The PostgreSQL objects Prisma Migrate creates for a schema: extensions, enum types, tables (with their
/// columns, primary key and indexes) and foreign keys, in schema order. Pure data.
/// </summary>
public sealed record PrismaDatabaseModel(
    IReadOnlyList<string> Extensions,
    IReadOnlyList<DbEnum> Enums,
    IReadOnlyList<DbTable> Tables,
    IReadOnlyList<DbForeignKey> ForeignKeys)
{
    /// <summary>Derives the database objects from a parsed schema.</summary>
    /// <exception cref="PrismaSchemaException">The schema refers to a field or model that does not exist.</exception>
    public static PrismaDatabaseModel FromSchema(PrismaSchema schema) => new PrismaDatabaseModelBuilder(schema).Build();

    public DbTable? Table(string name) =>
        Tables.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
