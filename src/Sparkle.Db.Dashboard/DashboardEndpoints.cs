using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Sparkle.Db.Benchmarks;
using Sparkle.Db.Connections;
using Sparkle.Db.Dashboard.Sections;
using Sparkle.Db.Maintenance;
using Sparkle.Db.Monitoring;

namespace Sparkle.Db.Dashboard;

/// <summary>The page, one JSON endpoint per section, the chart, /metrics, and the two token-guarded POST actions.</summary>
internal static class DashboardEndpoints
{
    public static void Map(WebApplication app, DashboardData data, string server, ActionToken? token, ILogger? logger)
    {
        var actions = token is not null;

        // A handler taking HttpContext would bind as a RequestDelegate and drop its result; as a Delegate it is written.
        void Get(string path, Func<HttpContext, Task<IResult>> handler) => app.MapGet(path, (Delegate)handler);
        void Post(string path, Func<HttpContext, Task<IResult>> handler) => app.MapPost(path, (Delegate)handler);
        foreach (var (path, asset) in new[] { ("/", "index.html"), ("/app.js", "app.js"), ("/app.css", "app.css"), ("/favicon.svg", "favicon.svg"), ("/favicon.ico", "favicon.svg") })
        {
            var (type, content) = StaticAssets.Read(asset);
            app.MapGet(path, () => Results.Bytes(content, type));
        }

        Get("/api/overview", h => SectionAsync(h, data, s => SectionBuilder.Overview(s, server, actions)));
        Get("/api/health", async h =>
        {
            var counters = await data.CountersAsync();
            return await SectionAsync(h, data, s => SectionBuilder.Health(s, counters));
        });
        Get("/api/statements", h => SectionAsync(h, data, SectionBuilder.Statements));
        Get("/api/indexes", h => SectionAsync(h, data, s => SectionBuilder.Indexes(s, data)));
        Get("/api/space", h => SectionAsync(h, data, SectionBuilder.Space));
        Get("/api/partitions", h => SectionAsync(h, data, SectionBuilder.Partitions));
        Get("/api/maintenance", h => SectionAsync(h, data, s => SectionBuilder.Maintenance(s, actions)));
        app.MapGet("/api/counters", async () =>
        {
            try
            {
                return Results.Json(SectionBuilder.Counters(await data.CountersAsync()));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Failure(ex);
            }
        });
        Get("/api/locks", h => SectionAsync(h, data, s => SectionBuilder.Locks(s, actions)));
        Get("/api/transactions", h => SectionAsync(h, data, s => SectionBuilder.Transactions(s, actions)));
        Get("/api/connections", h => SectionAsync(h, data, SectionBuilder.Connections));
        Get("/api/replication", h => SectionAsync(h, data, SectionBuilder.Replication));
        app.MapGet("/api/benchmark", () => Results.Json(SectionBuilder.Benchmark(data)));
        app.MapGet("/chart.svg", () => data.Bench is { } bench
            ? Results.Text(RatioChart.Render(bench), "image/svg+xml", System.Text.Encoding.UTF8)
            : Results.NotFound());
        app.MapGet("/metrics", async () =>
        {
            try
            {
                var snapshot = await data.SnapshotAsync();
                var health = SectionBuilder.Health(snapshot, await data.CountersAsync()).Checks;
                return Results.Text(Metrics.Render(snapshot, health, null), PrometheusText.ContentType);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Results.Text(Metrics.Render(null, [], ex.Message), PrometheusText.ContentType);
            }
        });

        Post("/api/actions/cancel", async h =>
        {
            if (await AuthorizeAsync(h, token) is { } denied)
            {
                return denied;
            }

            var text = h.Request.HasFormContentType ? (await h.Request.ReadFormAsync(h.RequestAborted))["pid"] : StringValues.Empty;
            if (!int.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return Results.Json(new { error = "Pass the pid of the session to cancel as the form field pid." }, statusCode: StatusCodes.Status400BadRequest);
            }

            await using var connection = await ConnectionFailures.OpenAsync(data.Target, h.RequestAborted);
            var (found, signalled) = await DatabaseMonitor.CancelBackendAsync(connection, pid, h.RequestAborted);
            logger?.LogInformation("dashboard action: cancel pid {Pid}: {Outcome}", pid, found ? signalled ? "signalled" : "refused" : "no such session");
            await data.SnapshotAsync(fresh: true);
            return found
                ? Results.Json(new { pid, cancelled = signalled })
                : Results.Json(new { error = $"No client session with pid {pid} in this database." }, statusCode: StatusCodes.Status404NotFound);
        });
        Post("/api/actions/maintain", async h =>
        {
            if (await AuthorizeAsync(h, token) is { } denied)
            {
                return denied;
            }

            var run = await new MaintenanceRunner(data.Target).RunAsync(h.RequestAborted);
            logger?.LogInformation("dashboard action: maintenance run {Status} in {Ms:0} ms", run.Status, run.DurationMs);
            await data.SnapshotAsync(fresh: true);
            return Results.Json(run);
        });
    }

    private static async Task<IResult> SectionAsync<T>(HttpContext context, DashboardData data, Func<Snapshot, T> shape)
    {
        try
        {
            var snapshot = await data.SnapshotAsync(fresh: context.Request.Query.ContainsKey("fresh"));
            return Results.Json(shape(snapshot));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Failure(ex);
        }
    }

    // The database could not be read (down, permissions): the page shows the message in the section.
    private static IResult Failure(Exception ex) =>
        Results.Json(new { error = ex is SparkleDbException { Hint: { } hint } ? $"{ex.Message} {hint}" : ex.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);

    /// <summary>Null when the request may act; else the refusal. Only POST reaches here (the routes are POST-only).</summary>
    private static async Task<IResult?> AuthorizeAsync(HttpContext context, ActionToken? token)
    {
        if (token is null)
        {
            return Results.Json(new { error = "Actions are disabled: restart the dashboard with --allow-actions." }, statusCode: StatusCodes.Status403Forbidden);
        }

        string? candidate = context.Request.Headers[ActionToken.Header];
        if (candidate is null && context.Request.HasFormContentType)
        {
            candidate = (await context.Request.ReadFormAsync(context.RequestAborted))["token"];
        }

        return token.Matches(candidate)
            ? null
            : Results.Json(new { error = $"This action needs the token printed when the dashboard started (header {ActionToken.Header} or form field token)." },
                statusCode: StatusCodes.Status403Forbidden);
    }
}
