using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Salient.Tests.Support;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 with a free port, serving whatever handlers a test maps by path.
/// Records every request so tests can check what the client sent.
/// </summary>
internal sealed class LoopbackSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new(StringComparer.Ordinal);

    private LoopbackSite(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseUri { get; private set; } = null!;

    public ConcurrentQueue<(string Path, IHeaderDictionary Headers, DateTimeOffset At)> Requests { get; } = new();

    public static async Task<LoopbackSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var site = new LoopbackSite(app);
        app.Run(site.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Urls.First();
        site.BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        return site;
    }

    public string Url(string path) => new Uri(BaseUri, path.TrimStart('/')).ToString();

    /// <summary>Serves <paramref name="handler"/> at <paramref name="path"/> (path and query, as requested).</summary>
    public void Map(string path, Func<HttpContext, Task> handler) => _routes[Normalise(path)] = handler;

    public void MapContent(string path, string body, string contentType = "application/xml; charset=utf-8") =>
        Map(path, async ctx =>
        {
            ctx.Response.ContentType = contentType;
            await ctx.Response.WriteAsync(body).ConfigureAwait(false);
        });

    public void MapBytes(string path, byte[] body, string contentType) =>
        Map(path, async ctx =>
        {
            ctx.Response.ContentType = contentType;
            await ctx.Response.Body.WriteAsync(body).ConfigureAwait(false);
        });

    public int Count(string path) => Requests.Count(r => r.Path == Normalise(path));

    private static string Normalise(string path) => "/" + path.TrimStart('/');

    private async Task HandleAsync(HttpContext ctx)
    {
        var key = ctx.Request.Path.Value + ctx.Request.QueryString.Value;
        Requests.Enqueue((key, ctx.Request.Headers, DateTimeOffset.UtcNow));
        if (_routes.TryGetValue(key, out var handler) || _routes.TryGetValue(ctx.Request.Path.Value ?? "/", out handler))
        {
            await handler(ctx).ConfigureAwait(false);
            return;
        }
        ctx.Response.StatusCode = 404;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
