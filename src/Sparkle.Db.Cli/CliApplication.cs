using System.CommandLine;
using Npgsql;
using Sparkle.Db.Cli.Commands;

namespace Sparkle.Db.Cli;

/// <summary>The <c>sparkle-db</c> command tree and its error handling: a message and a hint, a non-zero exit, and the
/// stack trace only with --verbose.</summary>
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
        var config = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        if (output is not null)
        {
            config.Output = output;
        }

        if (error is not null)
        {
            config.Error = error;
        }

        var stderr = error ?? Console.Error;
        try
        {
            return await parse.InvokeAsync(config);
        }
        catch (SparkleDbException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            if (ex.Hint is { } hint)
            {
                await stderr.WriteLineAsync($"hint: {hint}");
            }

            if (parse.GetValue(CommonOptions.Verbose))
            {
                await stderr.WriteLineAsync(ex.ToString());
            }

            return ex.ExitCode;
        }
        catch (PostgresException ex)
        {
            await stderr.WriteLineAsync($"error: PostgreSQL said: {ex.MessageText} (SQLSTATE {ex.SqlState})");
            if (parse.GetValue(CommonOptions.Verbose))
            {
                await stderr.WriteLineAsync(ex.ToString());
            }

            return 1;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("cancelled.");
            return 130;
        }
    }
}
