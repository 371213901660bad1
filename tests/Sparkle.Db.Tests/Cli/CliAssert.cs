using Xunit;

namespace Sparkle.Db.Tests.Cli;

/// <summary>The error contract of the CLI: the documented exit code, one "error:" line, at most one "hint:" line, no stack trace.</summary>
internal static class CliAssert
{
    public static string FailsCleanly((int ExitCode, string Output, string Error) run, int exitCode, params string[] messageParts)
    {
        var (code, output, error) = run;
        Assert.True(code == exitCode, $"exit {code}, expected {exitCode}.\nstdout:\n{output}\nstderr:\n{error}");
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var message = Assert.Single(lines, l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.True(lines.Count(l => l.StartsWith("hint: ", StringComparison.Ordinal)) <= 1, error);
        // Nothing else on standard error but warnings the run logged on the way (a retry, say).
        Assert.All(lines, l => Assert.True(l.StartsWith("error: ", StringComparison.Ordinal) || l.StartsWith("hint: ", StringComparison.Ordinal) || l.StartsWith("warning: ", StringComparison.Ordinal), l));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        foreach (var part in messageParts)
        {
            Assert.Contains(part, message, StringComparison.Ordinal);
        }

        return message;
    }
}
