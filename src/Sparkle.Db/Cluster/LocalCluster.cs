using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Cluster;

/// <summary>
/// A PostgreSQL cluster of the tool's own, for development and tests: initdb with UTF8, a free port on 127.0.0.1,
/// a private socket folder, pg_stat_statements preloaded, logs in the data folder.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root (<see href="https://www.postgresql.org/docs/current/app-postgres.html"/>), so when
/// sparkle-db runs as root the server programs run as <see cref="LocalClusterOptions.ServerOsUser"/>, which owns the
/// server folders. When that user cannot reach the requested folder (a clone under /root, say), the server files live
/// under /var/tmp instead and the state file records where.
/// </remarks>
public sealed partial class LocalCluster
{
    private const string SuperUser = "postgres";
    private const string StateFileName = "cluster.json";
    private const string PassFileName = "pgpass";

    private readonly LocalClusterOptions _options;
    private readonly string _dataDirectory;

    public LocalCluster(LocalClusterOptions options)
    {
        _options = options;
        _dataDirectory = ClusterFolder.FullPath(options.DataDirectory);
    }

    public string DataDirectory => _dataDirectory;

    private string StatePath => Path.Combine(_dataDirectory, StateFileName);

    /// <summary>The password file libpq and Npgsql read; the password itself is never printed.</summary>
    public string PassFilePath => Path.Combine(_dataDirectory, PassFileName);

    private string? RunAsUser => ProcessRunner.IsRoot ? _options.ServerOsUser : null;

    /// <summary>Starts the cluster (creating it on first use) and waits until it accepts connections. Reuses a running one.</summary>
    public async Task<ClusterInfo> StartAsync(CancellationToken cancellationToken = default)
    {
        ClusterFolder.EnsureWritable(_dataDirectory);
        var binaries = await PostgresBinaries.FindAsync(cancellationToken);
        using var folderLock = await DataDirectoryLock.AcquireAsync(_dataDirectory, _options.LockWait, cancellationToken);
        var state = ReadState() ?? await InitializeAsync(binaries, cancellationToken);
        var pgData = Path.Combine(state.ServerDirectory, "pgdata");

        if (await IsRunningAsync(binaries, pgData, cancellationToken) is { } runningPort)
        {
            return Info(state with { Port = runningPort });
        }

        // The server is not running, so a postmaster.pid and socket lock files left by a crash are stale. The
        // server would refuse to start while their pid still exists (a zombie counts), and the socket folder is ours alone.
        var pidFile = Path.Combine(pgData, "postmaster.pid");
        if (File.Exists(pidFile))
        {
            File.Delete(pidFile);
        }

        var socketDirectory = Path.Combine(state.ServerDirectory, "socket");
        if (Directory.Exists(socketDirectory))
        {
            foreach (var stale in Directory.GetFiles(socketDirectory, ".s.PGSQL.*"))
            {
                File.Delete(stale);
            }
        }

        var port = IsPortFree(state.Port) ? state.Port : FindFreePort();
        state = state with { Port = port };
        await WriteStateAsync(state, cancellationToken);

        var logFile = Path.Combine(state.ServerDirectory, "server-start.log");
        var result = await ProcessRunner.RunAsync(
            binaries.PgCtl,
            ["start", "-D", pgData, "-l", logFile, "-w", "-t", ((int)_options.StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture),
                "-o", $"-p {port}"],
            RunAsUser,
            _options.StartTimeout + TimeSpan.FromSeconds(15),
            cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new SparkleDbException(
                $"The local PostgreSQL server in {pgData} did not start: {FirstLine(result.Output)}",
                $"Read the server log in {Path.Combine(pgData, "log")} (--verbose shows its last lines); 'sparkle-db cluster stop' then 'start' retries.",
                details: $"{result.Output}\n{TailOf(logFile)}\n{TailOf(LatestServerLog(pgData))}");
        }

        return Info(state);
    }

