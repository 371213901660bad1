using System.CommandLine;
using Sparkle.Db.Cluster;

namespace Sparkle.Db.Cli;

/// <summary>Options every command understands.</summary>
internal static class CommonOptions
{
    public static readonly Option<string?> DatabaseUrl = new("--database-url")
    {
        Description = "postgresql://user:password@host:port/db URL or Npgsql key=value string (default: $DATABASE_URL, else the local cluster)",
        Recursive = true,
    };

    public static readonly Option<string> DataDir = new Option<string>("--data-dir")
    {
        Description = "Folder of the local cluster",
        DefaultValueFactory = _ => LocalClusterOptions.DefaultDataDirectory,
        Recursive = true,
    }.NotEmpty();

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show progress details and stack traces",
        Recursive = true,
    };

    public static readonly Option<string?> PrismaSchema = new Option<string?>("--prisma-schema")
    {
        Description = "Also compare the database with this Prisma schema file (default: $SPARKLE_PRISMA_SCHEMA when set)",
    }.ExistingFile();

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write machine-readable JSON to standard output",
    };
}
