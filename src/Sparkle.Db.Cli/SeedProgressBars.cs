using System.Globalization;
using Sparkle.Db.Seeding;
using Spectre.Console;

namespace Sparkle.Db.Cli;

/// <summary>
/// Progress bars for `seed` on a terminal: one for all rows against the plan's total, and one per table with its rows
/// and rows per second (a table's own total is known only when it is done: children rows follow skewed shares).
/// </summary>
internal sealed class SeedProgressBars(ProgressContext context) : IProgress<SeedProgress>
{
    private readonly Lock _gate = new();
    private readonly ProgressTask _all = context.AddTask("all tables");
    private ProgressTask? _table;
    private string? _name;
    private TimeSpan _tableStarted;
    private TimeSpan _last;
    private long _done;

    public void Report(SeedProgress value)
    {
        lock (_gate)
        {
            if (value.Table != _name)
            {
                Complete();
                _name = value.Table;

                // A table starts loading when the previous one reported its last rows (a small table reports only once).
                _tableStarted = _last;
                _table = context.AddTask(value.Table);
                _table.IsIndeterminate = true;
            }

            _last = value.Elapsed;
            var seconds = Math.Max((value.Elapsed - _tableStarted).TotalSeconds, 0.001);
            _table!.Description = string.Create(CultureInfo.InvariantCulture, $"{value.Table,-26} {value.Rows,11:N0} rows {value.Rows / seconds,10:N0} rows/s");
            _table.Value = value.Rows;
            _all.MaxValue = Math.Max(value.TotalRows, 1);
            _all.Value = Math.Min(_done + value.Rows, _all.MaxValue);
        }
    }

    /// <summary>Marks the last table done; call when the seeder returns.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_table is null)
            {
                return;
            }

            _done += (long)_table.Value;
            _table.IsIndeterminate = false;
            _table.MaxValue = Math.Max(_table.Value, 1);
            _table.Value = _table.MaxValue;
            _table.StopTask();
            _table = null;
        }
    }
}
