using Npgsql;
using Sparkle.Db.Cli;
using Sparkle.Db.Connections;
using Sparkle.Db.Maintenance;
using Sparkle.Db.Migrations;
using Xunit;

namespace Sparkle.Db.Tests.Cli;

/// <summary>The CLI's one error boundary: exit code by exception type, one line, the stack trace only with --verbose.</summary>
public sealed class ErrorReportTests
{
    public static TheoryData<Exception, int> Codes => new()
    {
        { new SparkleDbException("failed"), 1 },
        { new ConnectionLostException("lost", null, new IOException("eof")), 1 },
        { new InvalidInputException("bad"), 2 },
        { new Sparkle.Db.Prisma.PrismaSchemaException("bad", 1, 1), 2 },
        { new PostgresUnavailableException("none"), 3 },
        { new LockHeldException("held"), 4 },
        { new ChangedMigrationException("changed", "repair", []), 5 },
        { new SchedulingUnavailableException("no cron"), 6 },
        { new OperationCanceledException(), 130 },
        { new InvalidOperationException("a bug"), 1 },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task Each_kind_of_failure_has_its_documented_exit_code(Exception exception, int code)
    {
        var error = new StringWriter();

        Assert.Equal(code, await ErrorReport.WriteAsync(exception, error, verbose: false));
        CliAssert.FailsCleanly((code, "", error.ToString()), code);
    }

    [Fact]
    public async Task An_unexpected_exception_is_one_line_without_verbose_and_the_stack_with_it()
    {
        var thrown = Thrown(() => throw new InvalidOperationException("Sequence contains no elements"));
        var quiet = new StringWriter();
        var loud = new StringWriter();

        var code = await ErrorReport.WriteAsync(thrown, quiet, verbose: false);
        await ErrorReport.WriteAsync(thrown, loud, verbose: true);

        CliAssert.FailsCleanly((code, "", quiet.ToString()), 1, "Unexpected failure: Sequence contains no elements");
        Assert.Contains("--verbose", quiet.ToString(), StringComparison.Ordinal);
        Assert.Contains("   at ", loud.ToString(), StringComparison.Ordinal);
        Assert.Contains(nameof(InvalidOperationException), loud.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_and_multi_line_messages_stay_out_of_the_one_line()
    {
        var error = new StringWriter();
        var exception = new SparkleDbException("first\nsecond", "do this\nthen that", details: "server log line 1\nserver log line 2");

        await ErrorReport.WriteAsync(exception, error, verbose: false);

        Assert.Equal(["error: first second", "hint: do this then that"], error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task A_connection_that_broke_outside_the_runner_is_reported_as_lost()
    {
        var error = new StringWriter();
        var broken = new NpgsqlException("Exception while reading from stream", new EndOfStreamException());

        var code = await ErrorReport.WriteAsync(broken, error, verbose: false);

        CliAssert.FailsCleanly((code, "", error.ToString()), 1, "Lost the connection to the database server");
    }

    [Fact]
    public async Task A_file_error_is_not_mistaken_for_a_lost_connection()
    {
        var error = new StringWriter();

        var code = await ErrorReport.WriteAsync(new IOException("No space left on device : '/docs/performance.json'"), error, verbose: false);

        CliAssert.FailsCleanly((code, "", error.ToString()), 1, "error: No space left on device");
        Assert.DoesNotContain("connection", error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    private static Exception Thrown(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            return ex;
        }

        throw new InvalidOperationException("nothing thrown");
    }
}
