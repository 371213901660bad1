using System.CommandLine;
using Microsoft.Extensions.Logging;
using Sparkle.Db.Connections;

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

    /// <summary>The database named by --database-url / DATABASE_URL, else the local cluster (started when needed).</summary>
    public Task<ResolvedDatabase> ResolveDatabaseAsync(CancellationToken cancellationToken) =>
        DatabaseLocator.ResolveAsync(Parse.GetValue(CommonOptions.DatabaseUrl), DataDir, cancellationToken);
}
