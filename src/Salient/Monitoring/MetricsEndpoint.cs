using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Salient.Storage;
using Salient.Web;

namespace Salient.Monitoring;

/// <summary>
/// <c>/metrics</c> in Prometheus text format through OpenTelemetry: ASP.NET Core, HTTP client and .NET runtime
/// instruments and Salient's own (<see cref="SalientMetrics"/>). It answers requests from loopback (unless
/// <see cref="MonitoringOptions.MetricsAllowLoopback"/> is off) and from <see cref="MonitoringOptions.MetricsNetworks"/>,
/// and others only with the admin token as <c>Authorization: Bearer</c>.
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static void AddSalientMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(SalientMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
    }

    /// <summary>Maps <c>/metrics</c> behind its access check; the queue gauges are read from the store before each scrape.</summary>
    public static void MapMetrics(this WebApplication web)
    {
        // Built now, so the instruments are listened to from the start rather than from the first scrape.
        SalientMetrics.Register();
        _ = web.Services.GetRequiredService<MeterProvider>();
        web.UseWhen(http => http.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase), branch => branch.Use(async (http, next) =>
        {
            var services = http.RequestServices;
            var verdict = services.GetRequiredService<AdminAuth>().CheckBearer(http);
            if (verdict == AdminAuth.Verdict.Limited)
            {
                await AdminAuth.TooManyAsync(http).ConfigureAwait(false);
                return;
            }
            if (verdict != AdminAuth.Verdict.Allowed && !FromAllowedNetwork(http.Connection.RemoteIpAddress, services.GetRequiredService<MonitoringOptions>()))
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync("Metrics are served to this machine and the networks in Monitoring:MetricsNetworks, or with the admin token as Authorization: Bearer.\n",
                    http.RequestAborted).ConfigureAwait(false);
                return;
            }
            var (queues, articles) = await services.GetRequiredService<StatsStore>().QueuesAsync(http.RequestAborted).ConfigureAwait(false);
            QueueSnapshot.Current = new QueueSnapshot(queues, articles, services.GetRequiredService<TimeProvider>().GetUtcNow());
            http.Response.Headers.CacheControl = "no-store";
            await next(http).ConfigureAwait(false);
        }));
    }

    /// <summary>Called after the other endpoints are mapped.</summary>
    public static void MapMetricsEndpoint(this WebApplication web) => web.MapPrometheusScrapingEndpoint(Path);

    public static bool FromAllowedNetwork(IPAddress? remote, MonitoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (remote is null)
        {
            return false;
        }
        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }
        return (options.MetricsAllowLoopback && IPAddress.IsLoopback(remote)) || options.Networks().Any(n => n.Contains(remote));
    }
}
