using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Sparkle.Db.Tests.Dashboard;

/// <summary>
/// A headless Chromium of its own (fresh profile, no network services, no sandbox: the tests run as root), driven over
/// the DevTools protocol. No browser is downloaded: it is the distribution's package.
/// </summary>
internal sealed partial class Chromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;

    private Chromium(Process process, string profile, DevToolsConnection connection)
    {
        _process = process;
        _profile = profile;
        Connection = connection;
    }

    public static string ExecutablePath => Environment.GetEnvironmentVariable("SPARKLE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public DevToolsConnection Connection { get; }

    public static async Task<Chromium> StartAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is not at {ExecutablePath}: apt-get install chromium.");
        }

        var profile = Directory.CreateTempSubdirectory("sparkle-chromium-").FullName;
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--disable-extensions", "--mute-audio",
            "--remote-debugging-port=0", "--window-size=1400,1000", $"--user-data-dir={profile}", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();

        // Chromium prints the browser's DevTools WebSocket address on standard error once it listens.
        var address = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new List<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                address.TrySetException(new InvalidOperationException("Chromium exited before listening: " + string.Join(" | ", log.TakeLast(5))));
                return;
            }

            lock (log)
            {
                log.Add(e.Data);
            }

            if (ListeningPattern().Match(e.Data) is { Success: true } match)
            {
                address.TrySetResult(match.Groups[1].Value);
            }
        };
        process.BeginErrorReadLine();

        try
        {
            var url = await address.Task.WaitAsync(TimeSpan.FromSeconds(90));
            return new Chromium(process, profile, await DevToolsConnection.ConnectAsync(new Uri(url)));
        }
        catch
        {
            Stop(process, profile);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        Stop(_process, _profile);
    }

    private static void Stop(Process process, string profile)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // A crash-handler file still open; the temp folder is cleaned up later.
        }
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex ListeningPattern();
}
