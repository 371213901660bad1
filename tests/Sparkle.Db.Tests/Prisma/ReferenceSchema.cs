using Sparkle.Db.Prisma;

namespace Sparkle.Db.Tests.Prisma;

/// <summary>The upstream v4.3 Prisma schema, kept beside the repository in <c>../shared/reference</c>, and the repository root.</summary>
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

    public static string SchemaPath => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "reference", "schema.prisma.v4.3"));

    public static PrismaSchema Schema => Parsed.Value;
}
