using Xunit;

namespace Sparkle.Db.Tests.Cli;

/// <summary>Files given on the command line that are not what they should be: exit 2, one line, before any database is reached.</summary>
public sealed class InputFileTests : IDisposable
{
    private const string Unreachable = "postgresql://u:hunter2@127.0.0.1:1/sparkle";

    private readonly string _root = Directory.CreateTempSubdirectory("sparkle-input-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("verify")]
    [InlineData("up")]
    public async Task A_file_that_is_not_a_prisma_schema_is_named(string command)
    {
        CliAssert.FailsCleanly(await CliRun.RunAsync(command, "--prisma-schema", "/etc/passwd", "--database-url", Unreachable), 2, "/etc/passwd is not a Prisma schema");
    }

    [Fact]
    public async Task A_schema_without_a_model_is_not_a_prisma_schema()
    {
        var path = Path.Combine(_root, "schema.prisma");
        await File.WriteAllTextAsync(path, "// nothing here\n");

        CliAssert.FailsCleanly(await CliRun.RunAsync("verify", "--prisma-schema", path, "--database-url", Unreachable), 2, "declares no model");
    }

    [Fact]
    public async Task A_folder_given_as_the_prisma_schema_is_named()
    {
        CliAssert.FailsCleanly(await CliRun.RunAsync("verify", "--prisma-schema", _root, "--database-url", Unreachable), 2, "is a folder, not a file");
    }

    [Fact]
    public async Task Bench_render_of_a_file_that_is_not_a_report_is_named_and_writes_nothing()
    {
        var json = Path.Combine(_root, "performance.json");
        await File.WriteAllTextAsync(json, "{ \"queries\": \"oops\" ");
        var output = Path.Combine(_root, "out", "PERFORMANCE.md");

        CliAssert.FailsCleanly(await CliRun.RunAsync("bench", "--render", json, "--output", output), 2, $"{json} is not a benchmark report");
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }

    [Fact]
    public async Task Bench_render_of_a_missing_file_is_a_usage_error()
    {
        CliAssert.FailsCleanly(await CliRun.RunAsync("bench", "--render", Path.Combine(_root, "missing.json")), 2, "missing.json does not exist");
    }
}
