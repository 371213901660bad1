using Sparkle.Db.Migrations;
using Spectre.Console;

namespace Sparkle.Db.Cli;

/// <summary>
/// `bench` on a terminal: its phases as bars, one per phase ("baseline: seeding …", "plan: applying 008 …", "measuring
/// hot queries …"), spinning while the phase runs and done once the next one starts, each with its elapsed time; the
/// runner's indented detail lines (rows seeded so far) and the progress of a long migration statement (an index build,
/// read from pg_stat_progress_create_index as `migrate` shows it) follow the phase's name, the last one stays. Elsewhere
/// bench prints its lines as before, and statement progress as `migrate` prints it.
/// </summary>
internal sealed class BenchPhaseBars(ProgressContext context, int width) : IProgress<string>, IProgress<StatementProgress>
{
    private readonly Lock _gate = new();
    private ProgressTask? _phase;
    private string _title = "";
    private string _detail = "";

    /// <summary>Runs the benchmark with its log shown as phase bars when the error stream is a terminal.</summary>
    public static Task<T> RunAsync<T>(TextWriter error, IProgress<string> plain, Func<IProgress<string>, Task<T>> run) =>
        RunAsync(error, plain, (log, _) => run(log));

    /// <summary>
    /// Runs the benchmark with its log and its migrations' statement progress shown as phase bars when the error stream
    /// is a terminal; elsewhere the log goes to <paramref name="plain"/> and statement progress to lines on the stream.
    /// </summary>
    public static async Task<T> RunAsync<T>(TextWriter error, IProgress<string> plain, Func<IProgress<string>, IProgress<StatementProgress>, Task<T>> run)
    {
        var profile = Terminal.Describe(error);
        if (!profile.Interactive)
        {
            return await run(plain, new MigrationProgressDisplay.Lines(error));
        }

        return await Terminal.For(error).Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bars = new BenchPhaseBars(context, Math.Max(profile.Width - 16, 20));
                try
                {
                    return await run(bars, bars);
                }
                finally
                {
                    bars.Complete();
                }
            });
    }

    public void Report(string value)
    {
        lock (_gate)
        {
            // The runner's lines read "[   12 s] baseline: seeding scale 0.1"; detail lines are indented under their phase.
            var text = value.IndexOf("] ", StringComparison.Ordinal) is var end and >= 0 ? value[(end + 2)..] : value;
            if (text.StartsWith(' ') && _phase is not null)
            {
                _detail = " · " + text.TrimStart();
                _phase.Description = Fit(_title + _detail);
                return;
            }

            Complete();
            _title = text;
            _detail = "";
            _phase = context.AddTask(Fit(text), maxValue: 1);
            _phase.IsIndeterminate = true;
        }
    }

    /// <summary>A long statement of the migration being applied: its progress becomes the phase's detail.</summary>
    public void Report(StatementProgress value)
    {
        lock (_gate)
        {
            if (_phase is null)
            {
                return;
            }

            _detail = " · " + MigrationProgressDisplay.DescribeWithPercent(value);
            _phase.Description = Fit(_title + _detail);
        }
    }

    /// <summary>Marks the running phase done; call when the benchmark returns.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_phase is null)
            {
                return;
            }

            _phase.Description = Fit(_title + _detail);
            _phase.IsIndeterminate = false;
            _phase.Value = 1;
            _phase.StopTask();
            _phase = null;
        }
    }

    private string Fit(string text) => Markup.Escape(text.Length <= width ? text : text[..(width - 1)] + "…");
}
