using System.Globalization;
using Sparkle.Db.Seeding;

namespace Sparkle.Db.Cli;

/// <summary>A one-line progress display on standard error, rewritten at most a few times a second.</summary>
internal sealed class ProgressLine(TextWriter error) : IProgress<SeedProgress>
{
    private TimeSpan _last = TimeSpan.FromSeconds(-1);

    public void Report(SeedProgress value)
    {
        if (value.Elapsed - _last < TimeSpan.FromMilliseconds(250))
        {
            return;
        }

        _last = value.Elapsed;
        error.Write(string.Create(CultureInfo.InvariantCulture, $"\r  {value.Table,-26} {value.Rows,10:N0} rows   {value.Elapsed.TotalSeconds,6:F1} s   "));
        error.Flush();
    }

    public void Finish() => error.WriteLine();
}
