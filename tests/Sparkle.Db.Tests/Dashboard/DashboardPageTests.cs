using Sparkle.Db.Dashboard;
using Sparkle.Db.Monitoring;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Dashboard;

/// <summary>The dashboard page in a real browser (headless Chromium) against a seeded database.</summary>
// Not in parallel with other classes: the blocking-locks check counts waiting sessions of the whole cluster, and
// another class's lock wait on the shared test cluster made it read "6 waiting" instead of this test's one.
[Collection(EnvironmentCollection.Name)]
public sealed class DashboardPageTests(DashboardDatabaseFixture db) : IClassFixture<DashboardDatabaseFixture>
{
    private static readonly string[] Sections =
        ["overview", "health", "statements", "indexes", "space", "partitions", "maintenance", "counters", "locks", "transactions", "connections", "replication", "benchmark"];

    [ChromiumFact]
    public async Task Every_section_loads_without_console_errors_and_shows_the_slow_statement_the_unused_index_and_the_blocking_lock()
    {
        await using var blocking = await BlockingLock.TakeAsync(db.Target.ConnectionString);
        await db.RunSlowProbeAsync();
        await using var dashboard = await DashboardServer.StartAsync(db.Target, new DashboardOptions { Port = 0, Thresholds = new MonitorThresholds { Top = 1000 } });
        await using var browser = await Chromium.StartAsync();
        var page = await BrowserPage.OpenAsync(browser);

        await page.NavigateAsync(dashboard.Url);
        await page.WaitForAsync("document.body && document.body.dataset.state === 'loaded'");

        // A section that failed says why on the page: the message names it, so a failure under load is diagnosable.
        var states = await page.EvaluateAsync<string[][]>("Array.from(document.querySelectorAll('[data-endpoint]')).map(s => [s.id, s.dataset.state, s.dataset.state === 'loaded' ? '' : s.innerText])");
        Assert.Equal(Sections, states.Select(s => s[0]));
        Assert.All(states, s => Assert.True(s[1] == "loaded", $"section {s[0]} is {s[1]}: {s[2]}"));
        Assert.Empty(page.ConsoleErrors);

        var statements = await TextOfAsync(page, "statements");
        Assert.Contains(DashboardDatabaseFixture.SlowProbe, statements, StringComparison.Ordinal);

        var indexes = await TextOfAsync(page, "indexes");
        var unusedTable = await page.EvaluateAsync<string>("Array.from(document.querySelectorAll('#indexes h3')).find(h => h.textContent.startsWith('Unused')).nextElementSibling.innerText");
        Assert.Contains(DashboardDatabaseFixture.UnusedIndex, unusedTable, StringComparison.Ordinal);
        Assert.Contains("idx_notifications_display_covering", indexes, StringComparison.Ordinal);
        Assert.Contains("notification_panel: ", indexes, StringComparison.Ordinal);

        // The chain: the holder is a root that blocks one session; the waiter hangs under it, naming the holder.
        var holder = await page.EvaluateAsync<string>($"document.querySelector('#locks li.root[data-pid=\"{blocking.HolderPid}\"]').innerText");
        Assert.Contains($"pid {blocking.HolderPid}", holder, StringComparison.Ordinal);
        Assert.Contains("blocks 1", holder, StringComparison.Ordinal);
        var waiter = await page.EvaluateAsync<string>($"document.querySelector('#locks li.root li.waiting[data-pid=\"{blocking.WaiterPid}\"]').innerText");
        Assert.Contains($"held by pid {blocking.HolderPid}", waiter, StringComparison.Ordinal);
        Assert.Contains("relation RowExclusiveLock on dashboard_probe", waiter, StringComparison.Ordinal);
        Assert.Contains(BlockingLock.WaiterStatement, waiter, StringComparison.Ordinal);

        // Amber, or red once the wait passes 60 s (a slow machine): which one depends on the clock, not flagged is wrong.
        var blockingCheck = await page.EvaluateAsync<string[]>("(c => [c.className, c.innerText])(document.querySelector('[data-check=\"Blocking locks\"]'))");
        Assert.Matches("^check (amber|red)$", blockingCheck[0]);
        Assert.Contains("1 waiting", blockingCheck[1], StringComparison.Ordinal);
        Assert.Contains("No replicas", await TextOfAsync(page, "replication"), StringComparison.Ordinal);
        // Counter consistency is verify's counters.<table> checks; the tables come from the database's own list.
        await using (var connection = await db.OpenAsync())
        {
            var counters = await TextOfAsync(page, "counters");
            var tables = await connection.ColumnAsync<string>("SELECT table_name FROM sparkle_db.check_counters(10000)");
            Assert.NotEmpty(tables);
            Assert.All(tables, t => Assert.Contains("counters." + t, counters, StringComparison.Ordinal));
        }

        // The page is "loaded" once every section has rendered; the chart image is fetched after that, and on a busy
        // machine may still be on its way: wait until the browser is done with it (loaded or failed), then judge.
        await page.WaitForAsync("document.querySelector('#benchmark img.chart').complete");
        Assert.True(await page.EvaluateAsync<bool>("document.querySelector('#benchmark img.chart').naturalWidth > 0"), "the benchmark chart image did not load");
        Assert.Contains("read-only", await TextOfAsync(page, "overview"), StringComparison.Ordinal);

        await SaveScreenshotsAsync(page);
    }

    private static Task<string> TextOfAsync(BrowserPage page, string id) => page.EvaluateAsync<string>($"document.getElementById('{id}').innerText");

    // SPARKLE_DASHBOARD_SCREENSHOTS=docs keeps the pictures the README shows (health, indexes, partitions, the lock chain).
    private static async Task SaveScreenshotsAsync(BrowserPage page)
    {
        var png = await page.ScreenshotAsync();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        if (Environment.GetEnvironmentVariable("SPARKLE_DASHBOARD_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "dashboard.png"), await page.ScreenshotAsync(null, "#health"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "dashboard-locks.png"), await page.ScreenshotAsync("#locks", "#transactions"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "dashboard-indexes.png"), await page.ScreenshotAsync("#indexes", "#indexes"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "dashboard-partitions.png"), await page.ScreenshotAsync("#partitions", "#maintenance"));
    }
}
