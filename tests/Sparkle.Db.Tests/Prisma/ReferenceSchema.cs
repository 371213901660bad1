using Sparkle.Db.Prisma;

namespace Sparkle.Db.Tests.Prisma;

/// <summary>
/// The upstream v4.3 Prisma schema and the repository root. The schema is not part of the repository: it is
/// read from <c>$SPARKLE_PRISMA_SCHEMA</c>, else from <c>../shared/reference/schema.prisma.v4.3</c> beside
/// the repository; tests that need it are skipped where it is absent (<see cref="ReferenceSchemaFactAttribute"/>).
/// </summary>
internal static class ReferenceSchema
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Sparkle.Db.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Sparkle.Db.slnx) is not above " + AppContext.BaseDirectory);
    });

    private static readonly Lazy<PrismaSchema> Parsed = new(() => PrismaSchema.Parse(File.ReadAllText(SchemaPath)));

    public static string RepositoryRoot => Root.Value;

    public static string SchemaPath =>
        Environment.GetEnvironmentVariable("SPARKLE_PRISMA_SCHEMA") is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "reference", "schema.prisma.v4.3"));

    public static bool IsAvailable => File.Exists(SchemaPath);

    public static PrismaSchema Schema => Parsed.Value;
}
