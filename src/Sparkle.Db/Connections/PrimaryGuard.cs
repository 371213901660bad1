using Npgsql;

namespace Sparkle.Db.Connections;

/// <summary>Refuses to write to a replica: <c>pg_is_in_recovery()</c> is true on a standby (docs/SCALING.md).</summary>
public static class PrimaryGuard
{
    /// <summary>Whether the server behind <paramref name="connection"/> is a standby (read-only replica).</summary>
    public static async Task<bool> IsReplicaAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand("SELECT pg_catalog.pg_is_in_recovery()", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Throws <see cref="ReadOnlyReplicaException"/> when <paramref name="target"/> is a replica; <paramref name="what"/>
    /// names what would have run ("maintenance", "migrations").</summary>
    public static async Task EnsurePrimaryAsync(DatabaseTarget target, string what, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectionFailures.OpenAsync(target, cancellationToken);
        if (await IsReplicaAsync(connection, cancellationToken))
        {
            throw new ReadOnlyReplicaException(
                $"{target.Builder.Host}:{target.Builder.Port} is a read-only replica (pg_is_in_recovery() is true); {what} runs on the primary only. Nothing was changed.",
                "Pass the primary's URL ('sparkle-db cluster url' for the local cluster); replicas follow it by streaming.");
        }
    }
}
