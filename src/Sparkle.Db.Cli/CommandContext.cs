using System.CommandLine;
using Microsoft.Extensions.Logging;
using Sparkle.Db.Connections;
using Sparkle.Db.Migrations;
using Sparkle.Db.Prisma;
using Sparkle.Db.Verification;
using Sparkle.Db.Verification.Prisma;

namespace Sparkle.Db.Cli;

/// <summary>What a command's action needs from the parse: the database it works on, a logger, the writers.</summary>
internal sealed class CommandContext(ParseResult parse)
{
    public ParseResult Parse { get; } = parse;

    public TextWriter Out => Parse.InvocationConfiguration.Output;

    public TextWriter Error => Parse.InvocationConfiguration.Error;

    public bool Verbose => Parse.GetValue(CommonOptions.Verbose);

    public string DataDir => Parse.GetValue(CommonOptions.DataDir)!;

    public ILogger Logger => new ConsoleLogger(Error, Verbose);

    /// <summary>The default checks, plus the Prisma comparison when --prisma-schema or $SPARKLE_PRISMA_SCHEMA names a file.
    /// Called before the database is resolved, so that a bad schema file stops the command before anything starts.</summary>
    public async Task<Verifier> VerifierAsync(MigrationCatalog catalog, CancellationToken cancellationToken)
    {
        var defaults = Verifier.Default(catalog);
        var path = Parse.GetValue(CommonOptions.PrismaSchema) is { Length: > 0 } given ? given : Environment.GetEnvironmentVariable("SPARKLE_PRISMA_SCHEMA");
        if (path is not { Length: > 0 })
        {
            return defaults;
        }

        if (!File.Exists(path))
        {
            throw new InvalidInputException($"The Prisma schema file {Path.GetFullPath(path)} does not exist.", "Pass the path of schema.prisma with --prisma-schema (or fix $SPARKLE_PRISMA_SCHEMA).");
        }

        return new Verifier([.. defaults.Checks, new PrismaSchemaCheck(await PrismaSchema.LoadAsync(path, cancellationToken))]);
    }

    /// <summary>The database named by --database-url / DATABASE_URL, else the local cluster (started when needed).</summary>
    public Task<ResolvedDatabase> ResolveDatabaseAsync(CancellationToken cancellationToken) =>
        DatabaseLocator.ResolveAsync(Parse.GetValue(CommonOptions.DatabaseUrl), DataDir, cancellationToken);
}
