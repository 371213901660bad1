using System.Globalization;
using Sparkle.Db.Seeding;

namespace Sparkle.Db.Cli;

/// <summary>
/// Seed progress where nobody watches a terminal (a log file, a pipe, CI): whole lines only, never a carriage return
/// or an escape sequence. One line when a table is done (rows and rows/s), and one every <see cref="Every"/> while a
/// large table loads, so that a log shows the load is alive.
/// </summary>
internal sealed class ProgressLine(TextWriter error) : IProgress<SeedProgress>
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private string? _table;
    private long _rows;
    private TimeSpan _tableStarted;
    private TimeSpan _lastSeen;
    private TimeSpan _lastLine;

    public void Report(SeedProgress value)
    {
        lock (_gate)
        {
            if (value.Table != _table)
            {
                Done();
                _table = value.Table;

                // A table starts loading when the previous one reported its last rows (a small table reports only once).
                _tableStarted = _lastSeen;
                _lastLine = _lastSeen;
            }

            _rows = value.Rows;
            _lastSeen = value.Elapsed;
            if (value.Elapsed - _lastLine >= Every)
            {
                _lastLine = value.Elapsed;
                Write("loading", value.Elapsed);
            }
        }
    }

    /// <summary>Writes the last table's line; call when the seeder returns.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            Done();
        }
    }

    private void Done()
    {
        if (_table is not null)
        {
            Write("done", _lastSeen);
            _table = null;
        }
    }

    private void Write(string state, TimeSpan at)
    {
        var seconds = Math.Max((at - _tableStarted).TotalSeconds, 0.001);
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {_table,-26} {state,-7} {_rows,12:N0} rows {_rows / seconds,10:N0} rows/s   at {at.TotalSeconds,6:F1} s"));
        error.Flush();
    }
}
