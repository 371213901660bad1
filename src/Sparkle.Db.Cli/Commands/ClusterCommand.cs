using System.CommandLine;
using System.Globalization;
using Sparkle.Db.Cluster;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Cli.Commands;

/// <summary><c>sparkle-db cluster start [--replicas N]|stop|status|url [--replica N]</c>: the local PostgreSQL cluster and its local replicas.</summary>
internal static class ClusterCommand
{
    public static Command Create()
    {
        var command = new Command("cluster", "Manage the local PostgreSQL cluster (used when no --database-url / DATABASE_URL is given)");

        var replicas = new Option<int?>("--replicas")
        {
            Description = $"Keep N local streaming replicas of the cluster (0 to {LocalCluster.MaximumReplicas}; 0 removes them). Without it, existing replicas are started",
        };
        replicas.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } n && n is < 0 or > LocalCluster.MaximumReplicas)
            {
                result.AddError($"--replicas must be between 0 and {LocalCluster.MaximumReplicas} (got {n}).");
            }
        });
        var pooler = new Option<bool>("--pooler")
        {
            Description = "Also start PgBouncer (transaction mode) in front of the cluster for the application login, and print the URL the app should use (after 'up')",
        };
        var start = new Command("start", "Create the cluster on first use, start it (and its replicas), and wait until it accepts connections") { replicas, pooler };
        start.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(parse);
            var cluster = Cluster(context);
            var info = await cluster.StartAsync(cancellationToken);
            await DatabaseLocator.EnsureDatabaseAsync(info.Server, DatabaseLocator.LocalDatabaseName, cancellationToken);
            await context.Out.WriteLineAsync($"Running on 127.0.0.1:{info.Port}. URL: {info.UrlFor(DatabaseLocator.LocalDatabaseName)}");
            foreach (var replica in await cluster.EnsureReplicasAsync(parse.GetValue(replicas), cancellationToken))
            {
                await context.Out.WriteLineAsync($"Replica {replica.Name} (read-only) on 127.0.0.1:{replica.Port}. URL: {replica.UrlFor(DatabaseLocator.LocalDatabaseName)}");
            }

            if (parse.GetValue(pooler))
            {
                var p = await cluster.StartPoolerAsync([LocalCluster.ApplicationLogin], cancellationToken);
                await context.Out.WriteLineAsync($"PgBouncer (transaction pooling) on 127.0.0.1:{p.Port}. Application URL: {p.UrlFor(DatabaseLocator.LocalDatabaseName, LocalCluster.ApplicationLogin)}");
            }

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
            foreach (var replica in await Cluster(context).ReplicaStatusAsync(cancellationToken))
            {
                await context.Out.WriteLineAsync(ReplicaLine(replica));
            }

            if (Cluster(context).DescribePooler() is { } p)
            {
                await context.Out.WriteLineAsync(p.Running
                    ? $"  pooler: PgBouncer, transaction mode, 127.0.0.1:{p.Port}, application URL {p.UrlFor(DatabaseLocator.LocalDatabaseName, LocalCluster.ApplicationLogin)}"
                    : $"  pooler: stopped (last port {p.Port}); 'sparkle-db cluster start --pooler' starts it");
            }

            return s.Running ? 0 : ExitCodes.NoPostgres;
        });

        var replica = new Option<int?>("--replica") { Description = "The URL of local replica N (read-only) instead of the primary's" };
        var url = new Command("url", "Print a postgresql:// URL for the local sparkle database (psql and Prisma accept it; the password stays in a private passfile)") { replica };
        url.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(parse);
            var cluster = Cluster(context);
            var info = cluster.Describe()
                ?? throw new PostgresUnavailableException($"No cluster in {Path.GetFullPath(context.DataDir)}.", "Run 'sparkle-db up' or 'sparkle-db cluster start' first.");
            if (parse.GetValue(replica) is { } number)
            {
                var found = (await cluster.ReplicaStatusAsync(cancellationToken)).FirstOrDefault(r => r.Name == $"replica{number}")
                    ?? throw new InvalidInputException($"The local cluster has no replica {number}.", "'sparkle-db cluster status' lists the replicas; 'cluster start --replicas N' makes them.");
                await context.Out.WriteLineAsync(found.UrlFor(DatabaseLocator.LocalDatabaseName));
                return 0;
            }

            await context.Out.WriteLineAsync(info.UrlFor(DatabaseLocator.LocalDatabaseName));
            return 0;
        });

        command.Subcommands.Add(start);
        command.Subcommands.Add(stop);
        command.Subcommands.Add(status);
        command.Subcommands.Add(url);
        return command;
    }

    private static string ReplicaLine(ReplicaInfo r)
    {
        if (!r.Running)
        {
            return $"  {r.Name}: stopped (last port {r.Port}); 'sparkle-db cluster start' starts it";
        }

        var lag = r.LagBytes is { } bytes ? $"lag {bytes} bytes, {(r.LagSeconds ?? 0).ToString("0.000", CultureInfo.InvariantCulture)} s" : "lag unknown";
        return $"  {r.Name}: {r.State ?? "not connected to the primary"}, 127.0.0.1:{r.Port}, {lag}, URL {r.UrlFor(DatabaseLocator.LocalDatabaseName)}";
    }

    private static LocalCluster Cluster(CommandContext context) => new(new LocalClusterOptions { DataDirectory = context.DataDir });
}
