using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sparkle.Db.Benchmarks;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Dashboard;

/// <summary>
/// Starts the dashboard: ASP.NET Core's Kestrel on 127.0.0.1 only, the page and its JSON endpoints (one per section),
/// /metrics in the Prometheus text format, and, only with <see cref="DashboardOptions.AllowActions"/>, two POST actions
/// that need the run's <see cref="ActionToken"/>.
/// </summary>
public static class DashboardServer
{
    public static async Task<DashboardHost> StartAsync(DatabaseTarget target, DashboardOptions options, CancellationToken cancellationToken = default)
    {
        if (options.Port is < 0 or > 65535)
        {
            throw new InvalidInputException($"Port {options.Port} is not a TCP port.", "Pass a port from 1 to 65535, or 0 for a free one.");
        }

        var (bench, benchSource) = await LoadBenchReportAsync(options.BenchReportPath, cancellationToken);

        // Slim builder: no configuration-driven URLs or hosting startup; the one endpoint is the loopback one below.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.NumberHandling = BenchVerdicts.JsonOptions.NumberHandling;
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        });

        var app = builder.Build();
        var stopping = new CancellationTokenSource();
        var data = new DashboardData(target, options, bench, benchSource, stopping.Token);
        var token = options.AllowActions ? ActionToken.Create() : null;
        var port = 0;
        var guard = new LocalRequestGuard(() => port);
        app.Use(guard.InvokeAsync);
        DashboardEndpoints.Map(app, data, target.Describe(), token, options.Logger);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await app.DisposeAsync();
            stopping.Dispose();
            throw new SparkleDbException($"Port {options.Port} on 127.0.0.1 is already in use.", "Pass another --port, or --port 0 for a free one.", ex);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        port = new Uri(address).Port;
        return new DashboardHost(app, stopping, new Uri($"http://127.0.0.1:{port}/"), token);
    }

    private static async Task<(BenchReport? Report, string? Source)> LoadBenchReportAsync(string? path, CancellationToken cancellationToken)
    {
        if (path is not null)
        {
            if (!File.Exists(path))
            {
                throw new InvalidInputException($"The benchmark report {Path.GetFullPath(path)} does not exist.", "Pass the performance.json that 'sparkle-db bench' wrote, or leave out --bench-report.");
            }

            return (BenchVerdicts.Parse(await File.ReadAllTextAsync(path, cancellationToken), path), Path.GetFullPath(path));
        }

        return StaticAssets.BuiltInBenchReport() is { } json ? (BenchVerdicts.Parse(json, "the built-in performance.json"), "docs/performance.json (built in)") : (null, null);
    }
}