    /// <summary>Stops the cluster if it runs (fast shutdown: open sessions are ended, nothing is lost).</summary>
    public async Task<bool> StopAsync(CancellationToken cancellationToken = default)
    {
        if (ReadState() is null)
        {
            return false;
        }

        using var folderLock = await DataDirectoryLock.AcquireAsync(_dataDirectory, _options.LockWait, cancellationToken);
        return await StopUnlockedAsync(cancellationToken);
    }

    private async Task<bool> StopUnlockedAsync(CancellationToken cancellationToken)
    {
        var state = ReadState();
        if (state is null)
        {
            return false;
        }

        var binaries = await PostgresBinaries.FindAsync(cancellationToken);
        var pgData = Path.Combine(state.ServerDirectory, "pgdata");
        if (await IsRunningAsync(binaries, pgData, cancellationToken) is null)
        {
            return false;
        }

        var result = await ProcessRunner.RunAsync(binaries.PgCtl, ["stop", "-D", pgData, "-m", "fast", "-w"], RunAsUser, TimeSpan.FromSeconds(90), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new SparkleDbException($"The local PostgreSQL server did not stop: {FirstLine(result.Output)}", "--verbose shows pg_ctl's whole output.", details: result.Output);
        }

        return true;
    }

    /// <summary>Whether the cluster exists and runs, and where.</summary>
    public async Task<ClusterStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        var state = ReadState();
        if (state is null)
        {
            return new ClusterStatus(false, false, null, null, _dataDirectory, null, null);
        }

