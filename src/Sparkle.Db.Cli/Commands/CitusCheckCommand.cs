using System.CommandLine;
using System.Text.Json;
using Sparkle.Db.Benchmarks;
using Sparkle.Db.Connections;
using Sparkle.Db.Scaling;

namespace Sparkle.Db.Cli.Commands;

/// <summary>
/// <c>sparkle-db citus-check [--json]</c>: what blocks the proposed Citus distribution (docs/SCALING.md), read from the
/// migrated database's catalog and the hot queries. A report: exit 0 whatever it finds, 1 when it cannot read the catalog.
/// </summary>
internal static class CitusCheckCommand
{
    public static Command Create()
    {
        var command = new Command("citus-check",
            "Report what blocks sharding with Citus under the proposed distribution: unique keys and foreign keys without the "
            + "distribution column, foreign keys across co-location groups, triggers that write other shards, hot queries without the key")
        {
            CommonOptions.Json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(parse);
            var database = await context.ResolveDatabaseAsync(cancellationToken);
            await using var connection = await ConnectionFailures.OpenAsync(database.Target, cancellationToken);
            var report = await CitusReadiness.CheckAsync(connection, DistributionPlan.Proposed, HotQueryCatalog.Embedded(), cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(report, JsonOutput.Options));
                return 0;
            }

            var o = context.Out;
            await o.WriteLineAsync("Proposed distribution (docs/SCALING.md):");
            foreach (var group in report.Plan.Distributed.GroupBy(d => d.Group))
            {
                await o.WriteLineAsync($"  {group.Key} group: {string.Join(", ", group.Select(d => $"{d.Table} by \"{d.Column}\""))}");
            }

            await o.WriteLineAsync($"  reference: {string.Join(", ", report.Plan.Reference)}; every other table stays local on the coordinator");
            foreach (var kind in Enum.GetValues<CitusFindingKind>())
            {
                var found = report.Findings.Where(f => f.Kind == kind).ToList();
                await o.WriteLineAsync();
                await o.WriteLineAsync($"{kind}: {found.Count}");
                foreach (var f in found)
                {
                    await o.WriteLineAsync($"  {f.Table}  {f.Object}: {f.Detail}");
                }
            }

            await o.WriteLineAsync();
            await o.WriteLineAsync($"Hot queries reading distributed tables: {report.QueriesChecked}, routable to one shard: {report.QueriesRoutable}.");
            await o.WriteLineAsync($"Citus readiness: {report.Findings.Count} finding(s).");
            return 0;
        });
        return command;
    }
}
