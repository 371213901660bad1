using System.Text;

namespace Sparkle.Db.Prisma;

/// <summary>
/// Generates migration <c>000_base_schema</c>: the database Prisma Migrate would create for a schema,
/// split into one file per domain (<see cref="PrismaSchemaDomains"/>). Extensions and enum types come
/// first, foreign keys last, so every file only needs the files before it.
/// </summary>
public static class PrismaBaseMigration
{
    /// <summary>The folder of the migration, relative to the repository root.</summary>
    public const string RelativeDirectory = "db/migrations/000_base_schema";

    /// <summary>Renders the migration files for <paramref name="schema"/>, in the order they run.</summary>
    public static IReadOnlyList<PrismaMigrationFile> Render(PrismaSchema schema, IReadOnlyList<PrismaSchemaDomain>? domains = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        domains ??= PrismaSchemaDomains.SparkleV43;
        var model = PrismaDatabaseModel.FromSchema(schema);
        var files = new List<PrismaMigrationFile>();

        var head = Header("Extensions and enum types").Append('\n');
        foreach (var extension in model.Extensions)
        {
            head.Append(PrismaDdlRenderer.Extension(extension));
        }

        foreach (var type in model.Enums)
        {
            head.Append('\n').Append(PrismaDdlRenderer.Enum(type));
        }

        files.Add(new PrismaMigrationFile(PrismaSchemaDomains.ExtensionsAndEnumsFileName, head.ToString()));

        var assigned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var domain in domains)
        {
            var tables = domain.Tables.Select(name => model.Table(name)).OfType<DbTable>().ToList();
            if (tables.Count > 0)
            {
                files.Add(new PrismaMigrationFile(domain.FileName, TablesFile(domain.Title, tables)));
                assigned.UnionWith(tables.Select(t => t.Name));
            }
        }

        var unassigned = model.Tables.Where(t => !assigned.Contains(t.Name)).ToList();
        if (unassigned.Count > 0)
        {
            files.Add(new PrismaMigrationFile(PrismaSchemaDomains.UnassignedFileName,
                TablesFile("Tables not yet given a domain in PrismaSchemaDomains", unassigned)));
        }

        var keys = Header("Foreign keys").Append('\n');
        foreach (var key in model.ForeignKeys)
        {
            keys.Append(PrismaDdlRenderer.ForeignKey(key));
        }

        files.Add(new PrismaMigrationFile(PrismaSchemaDomains.ForeignKeysFileName, keys.ToString()));
        return files;
    }

    /// <summary>
    /// Reads the Prisma schema at <paramref name="schemaPath"/> and replaces the <c>.sql</c> files of
    /// <paramref name="migrationDirectory"/> with freshly rendered ones.
    /// </summary>
    /// <returns>The files written.</returns>
    public static async Task<IReadOnlyList<PrismaMigrationFile>> WriteAsync(
        string schemaPath, string migrationDirectory, CancellationToken cancellationToken = default)
    {
        var files = Render(await PrismaSchema.LoadAsync(schemaPath, cancellationToken));
        Directory.CreateDirectory(migrationDirectory);
        foreach (var stale in Directory.EnumerateFiles(migrationDirectory, "*.sql"))
        {
            File.Delete(stale);
        }

        foreach (var file in files)
        {
            await File.WriteAllTextAsync(Path.Combine(migrationDirectory, file.FileName), file.Sql, cancellationToken);
        }

        return files;
    }

    private static string TablesFile(string title, IReadOnlyList<DbTable> tables)
    {
        var sql = Header(title);
        foreach (var table in tables)
        {
            sql.Append('\n').Append(PrismaDdlRenderer.TableWithIndexes(table));
        }

        return sql.ToString();
    }

    private static StringBuilder Header(string title) => new StringBuilder()
        .Append("-- ").Append(title).Append('\n')
        .Append("-- Generated from the Prisma schema by Sparkle.Db.Prisma.PrismaBaseMigration; do not edit by hand.\n")
        .Append("-- To change it, change the Prisma schema and regenerate (docs/SCHEMA.md).\n");
}