        var binaries = await PostgresBinaries.FindAsync(cancellationToken);
        var pgData = Path.Combine(state.ServerDirectory, "pgdata");
        var port = await IsRunningAsync(binaries, pgData, cancellationToken);
        return new ClusterStatus(true, port is not null, port ?? state.Port, port is null ? null : ReadPid(pgData), _dataDirectory, state.ServerDirectory, binaries.MajorVersion);
    }

    /// <summary>Connection details of an initialised cluster (whether or not it runs).</summary>
    public ClusterInfo? Describe() => ReadState() is { } state ? Info(state) : null;

    /// <summary>Deletes the cluster's files; the server must be stopped first.</summary>
    public async Task DestroyAsync(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_dataDirectory))
        {
            return;
        }

        using var folderLock = await DataDirectoryLock.AcquireAsync(_dataDirectory, _options.LockWait, cancellationToken);
        await StopUnlockedAsync(cancellationToken);
        if (ReadState() is { } state && !state.ServerDirectory.StartsWith(_dataDirectory, StringComparison.Ordinal))
        {
            Directory.Delete(Path.GetDirectoryName(state.ServerDirectory)!, recursive: true);
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private ClusterInfo Info(ClusterState state)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = state.Port,
            Username = SuperUser,
            Database = "postgres",
            Passfile = PassFilePath,
        };
        return new ClusterInfo(DatabaseTarget.FromConnectionString(builder.ConnectionString), state.Port, PassFilePath, state.ServerDirectory);
    }

    private async Task<ClusterState> InitializeAsync(PostgresBinaries binaries, CancellationToken cancellationToken)
    {
        // Every folder 0700 and every file that holds the password 0600, from the moment each exists.
        PrivateFiles.CreateFolder(_dataDirectory);
        var serverDirectory = await ChooseServerDirectoryAsync(cancellationToken);
        try
        {
            return await InitializeInAsync(binaries, serverDirectory, cancellationToken);
        }
        catch
        {
            // No state file was written, so the next start begins afresh; a half-made server folder would make its
            // initdb fail ("directory exists but is not empty") for ever.
            var madeByUs = serverDirectory.StartsWith(_dataDirectory, StringComparison.Ordinal) ? serverDirectory : Path.GetDirectoryName(serverDirectory)!;
            if (Directory.Exists(madeByUs))
            {
                Directory.Delete(madeByUs, recursive: true);
            }

            throw;
        }
    }

    private async Task<ClusterState> InitializeInAsync(PostgresBinaries binaries, string serverDirectory, CancellationToken cancellationToken)
    {
        PrivateFiles.CreateFolder(serverDirectory);
        var socketDirectory = Path.Combine(serverDirectory, "socket");
        PrivateFiles.CreateFolder(socketDirectory);
        var pgData = Path.Combine(serverDirectory, "pgdata");

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var pwFile = Path.Combine(serverDirectory, "initdb-password");
        await PrivateFiles.WriteAsync(pwFile, password + "\n", cancellationToken);
        // The server user reads it through ownership (chown keeps the 0600 mode), never through a wider mode.
        await GiveToServerUserAsync(serverDirectory, cancellationToken);
        try
        {
            // Collation C sorts UTF-8 text in the same code-point order as C.UTF-8, but by memcmp with abbreviated
            // keys instead of strcoll: index builds and sorts on text are faster (docs/DECISIONS.md D103). The
            // character classes stay C.UTF-8, so lower()/ILIKE still fold non-ASCII letters.
            var result = await ProcessRunner.RunAsync(
                binaries.InitDb,
                ["-D", pgData, "-U", SuperUser, "-E", "UTF8", "--locale=C.UTF-8", "--lc-collate=C", "--auth=scram-sha-256", $"--pwfile={pwFile}"],
                RunAsUser,
                TimeSpan.FromMinutes(3),
                cancellationToken);
            if (result.ExitCode != 0)
            {
                throw new SparkleDbException($"initdb failed in {pgData}: {FirstLine(result.Output)}", "--verbose shows its whole output.", details: result.Output);
            }
        }
        finally
        {
            File.Delete(pwFile);
        }

        await File.AppendAllTextAsync(Path.Combine(pgData, "postgresql.conf"), ServerSettings(binaries, socketDirectory), cancellationToken);
        await GiveToServerUserAsync(serverDirectory, cancellationToken);

        // libpq insists on a private password file: 0600, owned by whoever reads it.
        await PrivateFiles.WriteAsync(PassFilePath, $"127.0.0.1:*:*:{SuperUser}:{password}\nlocalhost:*:*:{SuperUser}:{password}\n", cancellationToken);

        var state = new ClusterState(serverDirectory, FindFreePort(), binaries.MajorVersion);
        await WriteStateAsync(state, cancellationToken);
        return state;
    }

    private string ServerSettings(PostgresBinaries binaries, string socketDirectory)
    {
        var preload = new List<string> { "pg_stat_statements" };
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["listen_addresses"] = "'127.0.0.1'",
            ["unix_socket_directories"] = $"'{socketDirectory}'",
            ["pg_stat_statements.track"] = "all",
            // Utility statements (CREATE ROLE, ALTER ROLE, COPY, DDL) are kept verbatim, constants included, where
            // every pg_monitor member reads them; a PASSWORD clause would be kept too. The tool sends verifiers, never
            // passwords (Security/LoginRoles), and this keeps anyone else's CREATE ROLE … PASSWORD out as well.
            ["pg_stat_statements.track_utility"] = "off",
            ["pg_stat_statements.max"] = "10000",
            ["track_io_timing"] = "on",
            ["timezone"] = "'UTC'",
            ["log_timezone"] = "'UTC'",
            ["logging_collector"] = "on",
            ["log_directory"] = "'log'",
            ["log_filename"] = "'postgresql-%a.log'",
            ["log_truncate_on_rotation"] = "on",
        };

        // pg_cron, when its package is installed, lets `maintain --schedule` register the maintenance job.
        if (binaries.PackageLibDirectory is { } lib && File.Exists(Path.Combine(lib, "pg_cron.so")))
        {
            preload.Add("pg_cron");
            settings["cron.database_name"] = "'sparkle'";
            settings["cron.timezone"] = "'UTC'";
        }

        settings["shared_preload_libraries"] = $"'{string.Join(',', preload)}'";
        foreach (var (key, value) in _options.ExtraSettings)
        {
            settings[key] = value;
        }

        var text = new StringBuilder("\n# Written by sparkle-db for its local cluster.\n");
        foreach (var (key, value) in settings)
        {
            text.Append(CultureInfo.InvariantCulture, $"{key} = {value}\n");
        }

        return text.ToString();
    }

    private async Task<string> ChooseServerDirectoryAsync(CancellationToken cancellationToken)
    {
        var inside = Path.Combine(_dataDirectory, "server");
        if (RunAsUser is not { } user || OperatingSystem.IsWindows())
        {
            return inside;
        }

        // The server user needs to traverse every folder above its data. The data folder's mode is the user's choice
        // (0700 when sparkle-db creates it) and is never widened for this: when the server user cannot reach it, the
        // server files live in a folder of their own under ServerFallbackDirectory (/var/tmp) instead. Its name is
        // random, so no other local user can create it first; it is made 0700 and handed to the server user.
        var probe = await ProcessRunner.RunAsync("test", ["-x", _dataDirectory], user, TimeSpan.FromSeconds(10), cancellationToken);
        if (probe.ExitCode == 0)
        {
            return inside;
        }

        var outside = Path.Combine(_options.ServerFallbackDirectory, $"sparkle-db-{Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant()}");
        Directory.CreateDirectory(outside, PrivateFiles.FolderMode700);
        await GiveToServerUserAsync(outside, cancellationToken);
        return Path.Combine(outside, "server");
    }

    private async Task GiveToServerUserAsync(string directory, CancellationToken cancellationToken)
    {
        if (RunAsUser is not { } user)
        {
            return;
        }

        var result = await ProcessRunner.RunAsync("chown", ["-R", user, directory], null, TimeSpan.FromMinutes(1), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new SparkleDbException(
                $"Could not hand {directory} to the OS user '{user}' that runs the server: {result.Output}",
                "PostgreSQL refuses to run as root; create an unprivileged user (the 'postgres' user of the server package) or set SPARKLE_PG_OS_USER.");
        }
    }

    private async Task<int?> IsRunningAsync(PostgresBinaries binaries, string pgData, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(pgData))
        {
            return null;
        }

        var result = await ProcessRunner.RunAsync(binaries.PgCtl, ["status", "-D", pgData], RunAsUser, TimeSpan.FromSeconds(20), cancellationToken);
        if (result.ExitCode != 0)
        {
            return null;
        }

        // A postmaster killed outright stays a zombie until its parent reaps it, and pg_ctl counts a zombie as running.
        if (ReadPid(pgData) is { } pid && IsZombie(pid))
        {
            return null;
        }

        // postmaster.pid line 4 holds the port the running server listens on.
        var lines = File.ReadAllLines(Path.Combine(pgData, "postmaster.pid"));
        return lines.Length > 3 && int.TryParse(lines[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    private static int? ReadPid(string pgData)
    {
        var pidFile = Path.Combine(pgData, "postmaster.pid");
        return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    private static bool IsZombie(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        // The state is the field after the parenthesised command name.
        var text = File.ReadAllText(stat);
        var close = text.LastIndexOf(')');
        return close > 0 && close + 2 < text.Length && text[close + 2] is 'Z' or 'X';
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string LatestServerLog(string pgData)
    {
        var logDirectory = Path.Combine(pgData, "log");
        return Directory.Exists(logDirectory)
            ? Directory.GetFiles(logDirectory).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault() ?? ""
            : "";
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no output";

    private static string TailOf(string file) =>
        file.Length > 0 && File.Exists(file) ? string.Join('\n', File.ReadLines(file).TakeLast(8)) : "";

    private ClusterState? ReadState()
    {
        if (!File.Exists(StatePath))
        {
            return null;
        }

        return JsonSerializer.Deserialize<ClusterState>(File.ReadAllText(StatePath))
            ?? throw new SparkleDbException($"The cluster state file {StatePath} is unreadable.", $"Delete {_dataDirectory} to start over (this deletes the local database).");
    }

    private Task WriteStateAsync(ClusterState state, CancellationToken cancellationToken) =>
        PrivateFiles.WriteAsync(StatePath, JsonSerializer.Serialize(state, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);

    private sealed record ClusterState(string ServerDirectory, int Port, int MajorVersion);
}
