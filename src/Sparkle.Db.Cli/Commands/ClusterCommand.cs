using System.CommandLine;
using Sparkle.Db.Cluster;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Cli.Commands;

/// <summary><c>sparkle-db cluster start|stop|status|url</c>: the local PostgreSQL cluster.</summary>
internal static class ClusterCommand
{
    public static Command Create()
    {
        var command = new Command("cluster", "Manage the local PostgreSQL cluster (used when no --database-url / DATABASE_URL is given)");

        var start = new Command("start", "Create the cluster on first use, start it, and wait until it accepts connections");
        start.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(parse);
            var info = await Cluster(context).StartAsync(cancellationToken);
            await DatabaseLocator.EnsureDatabaseAsync(info.Server, DatabaseLocator.LocalDatabaseName, cancellationToken);
            await context.Out.WriteLineAsync($"Running on 127.0.0.1:{info.Port}. URL: {info.UrlFor(DatabaseLocator.LocalDatabaseName)}");
            return 0;
        });

        var stop = new Command("stop", "Stop the cluster (fast shutdown)");
        stop.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(parse);
            var stopped = await Cluster(context).StopAsync(cancellationToken);
            await context.Out.WriteLineAsync(stopped ? "Stopped." : "Not running.");
            return 0;
        });

        var status = new Command("status", "Say whether the cluster exists and runs, and where");
        status.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(parse);
            var s = await Cluster(context).StatusAsync(cancellationToken);
            if (!s.Initialized)
            {
                await context.Out.WriteLineAsync($"No cluster in {s.DataDirectory}: 'sparkle-db cluster start' or 'sparkle-db up' creates it.");
                return ExitCodes.NoPostgres;
            }

            await context.Out.WriteLineAsync(s.Running
                ? $"Running: PostgreSQL {s.MajorVersion}, pid {s.ProcessId}, 127.0.0.1:{s.Port}, server files {s.ServerDirectory}"
                : $"Stopped: server files {s.ServerDirectory} (last port {s.Port})");
            return s.Running ? 0 : ExitCodes.NoPostgres;
        });

        var url = new Command("url", "Print a postgresql:// URL for the local sparkle database (psql and Prisma accept it; the password stays in a private passfile)");
        url.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(parse);
            var info = Cluster(context).Describe()
                ?? throw new PostgresUnavailableException($"No cluster in {Path.GetFullPath(context.DataDir)}.", "Run 'sparkle-db up' or 'sparkle-db cluster start' first.");
            await context.Out.WriteLineAsync(info.UrlFor(DatabaseLocator.LocalDatabaseName));
            return 0;
        });

        command.Subcommands.Add(start);
        command.Subcommands.Add(stop);
        command.Subcommands.Add(status);
        command.Subcommands.Add(url);
        return command;
    }

    private static LocalCluster Cluster(CommandContext context) => new(new LocalClusterOptions { DataDirectory = context.DataDir });
}
