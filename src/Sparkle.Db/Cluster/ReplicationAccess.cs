using Npgsql;

namespace Sparkle.Db.Cluster;

/// <summary>
/// What the primary needs before a local replica can copy and follow it: the replication login, its way in, and one
/// physical slot per replica.
/// </summary>
/// <remarks>
/// The login <see cref="Login"/> has REPLICATION and nothing else (no superuser, no database rights, no password at
/// all). It gets in only through the primary's private Unix socket folder (0700, owned by the server's OS user), by peer
/// authentication mapped from that one OS user (pg_ident.conf), so no password exists to leak: not in argv, not in
/// primary_conninfo, not in a file. pg_basebackup and the replica's WAL receiver both run as that OS user.
/// <see href="https://www.postgresql.org/docs/current/auth-peer.html"/>,
/// <see href="https://www.postgresql.org/docs/current/warm-standby.html#STREAMING-REPLICATION-SLOTS"/>.
/// </remarks>
internal static class ReplicationAccess
{
    public const string Login = "sparkle_replicator";

    private const string MapName = "sparkle_replication";

    /// <summary>Creates or tightens the replication login, and puts its pg_hba.conf and pg_ident.conf lines first.</summary>
    /// <returns>True when a configuration file changed (the caller reloads the server).</returns>
    public static async Task<bool> EnsureAsync(NpgsqlConnection primary, string pgData, string osUser, CancellationToken cancellationToken)
    {
        await using (var role = new NpgsqlCommand(
            $"""
            DO $$
            BEGIN
              IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '{Login}') THEN
                CREATE ROLE {Login} LOGIN REPLICATION;
              END IF;
              ALTER ROLE {Login} LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT CONNECTION LIMIT 10 PASSWORD NULL;
            END
            $$
            """, primary))
        {
            await role.ExecuteNonQueryAsync(cancellationToken);
        }

        var hbaLine = $"local replication {Login} peer map={MapName}";
        var identLine = $"{MapName} {osUser} {Login}";
        var changed = await PrependAsync(Path.Combine(pgData, "pg_hba.conf"), hbaLine, cancellationToken);
        changed |= await PrependAsync(Path.Combine(pgData, "pg_ident.conf"), identLine, cancellationToken);
        if (changed)
        {
            await using var reload = new NpgsqlCommand("SELECT pg_catalog.pg_reload_conf()", primary);
            await reload.ExecuteScalarAsync(cancellationToken);
        }

        return changed;
    }

    /// <summary>Creates the physical slot (reserving WAL now, so nothing the copy needs is recycled) unless it exists.</summary>
    public static async Task EnsureSlotAsync(NpgsqlConnection primary, string slot, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT pg_catalog.pg_create_physical_replication_slot($1, true) WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_replication_slots WHERE slot_name = $1)",
            primary);
        command.Parameters.AddWithValue(slot);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Drops the slot of a removed replica, waiting for its WAL sender to exit (an active slot cannot be dropped).</summary>
    public static async Task DropSlotAsync(NpgsqlConnection primary, string slot, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var command = new NpgsqlCommand(
                "SELECT active FROM pg_catalog.pg_replication_slots WHERE slot_name = $1", primary);
            command.Parameters.AddWithValue(slot);
            var active = await command.ExecuteScalarAsync(cancellationToken);
            if (active is null)
            {
                return;
            }

            if (active is false || attempt >= 50)
            {
                await using var drop = new NpgsqlCommand("SELECT pg_catalog.pg_drop_replication_slot($1)", primary);
                drop.Parameters.AddWithValue(slot);
                await drop.ExecuteNonQueryAsync(cancellationToken);
                return;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    // The first matching pg_hba.conf line decides, so ours goes before initdb's "local replication all scram-sha-256".
    private static async Task<bool> PrependAsync(string file, string line, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(file, cancellationToken);
        if (text.Split('\n').Any(l => l.Trim() == line))
        {
            return false;
        }

        // Rewriting in place keeps the file's owner (the server's OS user) and mode.
        await File.WriteAllTextAsync(file, $"# Written by sparkle-db: local replicas (docs/SCALING.md).\n{line}\n{text}", cancellationToken);
        return true;
    }
}
