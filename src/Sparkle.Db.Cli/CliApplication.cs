using System.CommandLine;
using System.CommandLine.Invocation;
using Sparkle.Db.Cli.Commands;

namespace Sparkle.Db.Cli;

/// <summary>The <c>sparkle-db</c> command tree and its one error boundary: usage errors exit 2 before anything runs;
/// any other failure becomes a one-line message and a hint, the exit code of its type (<see cref="ExitCodes"/>), and
/// the stack trace only with --verbose.</summary>
public static class CliApplication
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "sparkle-db: builds, migrates, verifies, monitors and maintains the Sparkle Universe PostgreSQL database.\n" +
            "Without --database-url or DATABASE_URL, it starts (or reuses) a local PostgreSQL cluster of its own.");
        root.Options.Add(CommonOptions.DatabaseUrl);
        root.Options.Add(CommonOptions.DataDir);
        root.Options.Add(CommonOptions.Verbose);
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        var stderr = error ?? Console.Error;
        var verbose = parse.GetValue(CommonOptions.Verbose);

        // Usage errors (unknown commands and options, values that do not parse or break a rule) are reported before any
        // action runs: nothing has started, nothing has changed.
        if (parse.Action is ParseErrorAction)
        {
            return await ErrorReport.WriteUsageAsync([.. parse.Errors.Select(e => e.Message)], CommandPath(parse), parse.CommandResult.Command is RootCommand, stderr);
        }

        var config = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        if (output is not null)
        {
            config.Output = output;
        }

        config.Error = stderr;
        try
        {
            return await parse.InvokeAsync(config);
        }
        catch (Exception ex)
        {
            return await ErrorReport.WriteAsync(ex, stderr, verbose);
        }
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? "sparkle-db" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
