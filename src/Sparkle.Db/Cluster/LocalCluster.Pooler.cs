using System.Globalization;
using System.Text;
using Npgsql;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Cluster;

public sealed partial class LocalCluster
{
    private const string PoolerFolder = "pooler";

    /// <summary>
    /// Starts PgBouncer (Debian's <c>pgbouncer</c>) in front of the running local primary, in transaction mode, for every
    /// database and for the application's logins: <paramref name="logins"/> and every login that is a member of
    /// sparkle_app (their SCRAM secrets are copied from pg_authid into a 0600 auth file; no password is written). Reuses
    /// a running pooler after rewriting its settings (a new login, a moved primary).
    /// </summary>
    /// <exception cref="PostgresUnavailableException">pgbouncer is not installed, or the primary does not run (exit 3).</exception>
    public async Task<PoolerInfo> StartPoolerAsync(IReadOnlyList<string> logins, CancellationToken cancellationToken = default)
    {
        var program = new[] { "/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer" }.FirstOrDefault(File.Exists)
            ?? throw new PostgresUnavailableException("PgBouncer is not installed.", "Install it ('apt-get install pgbouncer' on Debian or Ubuntu), then run 'sparkle-db cluster start --pooler' again.");
        var info = Describe() ?? throw new PostgresUnavailableException($"No cluster in {_dataDirectory}.", "Run 'sparkle-db cluster start' first.");
        var binaries = await PostgresBinaries.FindAsync(cancellationToken);
        using var folderLock = await DataDirectoryLock.AcquireAsync(_dataDirectory, _options.LockWait, cancellationToken);
        if (await IsRunningAsync(binaries, Path.Combine(info.ServerDirectory, "pgdata"), cancellationToken) is not { } primaryPort)
        {
            throw new PostgresUnavailableException("The local primary is not running; the pooler forwards to it.", "Run 'sparkle-db cluster start' first.");
        }

        var directory = Path.Combine(Path.GetDirectoryName(info.ServerDirectory)!, PoolerFolder);
        PrivateFiles.CreateFolder(directory);
        await using var primary = await ConnectionFailures.OpenAsync(Info(ReadState()! with { Port = primaryPort }).Server, cancellationToken);
        var secrets = new StringBuilder();
        await using (var command = new NpgsqlCommand(
                        """
            SELECT a.rolname, a.rolpassword FROM pg_catalog.pg_authid a
             WHERE a.rolcanlogin AND a.rolpassword LIKE 'SCRAM-SHA-256$%' AND NOT a.rolsuper
               AND (a.rolname = ANY($1) OR EXISTS (SELECT FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
                                                    WHERE m.member = a.oid AND g.rolname = 'sparkle_app'))
             ORDER BY 1
            """, primary))
        {
            command.Parameters.AddWithValue(logins.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                secrets.Append(CultureInfo.InvariantCulture, $"\"{reader.GetString(0)}\" \"{reader.GetString(1)}\"\n");
            }
        }

        if (secrets.Length == 0)
        {
            throw new PostgresUnavailableException("No application login (a member of sparkle_app with a SCRAM password) exists on the local cluster.", "Run 'sparkle-db up' first: it creates the application login.");
        }

        var pidFile = Path.Combine(directory, "pgbouncer.pid");
        var running = PoolerPid(pidFile);
        var port = running is not null && ReadPoolerPort(directory) is { } current ? current : FindFreePort();
        await PrivateFiles.WriteAsync(Path.Combine(directory, "userlist.txt"), secrets.ToString(), cancellationToken);
        await PrivateFiles.WriteAsync(Path.Combine(directory, "pgbouncer.ini"), PoolerSettings(directory, info.ServerDirectory, primaryPort, port), cancellationToken);
        await GiveToServerUserAsync(directory, cancellationToken);

        if (running is { } pid)
        {
            // SIGHUP: PgBouncer rereads its settings and auth file (a moved primary port, a new login).
            await SignalAsync(pid, "HUP", cancellationToken);
            return new PoolerInfo(port, true, PassFilePath, directory);
        }

        var result = await ProcessRunner.RunAsync(program, ["-d", Path.Combine(directory, "pgbouncer.ini")], RunAsUser, TimeSpan.FromSeconds(30), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new SparkleDbException($"PgBouncer did not start: {FirstLine(result.Output)}", $"Read {Path.Combine(directory, "pgbouncer.log")}.", details: result.Output + "\n" + TailOf(Path.Combine(directory, "pgbouncer.log")));
        }

        // -d returns once the daemon has forked, which may be before it listens.
        await WaitForListenerAsync(port, cancellationToken);
        return new PoolerInfo(port, true, PassFilePath, directory);
    }

    private static async Task WaitForListenerAsync(int port, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (System.Net.Sockets.SocketException) when (attempt < 100)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                throw new SparkleDbException($"PgBouncer started but does not listen on 127.0.0.1:{port}.", "Read pgbouncer.log in the pooler folder.", ex);
            }
        }
    }

    /// <summary>The pooler of this cluster, when one was started (running or not).</summary>
    public PoolerInfo? DescribePooler()
    {
        if (ReadState() is not { } state)
        {
            return null;
        }

        var directory = Path.Combine(Path.GetDirectoryName(state.ServerDirectory)!, PoolerFolder);
        return ReadPoolerPort(directory) is { } port ? new PoolerInfo(port, PoolerPid(Path.Combine(directory, "pgbouncer.pid")) is not null, PassFilePath, directory) : null;
    }

    private async Task StopPoolerAsync(CancellationToken cancellationToken)
    {
        if (DescribePooler() is { Running: true } pooler && PoolerPid(Path.Combine(pooler.Directory, "pgbouncer.pid")) is { } pid)
        {
            // SIGINT: PgBouncer's safe shutdown, after the current transactions.
            await SignalAsync(pid, "INT", cancellationToken);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(30));
            while (PoolerPid(Path.Combine(pooler.Directory, "pgbouncer.pid")) is not null && !wait.IsCancellationRequested)
            {
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private static async Task SignalAsync(int pid, string signal, CancellationToken cancellationToken) =>
        await ProcessRunner.RunAsync("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)], null, TimeSpan.FromSeconds(10), cancellationToken);

    private static string PoolerSettings(string directory, string serverDirectory, int primaryPort, int port)
    {
        var socket = Path.Combine(serverDirectory, "socket");
        return string.Create(CultureInfo.InvariantCulture, $"""
            ; Written by sparkle-db at each start of the pooler (docs/SCALING.md).
            [databases]
            * = host={socket} port={primaryPort}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port}
            unix_socket_dir =
            auth_type = scram-sha-256
            auth_file = {Path.Combine(directory, "userlist.txt")}
            pool_mode = transaction
            max_client_conn = 400
            default_pool_size = 20
            ignore_startup_parameters = extra_float_digits
            logfile = {Path.Combine(directory, "pgbouncer.log")}
            pidfile = {Path.Combine(directory, "pgbouncer.pid")}

            """);
    }

    private static int? ReadPoolerPort(string directory)
    {
        var ini = Path.Combine(directory, "pgbouncer.ini");
        if (!File.Exists(ini))
        {
            return null;
        }

        var line = File.ReadLines(ini).FirstOrDefault(l => l.StartsWith("listen_port", StringComparison.Ordinal));
        return line is not null && int.TryParse(line.Split('=')[1].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    private static int? PoolerPid(string pidFile)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        var comm = $"/proc/{pid}/comm";
        return File.Exists(comm) && File.ReadAllText(comm).Trim() == "pgbouncer" && !IsZombie(pid) ? pid : null;
    }
}
