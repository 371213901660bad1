using System.Globalization;
using Sparkle.Db.Migrations;
using Spectre.Console;

namespace Sparkle.Db.Cli;

/// <summary>
/// Shows the progress of long migration statements (index builds, 007's online conversion) on standard error: a bar
/// per statement on a terminal, whole lines elsewhere (the first report of a statement, then one every
/// <see cref="Every"/>). Statements shorter than the runner's progress delay show nothing.
/// </summary>
internal static class MigrationProgressDisplay
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="run"/> with runner options that report to the display fitting the error stream.</summary>
    public static async Task<T> RunAsync<T>(TextWriter error, Func<MigrationRunnerOptions, Task<T>> run)
    {
        var profile = Terminal.Describe(error);
        if (!profile.Interactive)
        {
            return await run(new MigrationRunnerOptions { Progress = new Lines(error) });
        }

        return await Terminal.For(error).Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = Math.Clamp(profile.Width - 70, 10, 40) }, new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bars = new Bars(context, Math.Max(profile.Width - 30, 30));
                try
                {
                    return await run(new MigrationRunnerOptions { Progress = bars });
                }
                finally
                {
                    bars.Finish();
                }
            });
    }

    /// <summary>"index posts_title_idx on posts: building index: scanning table, blocks 1,200 of 4,000".</summary>
    internal static string Describe(StatementProgress p)
    {
        var what = p.Kind == StatementProgress.Conversion ? $"converting {p.Table}" : $"index {p.Subject} on {p.Table}";
        var counts = p.Kind == StatementProgress.Conversion
            ? p.Total > 0 ? string.Create(CultureInfo.InvariantCulture, $", {p.Done / 1048576.0:N1} of {p.Total / 1048576.0:N1} MB") : ""
            : p.Total > 0 ? string.Create(CultureInfo.InvariantCulture, $", blocks {p.Done:N0} of {p.Total:N0}")
            : p.TuplesTotal > 0 ? string.Create(CultureInfo.InvariantCulture, $", tuples {p.TuplesDone:N0} of {p.TuplesTotal:N0}") : "";
        var partitions = p.PartitionsTotal > 0 ? string.Create(CultureInfo.InvariantCulture, $", partition {Math.Min(p.PartitionsDone + 1, p.PartitionsTotal)} of {p.PartitionsTotal}") : "";
        return $"{what}: {p.Phase}{counts}{partitions}";
    }

    /// <summary><see cref="Describe"/> with the fraction done, where there is one: "… blocks 1,200 of 4,000 (30 %)".</summary>
    internal static string DescribeWithPercent(StatementProgress p) =>
        Describe(p) + (Fraction(p) is { } f ? string.Create(CultureInfo.InvariantCulture, $" ({f * 100:F0} %)") : "");

    /// <summary>The fraction a bar shows: blocks or bytes, else tuples, else partitions; null where nothing counts.</summary>
    internal static double? Fraction(StatementProgress p) =>
        p.Fraction ?? (p.TuplesTotal > 0 ? Math.Clamp((double)p.TuplesDone / p.TuplesTotal, 0, 1)
            : p.PartitionsTotal > 0 ? Math.Clamp((double)p.PartitionsDone / p.PartitionsTotal, 0, 1) : null);

    /// <summary>Whole lines for a stream that is not a terminal: a statement's first report, then one every <see cref="Every"/>.</summary>
    internal sealed class Lines(TextWriter error) : IProgress<StatementProgress>
    {
        private readonly Lock _gate = new();
        private (string, string)? _current;
        private TimeSpan _last;

        public void Report(StatementProgress value)
        {
            lock (_gate)
            {
                var key = (value.Kind, value.Subject);
                if (_current == key && value.Elapsed - _last < Every)
                {
                    return;
                }

                _current = key;
                _last = value.Elapsed;
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {DescribeWithPercent(value)}   at {value.Elapsed.TotalSeconds:F0} s"));
                error.Flush();
            }
        }
    }

    private sealed class Bars(ProgressContext context, int descriptionWidth) : IProgress<StatementProgress>
    {
        private readonly Lock _gate = new();
        private (string, string)? _current;
        private ProgressTask? _task;

        public void Report(StatementProgress value)
        {
            lock (_gate)
            {
                var key = (value.Kind, value.Subject);
                if (_current != key)
                {
                    Complete();
                    _current = key;
                    _task = context.AddTask("", maxValue: 1000);
                }

                var text = Describe(value);
                _task!.Description = Markup.Escape(text.Length <= descriptionWidth ? text : text[..(descriptionWidth - 1)] + "…");
                if (Fraction(value) is { } f)
                {
                    _task.IsIndeterminate = false;
                    _task.Value = f * 1000;
                }
                else
                {
                    _task.IsIndeterminate = true;
                }
            }
        }

        public void Finish()
        {
            lock (_gate)
            {
                Complete();
            }
        }

        // The statement returned: its bar ends full.
        private void Complete()
        {
            if (_task is null)
            {
                return;
            }

            _task.IsIndeterminate = false;
            _task.Value = _task.MaxValue;
            _task.StopTask();
            _task = null;
        }
    }
}
