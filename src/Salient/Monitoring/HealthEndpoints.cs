using System.Data.Common;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Salient.Storage;
using Salient.Web;

namespace Salient.Monitoring;

/// <summary>
/// <c>/healthz</c> (the process answers) and <c>/readyz</c> (the store answers, its schema is current and no item has
/// waited for a pipeline stage longer than <see cref="MonitoringOptions.StalledAfterMinutes"/>): cheap, unauthenticated,
/// never cached, and never showing an error's text (it is logged instead).
/// </summary>
internal sealed partial class HealthEndpoints : IEndpointModule
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return Results.Text("ok\n", "text/plain; charset=utf-8");
        });
        endpoints.MapGet("/readyz", ReadyAsync);
    }

    private static async Task<IResult> ReadyAsync(HttpContext http, Database db, StatsStore stats, MonitoringOptions options, TimeProvider clock,
        ILoggerFactory logs, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        var checks = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var pending = await db.PendingMigrationsAsync(ct).ConfigureAwait(false);
            checks["store"] = "ok";
            checks["migrations"] = pending.Count == 0 ? "ok" : $"not applied: {string.Join(", ", pending)}; run 'salient migrate'";
            var (queues, articles) = await stats.QueuesAsync(ct).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            QueueSnapshot.Current = new QueueSnapshot(queues, articles, now);
            var stalled = queues.Where(q => q.OldestSince is { } since && now - since > options.StalledAfter).ToList();
            checks["pipeline"] = stalled.Count == 0
                ? "ok"
                : "stalled: " + string.Join("; ", stalled.Select(q => $"{q.Stage} has {q.Depth} waiting, the oldest for {Minutes(now - q.OldestSince!.Value)} min")) +
                  $" (limit {options.StalledAfterMinutes.ToString(CultureInfo.InvariantCulture)} min)";
        }
        catch (Exception e) when (e is SalientException or DbException or TimeoutException && !ct.IsCancellationRequested)
        {
            LogStoreUnreachable(logs.CreateLogger("Salient.Monitoring"), db.Display, e);
            checks["store"] = "unreachable";
        }
        var ready = checks.Count == 3 && checks.Values.All(v => v == "ok");
        return Results.Json(new { status = ready ? "ready" : "unready", checks }, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static string Minutes(TimeSpan t) => Math.Floor(t.TotalMinutes).ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness check: the store {Store} cannot be read")]
    private static partial void LogStoreUnreachable(ILogger logger, string store, Exception exception);
}
