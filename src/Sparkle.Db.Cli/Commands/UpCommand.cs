using System.CommandLine;
using System.Globalization;
using Sparkle.Db.Cluster;
using Sparkle.Db.Migrations;
using Sparkle.Db.Verification;

namespace Sparkle.Db.Cli.Commands;

/// <summary><c>sparkle-db up</c>: a database fully migrated and verified, and the URL to reach it.</summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var command = new Command("up", "Start (or reuse) the database, apply every pending migration, verify the result and print the connection URL") { CommonOptions.PrismaSchema };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(parse);
            var catalog = MigrationCatalog.Embedded();
            var verifier = await context.VerifierAsync(catalog, cancellationToken);
            var database = await context.ResolveDatabaseAsync(cancellationToken);
            if (database.Cluster is { } cluster)
            {
                await context.Out.WriteLineAsync($"Local PostgreSQL cluster on 127.0.0.1:{cluster.Port} (server files: {cluster.ServerDirectory})");
            }
            else
            {
                await context.Out.WriteLineAsync($"Database: {database.Target.Describe()}");
            }

            var result = await MigrationProgressDisplay.RunAsync(context.Error, options =>
                new MigrationRunner(database.Target, catalog, options, context.Logger).MigrateAsync(cancellationToken: cancellationToken));
            await MigrateCommand.WriteResultAsync(context.Out, result, catalog);

            var report = await verifier.RunAsync(database.Target, cancellationToken);
            await VerifyCommand.WriteSummaryAsync(context.Out, report);

            await context.Out.WriteLineAsync();
            await context.Out.WriteLineAsync($"Database URL: {database.DisplayUrl}");
            if (database.Cluster is not null)
            {
                // A least-privilege login for the application, its password in the same private passfile.
                var login = await new LocalCluster(new LocalClusterOptions { DataDirectory = context.DataDir })
                    .EnsureLoginAsync(LocalCluster.ApplicationLogin, ["sparkle_app"], cancellationToken);
                await context.Out.WriteLineAsync(
                    $"Application URL (role sparkle_app, DML only): {login.UrlFor(database.Target.Database, LocalCluster.ApplicationLogin)}");
            }

            return report.Passed ? 0 : 1;
        });
        return command;
    }

    internal static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
