using System.Diagnostics;

namespace Sparkle.Db.Cluster;

/// <summary>Runs the PostgreSQL server programs, as another OS user when the tool runs as root.</summary>
internal static class ProcessRunner
{
    internal sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public string Output => (StandardOutput + Environment.NewLine + StandardError).Trim();
    }

    /// <summary>True when this process runs as the superuser, which PostgreSQL refuses to run as.</summary>
    public static bool IsRoot => !OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess;

    public static async Task<Result> RunAsync(
        string program,
        IReadOnlyList<string> arguments,
        string? runAsUser,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAsUser is null)
        {
            startInfo.FileName = program;
        }
        else
        {
            // runuser (util-linux) switches user without a password or a login shell.
            startInfo.FileName = "runuser";
            startInfo.ArgumentList.Add("-u");
            startInfo.ArgumentList.Add(runAsUser);
            startInfo.ArgumentList.Add("--");
            startInfo.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The server inherits this environment; keep the user's locale from leaking into initdb.
        startInfo.Environment["LC_ALL"] = "C.UTF-8";
        startInfo.Environment.Remove("PGDATA");

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new SparkleDbException(
                $"Could not start '{startInfo.FileName}': {ex.Message}.",
                runAsUser is null ? null : "Running the server as an unprivileged user needs 'runuser' (package util-linux).",
                ex);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new SparkleDbException($"'{program}' did not finish within {timeout.TotalSeconds:0} s.");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
