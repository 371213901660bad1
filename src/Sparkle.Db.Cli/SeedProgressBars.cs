using System.Globalization;
using Sparkle.Db.Seeding;
using Spectre.Console;

namespace Sparkle.Db.Cli;

/// <summary>
/// Progress bars for `seed` on a terminal: one for all rows against the plan's total, and one per table with its rows
/// and rows per second (a table's own total is known only when it is done: children rows follow skewed shares).
/// Each bar is one line of the terminal's width: the bar and the table name give way on a narrow terminal.
/// </summary>
internal sealed class SeedProgressBars(ProgressContext context, int width) : IProgress<SeedProgress>
{
    // Per line besides the name and the bar: " 9,999,999 rows 9,999,999/s" (25), "100%" (4), "00:00:00" (8), and the
    // columns' padding (6).
    private const int Fixed = 43;
    private const int MinName = 8;
    private const int MaxName = 26;

    /// <summary>The bar's width for a terminal this wide: what is left after a full name, between 10 and 40.</summary>
    public static int BarWidth(int width) => Math.Clamp(width - Fixed - MaxName, 10, 40);

    private int NameWidth => Math.Clamp(width - Fixed - BarWidth(width), MinName, MaxName);

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
            var name = value.Table.Length <= NameWidth ? value.Table : value.Table[..(NameWidth - 1)] + "…";
            _table!.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{name.PadRight(NameWidth)} {value.Rows,9:N0} rows {value.Rows / seconds,7:N0}/s"));
            _table.Value = value.Rows;
            _all.MaxValue = Math.Max(value.TotalRows, 1);
            _all.Value = Math.Min(_done + value.Rows, _all.MaxValue);
        }
    }

    /// <summary>
    /// Marks the last table done and the overall bar full at the rows actually loaded (the plan's total is an estimate
    /// made before the load); call when the seeder returns.
    /// </summary>
    public void Finish()
    {
        lock (_gate)
        {
            Complete();
            _all.MaxValue = Math.Max(_done, 1);
            _all.Value = _all.MaxValue;
            _all.StopTask();
        }
    }

    private void Complete()
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
