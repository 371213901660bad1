using System.Globalization;
using Sparkle.Db.Monitoring;

namespace Sparkle.Db.Cli.Commands;

/// <summary>The terminal layout of a <see cref="MonitorReport"/>: a headline per section, "!" before whatever needs a look.</summary>
internal static class MonitorText
{
    public static async Task WriteAsync(TextWriter o, MonitorReport r)
    {
        var t = r.Thresholds;
        await o.WriteLineAsync(F($"sparkle-db monitor — {r.Database} at {r.MeasuredAt:yyyy-MM-dd HH:mm:ss}Z — {r.Warnings} finding(s)"));

        await o.WriteLineAsync();
        await o.WriteLineAsync(F($"Cache hit ratio (target {t.CacheHitTarget:P0})"));
        foreach (var c in r.CacheHitRatios)
        {
            var ratio = c.Ratio is { } v ? v.ToString("P2", CultureInfo.InvariantCulture) : "no reads yet";
            await o.WriteLineAsync(F($"  {Mark(c.BelowTarget)} {c.Kind,-6} {ratio,12}   {c.BlocksHit} hits, {c.BlocksRead} reads"));
        }

        await o.WriteLineAsync();
        var since = r.Statements.StatsSince is { } s ? F($" since {s:yyyy-MM-dd HH:mm}Z") : "";
        await o.WriteLineAsync(F($"Slowest statements (mean ≥ {t.SlowMeanMs} ms){since}"));
        if (r.Statements.Unavailable is { } why)
        {
            await o.WriteLineAsync("    unavailable: " + why);
        }

        await ListAsync(o, r.Statements.Slowest, q => F($"  ! {q.MeanMs,9:0.0} ms mean  {q.Calls,8} calls  {Cut(q.Query, 90)}"));
        await o.WriteLineAsync(F($"Most frequent statements (≥ {t.FrequentCalls} calls)"));
        await ListAsync(o, r.Statements.MostFrequent, q => F($"    {q.Calls,10} calls  {q.MeanMs,8:0.00} ms mean  {Cut(q.Query, 90)}"));

        await o.WriteLineAsync();
        var basis = r.Indexes.StatsSince is { } reset
            ? F($"scan counts since {reset:yyyy-MM-dd HH:mm}Z ({(r.MeasuredAt - reset).TotalDays:0.#} days)")
            : "scan counts since the database was created (never reset)";
        await o.WriteLineAsync($"Indexes — {basis}");
        await ListAsync(o, r.Indexes.Invalid.Concat(r.Indexes.Duplicate).Concat(r.Indexes.Unused).ToArray(),
            i => F($"  ! {i.Problem,-9} {i.Index} on {i.Table}  {Size(i.SizeBytes)}, {i.Scans} scans{(i.Detail is null ? "" : "  " + i.Detail)}"));

        await o.WriteLineAsync(F($"Bloat (estimated ≥ {t.BloatRatio:P0})"));
        await ListAsync(o, r.Bloat, b => F($"  ! {(b.Index is null ? "table" : "index"),-5} {b.Index ?? b.Table}{(b.Index is null ? "" : " on " + b.Table)}  {b.Ratio:P0}, {Size(b.BloatBytes)} reclaimable"));

        await o.WriteLineAsync();
        await o.WriteLineAsync("Blocking locks");
        await ListAsync(o, r.BlockingLocks, b => F($"  ! pid {b.BlockedPid} waits {b.WaitingSeconds:0}s for {b.WaitingFor} held by pid {b.BlockingPid} ({b.BlockingState}, transaction {b.BlockingTransactionSeconds:0}s): {Cut(b.BlockingQuery, 70)}"));
        await o.WriteLineAsync(F($"Long-running statements (≥ {t.LongRunningSeconds} s)"));
        await ListAsync(o, r.LongRunning, Session);
        await o.WriteLineAsync(F($"Idle in transaction (≥ {t.IdleInTransactionSeconds} s)"));
        await ListAsync(o, r.IdleInTransaction, Session);

        await o.WriteLineAsync();
        var c2 = r.Connections;
        await o.WriteLineAsync(F($"Connections  {Mark(c2.NearLimit)} {c2.Total} of {c2.MaxConnections} ({c2.Percent:0.#} %, flag at {t.ConnectionsPercent} %): {c2.Active} active, {c2.Idle} idle, {c2.IdleInTransaction} idle in transaction"));
        await o.WriteLineAsync(F($"Sequences (≥ {t.SequencePercent} % of range)"));
        await ListAsync(o, r.Sequences, q => F($"  ! {q.Sequence}{(q.Column is null ? "" : " (" + q.Column + ")")}  {q.LastValue} of {q.Limit} ({q.Percent:0.#} %)"));

        if (r.Replication is { } replication)
        {
            await WriteReplicationAsync(o, replication);
        }

        foreach (var note in r.Notes)
        {
            await o.WriteLineAsync("note: " + note);
        }
    }

    private static async Task WriteReplicationAsync(TextWriter o, ReplicationStatus replication)
    {
        if (replication.InRecovery)
        {
            var delay = replication.ReplayDelaySeconds is { } d ? F($"{d:0.000} s since the last replayed transaction's commit on the primary") : "no transaction replayed yet";
            await o.WriteLineAsync($"Replication  this server is a read-only replica: {delay}");
            return;
        }

        await o.WriteLineAsync(F($"Replication  {replication.Replicas.Count} replica(s) streaming from this server"));
        await ListAsync(o, replication.Replicas, q =>
            F($"    {q.Application ?? "?"} ({q.State ?? "?"}, {q.SyncState ?? "?"}): lag {(q.ReplayLagBytes is { } b ? b.ToString(CultureInfo.InvariantCulture) + " bytes" : "unknown bytes")}, {(q.ReplayLagSeconds ?? 0):0.000} s replay"));
    }

    private static string Session(SessionInfo s) =>
        F($"  ! pid {s.Pid} {s.User}@{s.Database} ({s.Application}) {s.State} {s.Seconds:0}s: {Cut(s.Query, 80)}");

    private static async Task ListAsync<T>(TextWriter o, IReadOnlyList<T> rows, Func<T, string> line)
    {
        if (rows.Count == 0)
        {
            await o.WriteLineAsync("    none");
            return;
        }

        foreach (var row in rows)
        {
            await o.WriteLineAsync(line(row));
        }
    }

    private static string Mark(bool flagged) => flagged ? "!" : " ";

    private static string Cut(string? text, int length) =>
        text is null ? "" : text.Length <= length ? text : text[..length] + "…";

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => F($"{bytes / (double)(1L << 30):0.0} GB"),
        >= 1L << 20 => F($"{bytes / (double)(1L << 20):0.0} MB"),
        >= 1L << 10 => F($"{bytes / 1024.0:0} kB"),
        _ => F($"{bytes} B"),
    };

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
