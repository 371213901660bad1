using Npgsql;

namespace Sparkle.Db.Monitoring;

public static partial class DatabaseMonitor
{
    /// <summary>Standbys streaming from this server (pg_stat_replication), and this server's own replay delay when it is a standby.</summary>
    /// <remarks><see href="https://www.postgresql.org/docs/current/monitoring-stats.html#MONITORING-PG-STAT-REPLICATION-VIEW"/></remarks>
    public static async Task<ReplicationStatus> ReplicationAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        var (inRecovery, delay) = (await ReadAsync(connection,
            "SELECT pg_is_in_recovery(), CASE WHEN pg_is_in_recovery() THEN extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 END",
            [], r => (r.GetBoolean(0), r.IsDBNull(1) ? (double?)null : r.GetDouble(1)), cancellationToken))[0];
        var replicas = await ReadAsync(connection,
            """
            SELECT pid, application_name, client_addr::text, state, sync_state,
                   extract(epoch FROM write_lag)::float8, extract(epoch FROM flush_lag)::float8, extract(epoch FROM replay_lag)::float8,
                   CASE WHEN replay_lsn IS NOT NULL AND NOT pg_is_in_recovery() THEN pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint END
              FROM pg_stat_replication
             ORDER BY application_name, pid
            """,
            [], r => new ReplicaLag(r.GetInt32(0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4),
                Number(r, 5), Number(r, 6), Number(r, 7), r.IsDBNull(8) ? null : r.GetInt64(8)),
            cancellationToken);
        return new ReplicationStatus(inRecovery, delay, replicas);
    }

    private static double? Number(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}
