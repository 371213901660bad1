using Spectre.Console;

namespace Sparkle.Db.Cli;

/// <summary>
/// `bench` on a terminal: its phases as bars, one per phase ("baseline: seeding …", "plan: applying 008 …", "measuring
/// hot queries …"), spinning while the phase runs and done once the next one starts, each with its elapsed time; the
/// runner's indented detail lines (rows seeded so far) follow the phase's name, the last one stays. Elsewhere bench prints its lines as before.
/// </summary>
internal sealed class BenchPhaseBars(ProgressContext context, int width) : IProgress<string>
{
    private readonly Lock _gate = new();
    private ProgressTask? _phase;
    private string _title = "";
    private string _detail = "";

    /// <summary>Runs the benchmark with its log shown as phase bars when the error stream is a terminal.</summary>
    public static async Task<T> RunAsync<T>(TextWriter error, IProgress<string> plain, Func<IProgress<string>, Task<T>> run)
    {
        var profile = Terminal.Describe(error);
        if (!profile.Interactive)
        {
            return await run(plain);
        }

        return await Terminal.For(error).Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bars = new BenchPhaseBars(context, Math.Max(profile.Width - 16, 20));
                try
                {
                    return await run(bars);
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
