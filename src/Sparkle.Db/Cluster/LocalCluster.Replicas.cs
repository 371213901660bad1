using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Cluster;

public sealed partial class LocalCluster
{
    /// <summary>The most local replicas <c>cluster start --replicas</c> makes (each is a full copy on this machine).</summary>
    public const int MaximumReplicas = 5;

    private const string ReplicasFileName = "replicas.json";

    private const string ReplicaConfFile = "sparkle-replica.conf";

    private string ReplicasPath => Path.Combine(_dataDirectory, ReplicasFileName);

    /// <summary>
    /// Makes the running local cluster have <paramref name="count"/> streaming replicas (null: the ones it has), each a
    /// pg_basebackup copy with a physical slot, on a port of its own; starts those that are stopped and removes (with their
    /// slots) those above <paramref name="count"/>. The primary must run (<see cref="StartAsync"/> first).
    /// </summary>
    public async Task<IReadOnlyList<ReplicaInfo>> EnsureReplicasAsync(int? count, CancellationToken cancellationToken = default)
    {
        if (count is < 0 or > MaximumReplicas)
        {
            throw new InvalidInputException($"--replicas {count} is out of range.", $"Give 0 to {MaximumReplicas} replicas (0 removes them all).");
        }

        var info = Describe() ?? throw new PostgresUnavailableException($"No cluster in {_dataDirectory}.", "Run 'sparkle-db cluster start' first.");
        var binaries = await PostgresBinaries.FindAsync(cancellationToken);
        using var folderLock = await DataDirectoryLock.AcquireAsync(_dataDirectory, _options.LockWait, cancellationToken);
        var replicas = ReadReplicas().ToList();
        var primaryData = Path.Combine(info.ServerDirectory, "pgdata");
        if (await IsRunningAsync(binaries, primaryData, cancellationToken) is not { } primaryPort)
        {
            throw new PostgresUnavailableException("The local primary is not running; replicas follow a running primary.", "Run 'sparkle-db cluster start' first.");
        }

        await using var primary = await ConnectionFailures.OpenAsync(Info(ReadState()! with { Port = primaryPort }).Server, cancellationToken);
        var wanted = count ?? replicas.Count;
        foreach (var extra in replicas.Where(r => r.Number > wanted).ToList())
        {
            await StopServerAsync(binaries, extra.PgData, cancellationToken);
            await ReplicationAccess.DropSlotAsync(primary, extra.SlotName, cancellationToken);
            Directory.Delete(extra.ServerDirectory, recursive: true);
            replicas.Remove(extra);
            await WriteReplicasAsync(replicas, cancellationToken);
        }

        if (wanted > 0)
        {
            await ReplicationAccess.EnsureAsync(primary, primaryData, RunAsUser ?? Environment.UserName, cancellationToken);
        }

        var primarySocket = Path.Combine(info.ServerDirectory, "socket");
        for (var number = 1; number <= wanted; number++)
        {
            var replica = replicas.FirstOrDefault(r => r.Number == number);
            if (replica is null || !File.Exists(Path.Combine(replica.PgData, "PG_VERSION")))
            {
                replica = await CreateReplicaAsync(binaries, primary, number, primarySocket, primaryPort, info.ServerDirectory, cancellationToken);
                replicas.RemoveAll(r => r.Number == number);
                replicas.Add(replica);
                await WriteReplicasAsync(replicas, cancellationToken);
            }

            var port = await StartReplicaAsync(binaries, replica, primarySocket, primaryPort, cancellationToken);
            replicas[replicas.FindIndex(r => r.Number == number)] = replica with { Port = port };
            await WriteReplicasAsync(replicas, cancellationToken);
        }

        return await DescribeReplicasAsync(binaries, primary, replicas, cancellationToken);
    }

