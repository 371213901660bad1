using System.Globalization;
using Sparkle.Db.Connections;
using Sparkle.Db.Scaling;

namespace Sparkle.Db.Cli.Commands;

/// <summary><c>bench --replica URL</c>: the hot read queries on the primary beside the replica, as a Markdown table.</summary>
internal static class ReplicaBenchOutput
{
    public static async Task<int> RunAsync(CommandContext context, string replicaUrl, int runs, CancellationToken cancellationToken)
    {
        var replica = DatabaseTarget.Parse(replicaUrl);
        var primary = await context.ResolveDatabaseAsync(cancellationToken);
        var results = await ReplicaReadBench.RunAsync(primary.Target, replica, runs, cancellationToken);
        var o = context.Out;
        await o.WriteLineAsync($"Hot read queries, {runs} alternating runs each, client round trip in ms (p50 / p95):");
        await o.WriteLineAsync();
        await o.WriteLineAsync("| query | kind | primary p50 | primary p95 | replica p50 | replica p95 | replica / primary (p50) |");
        await o.WriteLineAsync("|---|---|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            await o.WriteLineAsync(r.Error is { } error
                ? $"| {r.Query} | {r.Kind} | – | – | – | – | {error} |"
                : $"| {r.Query} | {r.Kind} | {N(r.PrimaryP50)} | {N(r.PrimaryP95)} | {N(r.ReplicaP50)} | {N(r.ReplicaP95)} | {N(r.ReplicaP50 / r.PrimaryP50)} |");
        }

        return results.Any(r => r.Error is not null) ? 1 : 0;
    }

    private static string N(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";
}
