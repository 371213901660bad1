using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Cli;

/// <summary>
/// One minimum, PostgreSQL 15, checked up front for local binaries and external servers alike (exit 3): the
/// migrations need 14 (CREATE OR REPLACE TRIGGER) and the project is built and tested on 15.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class ServerVersionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sparkle-version-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task An_external_server_older_than_15_is_refused_before_anything_runs()
    {
        // A PostgreSQL 13.4 as far as the wire protocol shows: it completes the start-up and announces its version.
        using var server = new AnnouncingServer("13.4");
        var url = $"Host=127.0.0.1;Port={server.Port};Username=app;Database=sparkle;SSL Mode=Disable;Server Compatibility Mode=NoTypeLoading";

        var migrate = await CliRun.RunAsync("migrate", "--database-url", url);

        CliAssert.FailsCleanly(migrate, 3, "runs PostgreSQL 13.4; sparkle-db needs PostgreSQL 15 or later");
        Assert.Equal(0, server.QueriesReceived);
    }

    [Fact]
    public async Task Local_server_binaries_older_than_15_are_named_with_their_version()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_root, "bin")).FullName;
        foreach (var program in new[] { "initdb", "pg_ctl", "postgres" })
        {
            var path = Path.Combine(bin, program);
            await File.WriteAllTextAsync(path, "#!/bin/sh\necho \"" + program + " (PostgreSQL) 13.4\"\n");
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        Environment.SetEnvironmentVariable("SPARKLE_PG_BINDIR", bin);
        try
        {
            var dataDir = Path.Combine(_root, "data");
            var run = await CliRun.RunAsync("cluster", "start", "--data-dir", dataDir);

            CliAssert.FailsCleanly(run, 3, "sparkle-db needs PostgreSQL 15 or later", $"PostgreSQL 13 in {bin}");
            Assert.False(File.Exists(Path.Combine(dataDir, "cluster.json")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("SPARKLE_PG_BINDIR", null);
        }
    }

    /// <summary>Just enough of the PostgreSQL wire protocol (v3) to complete a start-up as a server of a given version.</summary>
    private sealed class AnnouncingServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly string _version;
        private int _queries;

        public AnnouncingServer(string version)
        {
            _version = version;
            _listener.Start();
            _ = Task.Run(AcceptAsync);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int QueriesReceived => Volatile.Read(ref _queries);

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    _ = Task.Run(() => ServeAsync(client));
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    while (true)
                    {
                        // Start-up packet: int32 length, int32 code; SSL and GSS requests are declined with 'N'.
                        var header = await ReadExactlyAsync(stream, 8);
                        var length = BinaryPrimitives.ReadInt32BigEndian(header);
                        var code = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
                        await ReadExactlyAsync(stream, length - 8);
                        if (code is 80877103 or 80877104)
                        {
                            await stream.WriteAsync("N"u8.ToArray());
                            continue;
                        }

                        break;
                    }

                    await stream.WriteAsync(Message('R', [0, 0, 0, 0]));
                    foreach (var (name, value) in new[] { ("server_version", _version), ("server_encoding", "UTF8"), ("client_encoding", "UTF8"), ("integer_datetimes", "on"), ("DateStyle", "ISO, MDY") })
                    {
                        await stream.WriteAsync(Message('S', [.. Encoding.UTF8.GetBytes(name), 0, .. Encoding.UTF8.GetBytes(value), 0]));
                    }

                    await stream.WriteAsync(Message('K', [0, 0, 0, 1, 0, 0, 0, 2]));
                    await stream.WriteAsync(Message('Z', [(byte)'I']));

                    // Anything but Terminate ('X') would be a query: count it, then close.
                    var type = new byte[1];
                    if (await stream.ReadAsync(type) == 1 && type[0] != (byte)'X')
                    {
                        Interlocked.Increment(ref _queries);
                    }
                }
                catch (Exception ex) when (ex is IOException or SocketException or EndOfStreamException or ObjectDisposedException)
                {
                    // The client went away.
                }
            }
        }

        private static byte[] Message(char type, byte[] body)
        {
            var message = new byte[5 + body.Length];
            message[0] = (byte)type;
            BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), 4 + body.Length);
            body.CopyTo(message, 5);
            return message;
        }

        private static async Task<byte[]> ReadExactlyAsync(NetworkStream stream, int count)
        {
            var buffer = new byte[count];
            await stream.ReadExactlyAsync(buffer);
            return buffer;
        }
    }
}