    /// <summary>The local replicas with their state and lag seen from the primary (empty when there are none).</summary>
    public async Task<IReadOnlyList<ReplicaInfo>> ReplicaStatusAsync(CancellationToken cancellationToken = default)
    {
        var replicas = ReadReplicas();
        if (replicas.Count == 0 || ReadState() is not { } state)
        {
            return [];
        }

        var binaries = await PostgresBinaries.FindAsync(cancellationToken);
        if (await IsRunningAsync(binaries, Path.Combine(state.ServerDirectory, "pgdata"), cancellationToken) is not { } primaryPort)
        {
            return await DescribeReplicasAsync(binaries, null, replicas, cancellationToken);
        }

        await using var primary = await ConnectionFailures.OpenAsync(Info(state with { Port = primaryPort }).Server, cancellationToken);
        return await DescribeReplicasAsync(binaries, primary, replicas, cancellationToken);
    }

    private async Task StopReplicasUnlockedAsync(PostgresBinaries binaries, CancellationToken cancellationToken)
    {
        foreach (var replica in ReadReplicas())
        {
            await StopServerAsync(binaries, replica.PgData, cancellationToken);
        }
    }

    private async Task<ReplicaState> CreateReplicaAsync(
        PostgresBinaries binaries, NpgsqlConnection primary, int number, string primarySocket, int primaryPort, string primaryServerDirectory, CancellationToken cancellationToken)
    {
        // Beside the primary's server folder, so that it has the same owner and reach, and destroy removes it with the rest.
        var directory = Path.Combine(Path.GetDirectoryName(primaryServerDirectory)!, $"replica{number}");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        var replica = new ReplicaState(number, directory, 0);
        PrivateFiles.CreateFolder(directory);
        PrivateFiles.CreateFolder(replica.SocketDirectory);
        await GiveToServerUserAsync(directory, cancellationToken);
        await ReplicationAccess.EnsureSlotAsync(primary, replica.SlotName, cancellationToken);

        var result = await ProcessRunner.RunAsync(
            Path.Combine(binaries.BinDirectory, "pg_basebackup"),
            ["-D", replica.PgData, "-h", primarySocket, "-p", primaryPort.ToString(CultureInfo.InvariantCulture), "-U", ReplicationAccess.Login,
                "--no-password", "-S", replica.SlotName, "-X", "stream", "-c", "fast"],
            RunAsUser,
            TimeSpan.FromMinutes(30),
            cancellationToken);
        if (result.ExitCode != 0)
        {
            Directory.Delete(directory, recursive: true);
            throw new SparkleDbException($"pg_basebackup could not copy the primary for {replica.Name}: {FirstLine(result.Output)}", "--verbose shows its whole output.", details: result.Output);
        }

        // The copy holds the primary's server logs; the replica writes its own.
        var logs = Path.Combine(replica.PgData, "log");
        if (Directory.Exists(logs))
        {
            foreach (var file in Directory.GetFiles(logs))
            {
                File.Delete(file);
            }
        }

        await File.AppendAllTextAsync(Path.Combine(replica.PgData, "postgresql.conf"), $"\n# Written by sparkle-db: this server is a replica.\ninclude_if_exists = '{ReplicaConfFile}'\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(replica.PgData, "standby.signal"), "", cancellationToken);
        await GiveToServerUserAsync(directory, cancellationToken);
        return replica;
    }

    private async Task<int> StartReplicaAsync(PostgresBinaries binaries, ReplicaState replica, string primarySocket, int primaryPort, CancellationToken cancellationToken)
    {
        if (await IsRunningAsync(binaries, replica.PgData, cancellationToken) is { } running)
        {
            return running;
        }

        foreach (var stale in Directory.GetFiles(replica.SocketDirectory, ".s.PGSQL.*").Append(Path.Combine(replica.PgData, "postmaster.pid")).Where(File.Exists))
        {
            File.Delete(stale);
        }

        // Rewritten at every start: the primary may have moved to another port since the last one.
        var settings = new StringBuilder("# Written by sparkle-db at each start of this replica.\n")
            .Append(CultureInfo.InvariantCulture, $"unix_socket_directories = '{Escape(replica.SocketDirectory)}'\n")
            .Append(CultureInfo.InvariantCulture, $"primary_conninfo = '{Escape($"host={primarySocket} port={primaryPort} user={ReplicationAccess.Login} application_name={replica.Name}")}'\n")
            .Append(CultureInfo.InvariantCulture, $"primary_slot_name = '{replica.SlotName}'\n")
            .Append("hot_standby = on\n")
            // Long reads on the replica (the benchmark's) are not cancelled by vacuum on the primary; the cost is bloat
            // on the primary while they run.
            .Append("hot_standby_feedback = on\n");
        var confPath = Path.Combine(replica.PgData, ReplicaConfFile);
        await File.WriteAllTextAsync(confPath, settings.ToString(), cancellationToken);
        await GiveToServerUserAsync(confPath, cancellationToken);

        var port = IsPortFree(replica.Port) && replica.Port > 0 ? replica.Port : FindFreePort();
        var logFile = Path.Combine(replica.ServerDirectory, "server-start.log");
        var result = await ProcessRunner.RunAsync(
            binaries.PgCtl,
            ["start", "-D", replica.PgData, "-l", logFile, "-w", "-t", ((int)_options.StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-o", $"-p {port}"],
            RunAsUser,
            _options.StartTimeout + TimeSpan.FromSeconds(15),
            cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new SparkleDbException(
                $"The local replica {replica.Name} in {replica.PgData} did not start: {FirstLine(result.Output)}",
                $"Read its log in {Path.Combine(replica.PgData, "log")}; 'sparkle-db cluster start --replicas 0' removes the replicas.",
                details: $"{result.Output}\n{TailOf(logFile)}\n{TailOf(LatestServerLog(replica.PgData))}");
        }

        return port;
    }

    private async Task StopServerAsync(PostgresBinaries binaries, string pgData, CancellationToken cancellationToken)
    {
        if (await IsRunningAsync(binaries, pgData, cancellationToken) is null)
        {
            return;
        }

        var result = await ProcessRunner.RunAsync(binaries.PgCtl, ["stop", "-D", pgData, "-m", "fast", "-w"], RunAsUser, TimeSpan.FromSeconds(90), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new SparkleDbException($"The local PostgreSQL server in {pgData} did not stop: {FirstLine(result.Output)}", "--verbose shows pg_ctl's whole output.", details: result.Output);
        }
    }

    private async Task<IReadOnlyList<ReplicaInfo>> DescribeReplicasAsync(
        PostgresBinaries binaries, NpgsqlConnection? primary, IReadOnlyList<ReplicaState> replicas, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, (string? State, long? Bytes, double? Seconds)>(StringComparer.Ordinal);
        if (primary is not null)
        {
            await using var command = new NpgsqlCommand(
                """
                SELECT application_name, state, pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), replay_lsn)::bigint,
                       extract(epoch FROM replay_lag)::float8
                  FROM pg_catalog.pg_stat_replication
                """, primary);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                seen[reader.GetString(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetDouble(3));
            }
        }

        var result = new List<ReplicaInfo>();
        foreach (var replica in replicas.OrderBy(r => r.Number))
        {
            var port = await IsRunningAsync(binaries, replica.PgData, cancellationToken);
            var (state, bytes, seconds) = seen.GetValueOrDefault(replica.Name);
            result.Add(new ReplicaInfo(replica.Name, port ?? replica.Port, port is not null, state, bytes, seconds, Info(ReadState()! with { Port = port ?? replica.Port })));
        }

        return result;
    }

    private IReadOnlyList<ReplicaState> ReadReplicas() =>
        File.Exists(ReplicasPath) ? JsonSerializer.Deserialize<List<ReplicaState>>(File.ReadAllText(ReplicasPath)) ?? [] : [];

    private Task WriteReplicasAsync(IReadOnlyList<ReplicaState> replicas, CancellationToken cancellationToken) =>
        PrivateFiles.WriteAsync(ReplicasPath, JsonSerializer.Serialize(replicas.OrderBy(r => r.Number), new JsonSerializerOptions { WriteIndented = true }), cancellationToken);

    private static string Escape(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}
