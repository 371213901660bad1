using Npgsql;
using Sparkle.Db.Benchmarks;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Scaling;

/// <summary>
/// The hot read queries of db/queries on the primary and on a replica, same parameters, alternately (primary, replica,
/// primary, …) so both see the same background noise. Parameters are picked on the primary, and the replica is first
/// waited for until it has replayed the primary's current WAL position, so both answer over the same data.
/// </summary>
public static class ReplicaReadBench
{
    public static async Task<IReadOnlyList<ReplicaReadResult>> RunAsync(
        DatabaseTarget primaryTarget, DatabaseTarget replicaTarget, int runs, CancellationToken cancellationToken = default)
    {
        await using var primary = await ConnectionFailures.OpenAsync(primaryTarget, cancellationToken);
        await using var replica = await ConnectionFailures.OpenAsync(replicaTarget, cancellationToken);
        if (await PrimaryGuard.IsReplicaAsync(primary, cancellationToken) || !await PrimaryGuard.IsReplicaAsync(replica, cancellationToken))
        {
            throw new InvalidInputException("bench --replica needs the primary (--database-url or the local cluster) and a replica of it (--replica URL).",
                "'sparkle-db cluster status' prints the local replicas' URLs.");
        }

        await WaitForReplayAsync(primary, replica, cancellationToken);
        var results = new List<ReplicaReadResult>();
        foreach (var query in HotQueryCatalog.Embedded())
        {
            try
            {
                var parameters = query.Pick is null ? [] : await BenchRunner.PickAsync(primary, query.Pick, cancellationToken);
                var (p, r) = (new List<double>(), new List<double>());
                await BenchRunner.TimeAsync(primary, query.Sql, parameters, 3, cancellationToken);
                await BenchRunner.TimeAsync(replica, query.Sql, parameters, 3, cancellationToken);
                for (var i = 0; i < runs; i++)
                {
                    p.AddRange(await BenchRunner.TimeAsync(primary, query.Sql, parameters, 1, cancellationToken));
                    r.AddRange(await BenchRunner.TimeAsync(replica, query.Sql, parameters, 1, cancellationToken));
                }

                results.Add(new ReplicaReadResult(query.Name, query.Kind, LatencyStats.Percentile(p, 50), LatencyStats.Percentile(p, 95),
                    LatencyStats.Percentile(r, 50), LatencyStats.Percentile(r, 95), null));
            }
            catch (PostgresException ex) when (!ConnectionFailures.IsConnectionLoss(ex))
            {
                results.Add(new ReplicaReadResult(query.Name, query.Kind, null, null, null, null, $"{ex.MessageText} (SQLSTATE {ex.SqlState})"));
            }
        }

        return results;
    }

    private static async Task WaitForReplayAsync(NpgsqlConnection primary, NpgsqlConnection replica, CancellationToken cancellationToken)
    {
        await using var current = new NpgsqlCommand("SELECT pg_catalog.pg_current_wal_lsn()::text", primary);
        var target = (string)(await current.ExecuteScalarAsync(cancellationToken))!;
        await using var replayed = new NpgsqlCommand("SELECT pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_last_wal_replay_lsn(), $1::pg_lsn) >= 0", replica);
        replayed.Parameters.AddWithValue(target);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        while (!(bool)(await replayed.ExecuteScalarAsync(timeout.Token))!)
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
