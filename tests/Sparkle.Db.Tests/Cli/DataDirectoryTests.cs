using System.Diagnostics;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Cli;

/// <summary>A --data-dir that cannot hold the local cluster is refused (exit 2) before a server is looked for.</summary>
public sealed class DataDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sparkle-datadir-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("up")]
    [InlineData("cluster", "start")]
    [InlineData("cluster", "status")]
    [InlineData("migrate")]
    public async Task A_file_is_not_a_folder(params string[] command)
    {
        var file = Path.Combine(_root, "a-file");
        await File.WriteAllTextAsync(file, "not a folder");

        CliAssert.FailsCleanly(await CliRun.RunAsync([.. command, "--data-dir", file]), 2, $"{file} is a file, not a folder");
        Assert.Equal("not a folder", await File.ReadAllTextAsync(file));
    }

    [Theory]
    [InlineData("/proc/sparkle-db")]
    [InlineData("/proc")]
    [InlineData("/sys/sparkle-db")]
    public async Task A_kernel_file_system_is_refused(string folder)
    {
        CliAssert.FailsCleanly(await CliRun.RunAsync("up", "--data-dir", folder), 2, folder, "kernel file system");
    }

    [Fact]
    public async Task An_empty_folder_name_is_refused()
    {
        CliAssert.FailsCleanly(await CliRun.RunAsync("up", "--data-dir", ""), 2, "--data-dir must not be empty");
    }

    [Fact]
    public async Task A_folder_that_cannot_be_created_is_named()
    {
        // Below a file: no user, root included, can create it.
        var below = Path.Combine(_root, "a-file", "cluster");
        await File.WriteAllTextAsync(Path.Combine(_root, "a-file"), "");

        CliAssert.FailsCleanly(await CliRun.RunAsync("cluster", "start", "--data-dir", below), 2, $"Cannot create the local cluster's folder {below}");
    }

    [ReadOnlyFileSystemFact]
    public async Task A_read_only_file_system_is_named()
    {
        var mount = Directory.CreateDirectory(Path.Combine(_root, "read-only")).FullName;
        var mounted = await RunAsync("mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", mount);
        if (!mounted)
        {
            // Without the right to mount (an unprivileged CI runner), use a file system the kernel already mounted read-only.
            mount = ReadOnlyFileSystemFactAttribute.ExistingMountPoint() ?? throw new InvalidOperationException(
                "This test needs a read-only file system: run as root (it mounts a read-only tmpfs) or on a machine with a read-only mount.");
        }

        try
        {
            var folder = Path.Combine(mount, "sparkle-db");
            var message = CliAssert.FailsCleanly(await CliRun.RunAsync("up", "--data-dir", folder), 2, folder);

            Assert.Contains("Read-only file system", message, StringComparison.Ordinal);
        }
        finally
        {
            if (mounted)
            {
                await RunAsync("umount", mount);
            }
        }
    }

    private static async Task<bool> RunAsync(string program, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            await process.WaitForExitAsync();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
