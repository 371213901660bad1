using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using Sparkle.Db.Dashboard;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Dashboard;

/// <summary>The dashboard's HTTP surface without a browser: JSON per section, /metrics, the guarded actions, the host check.</summary>
public sealed partial class DashboardEndpointTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    private static readonly string[] Sections =
        ["overview", "health", "statements", "indexes", "space", "partitions", "maintenance", "counters", "locks", "transactions", "connections", "replication", "benchmark"];

    [Fact]
    public async Task Each_section_is_json_and_the_page_loads_nothing_from_outside_under_a_same_origin_policy()
    {
        await using var dashboard = await DashboardServer.StartAsync(db.Target, new DashboardOptions { Port = 0 });
        using var http = new HttpClient { BaseAddress = dashboard.Url };

        Assert.Equal("127.0.0.1", dashboard.Url.Host);
        Assert.Null(dashboard.Token);
        foreach (var section in Sections)
        {
            using var response = await http.GetAsync($"api/{section}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{section}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        }

        foreach (var asset in new[] { "", "app.js", "app.css" })
        {
            using var response = await http.GetAsync(asset);
            response.EnsureSuccessStatusCode();
            Assert.Equal(LocalRequestGuard.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.DoesNotMatch(ExternalReference(), await response.Content.ReadAsStringAsync());
        }

        using var chart = await http.GetAsync("chart.svg");
        Assert.Equal("image/svg+xml", chart.Content.Headers.ContentType!.MediaType);
        Assert.Contains("notification_panel", await chart.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_prometheus_text_with_help_and_type_before_the_samples_and_the_servers_figures()
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS metrics_probe (id int PRIMARY KEY, code text)");
        await connection.ExecuteAsync("CREATE INDEX IF NOT EXISTS metrics_probe_invalid ON metrics_probe (code)");
        await connection.ExecuteAsync("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'metrics_probe_invalid'::regclass");
        await using var dashboard = await DashboardServer.StartAsync(db.Target, new DashboardOptions { Port = 0 });
        using var http = new HttpClient { BaseAddress = dashboard.Url };

        using var response = await http.GetAsync("metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var samples = ParseExposition(text);
        Assert.Equal(1, samples["sparkle_db_up"]);
        Assert.Equal(await connection.ScalarAsync<int>("SELECT current_setting('max_connections')::int"), samples["sparkle_db_connections_max"]);
        var invalid = await connection.ScalarAsync<long>(
            "SELECT count(*) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace WHERE NOT (x.indisvalid AND x.indisready) AND n.nspname NOT IN ('pg_catalog', 'information_schema')");
        Assert.Equal(invalid, samples["sparkle_db_index_problems{problem=\"invalid\"}"]);
        var partitioned = await connection.ColumnAsync<string>(
            "SELECT c.relname FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid WHERE c.relnamespace = 'public'::regnamespace AND NOT c.relispartition ORDER BY 1");
        Assert.NotEmpty(partitioned);
        Assert.Equal(partitioned, samples.Keys.Where(k => k.StartsWith("sparkle_db_partition_months_ahead{", StringComparison.Ordinal))
            .Select(k => Regex.Match(k, "table=\"([^\"]+)\"").Groups[1].Value).Order(StringComparer.Ordinal));
        Assert.Equal(2, samples["sparkle_db_health{check=\"Invalid indexes\"}"]);
        Assert.Equal(0, samples["sparkle_db_replicas"]);
    }

    [Fact]
    public async Task An_action_without_the_token_or_with_a_wrong_one_is_refused_and_with_it_cancels_the_statement()
    {
        await using var dashboard = await DashboardServer.StartAsync(db.Target, new DashboardOptions { Port = 0, AllowActions = true });
        using var http = new HttpClient { BaseAddress = dashboard.Url };
        var token = Assert.IsType<ActionToken>(dashboard.Token);
        await using var victim = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.ConnectionString) { CommandTimeout = 0 }.ConnectionString);
        await victim.OpenAsync();
        var sleeping = victim.ExecuteAsync("SELECT pg_sleep(600)");
        await using var observer = await db.OpenAsync();
        await WaitUntilAsync(() => observer.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active')", victim.ProcessID));
        var pid = victim.ProcessID.ToString(CultureInfo.InvariantCulture);

        using (var none = await http.PostAsync("api/actions/cancel", Form(("pid", pid))))
        {
            Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
        }

        using (var wrong = new HttpRequestMessage(HttpMethod.Post, "api/actions/cancel") { Content = Form(("pid", pid)) })
        {
            wrong.Headers.Add(ActionToken.Header, token.Value[..^1] + (token.Value[^1] == 'A' ? 'B' : 'A'));
            using var refused = await http.SendAsync(wrong);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var get = await http.GetAsync($"api/actions/cancel?pid={pid}&token={token.Value}"))
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        }

        Assert.False(sleeping.IsCompleted);
        Assert.True(await observer.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active' AND query LIKE '%pg_sleep(600)%')", victim.ProcessID));

        using var allowed = await http.PostAsync("api/actions/cancel", Form(("pid", pid), ("token", token.Value)));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.True((await allowed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cancelled").GetBoolean());
        var cancelled = await Assert.ThrowsAsync<PostgresException>(() => sleeping);
        Assert.Equal(PostgresErrorCodes.QueryCanceled, cancelled.SqlState);
    }

    [Fact]
    public async Task Actions_are_refused_when_the_dashboard_is_read_only()
    {
        await using var dashboard = await DashboardServer.StartAsync(db.Target, new DashboardOptions { Port = 0 });
        using var http = new HttpClient { BaseAddress = dashboard.Url };
        await using var connection = await db.OpenAsync();
        var before = await MaintenanceRunsAsync(connection);

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/actions/maintain") { Content = Form() };
        request.Headers.Add(ActionToken.Header, "anything");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("--allow-actions", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await MaintenanceRunsAsync(connection));
    }

    private static async Task<long> MaintenanceRunsAsync(NpgsqlConnection connection) =>
        await connection.ScalarAsync<bool>("SELECT to_regclass('sparkle_db.maintenance_runs') IS NOT NULL")
            ? await connection.ScalarAsync<long>("SELECT count(*) FROM sparkle_db.maintenance_runs")
            : 0;

    [Fact]
    public async Task The_maintenance_action_runs_maintenance_and_the_journal_section_shows_the_run()
    {
        await using var dashboard = await DashboardServer.StartAsync(db.Target, new DashboardOptions { Port = 0, AllowActions = true });
        using var http = new HttpClient { BaseAddress = dashboard.Url };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/actions/maintain") { Content = Form() };
        request.Headers.Add(ActionToken.Header, dashboard.Token!.Value);

        using var response = await http.SendAsync(request);
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        var journal = await http.GetFromJsonAsync<JsonElement>("api/maintenance");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(run.GetProperty("journalId").GetInt64(), journal.GetProperty("runs")[0].GetProperty("id").GetInt64());
        Assert.Equal(run.GetProperty("status").GetString(), journal.GetProperty("runs")[0].GetProperty("status").GetString());
        await using var connection = await db.OpenAsync();
        Assert.Equal(run.GetProperty("journalId").GetInt64(), await connection.ScalarAsync<long>("SELECT max(id) FROM sparkle_db.maintenance_runs"));
    }

    [Fact]
    public async Task A_request_that_names_another_host_is_refused()
    {
        await using var dashboard = await DashboardServer.StartAsync(db.Target, new DashboardOptions { Port = 0 });
        using var http = new HttpClient { BaseAddress = dashboard.Url };
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "api/overview");
        rebound.Headers.Host = $"attacker.example:{dashboard.Url.Port}";

        using var refused = await http.SendAsync(rebound);
        using var local = await http.GetAsync(new Uri($"http://localhost:{dashboard.Url.Port}/api/overview"));

        Assert.Equal(HttpStatusCode.MisdirectedRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    /// <summary>
    /// Parses the text exposition format by its grammar (an oracle independent of the writer): every sample belongs to a
    /// family whose # HELP and # TYPE came first, once each; no series twice; values are floats.
    /// </summary>
    private static Dictionary<string, double> ParseExposition(string text)
    {
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var help = new HashSet<string>(StringComparer.Ordinal);
        var types = new HashSet<string>(StringComparer.Ordinal);
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            if (HelpLine().Match(line) is { Success: true } h)
            {
                Assert.True(help.Add(h.Groups[1].Value), "two # HELP lines for " + h.Groups[1].Value);
                continue;
            }

            if (TypeLine().Match(line) is { Success: true } t)
            {
                Assert.True(types.Add(t.Groups[1].Value), "two # TYPE lines for " + t.Groups[1].Value);
                Assert.Contains(t.Groups[1].Value, help);
                continue;
            }

            var sample = SampleLine().Match(line);
            Assert.True(sample.Success, "not a sample line: " + line);
            Assert.Contains(sample.Groups["name"].Value, types);
            var value = sample.Groups["value"].Value;
            var number = value switch
            {
                "NaN" => double.NaN,
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            Assert.True(samples.TryAdd(sample.Groups["name"].Value + sample.Groups["labels"].Value, number), "a series twice: " + line);
        }

        return samples;
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300 && !await condition(); i++)
        {
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("""(src|href)\s*=\s*["']?https?://""")]
    private static partial Regex ExternalReference();

    [GeneratedRegex("^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+$")]
    private static partial Regex HelpLine();

    [GeneratedRegex("^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")*\})? (?<value>\S+)$""")]
    private static partial Regex SampleLine();
}
