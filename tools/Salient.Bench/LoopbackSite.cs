using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Salient.Bench;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 with a free port, serving fixed files and whatever handlers are mapped
/// by path: the local news sites of the benchmarks and the workers check, and the servers of the tests. Records every
/// request (unless started without) so tests can check what the client sent.
/// </summary>
internal sealed class LoopbackSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _record;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new(StringComparer.Ordinal);

    private LoopbackSite(WebApplication app, bool record)
    {
        _app = app;
        _record = record;
    }

    public Uri BaseUri { get; private set; } = null!;

    public ConcurrentQueue<(string Path, IHeaderDictionary Headers, DateTimeOffset At)> Requests { get; } = new();

    /// <param name="recordRequests">Keep every request in <see cref="Requests"/> (off for benchmarks, which send many).</param>
    public static async Task<LoopbackSite> StartAsync(bool recordRequests = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var site = new LoopbackSite(app, recordRequests);
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

    /// <summary>Serves each file at its path, with its length.</summary>
    public void Add(IEnumerable<KeyValuePair<string, (byte[] Body, string ContentType)>> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var (path, (body, type)) in files)
        {
            Add(path, body, type);
        }
    }

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/>, with its length.</summary>
    public void Add(string path, byte[] body, string contentType) =>
        Map(path, async ctx =>
        {
            ctx.Response.ContentType = contentType;
            ctx.Response.ContentLength = body.Length;
            await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted).ConfigureAwait(false);
        });

    public int Count(string path) => Requests.Count(r => r.Path == Normalise(path));

    private static string Normalise(string path) => "/" + path.TrimStart('/');

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "/";
        var query = ctx.Request.QueryString.Value;
        var key = string.IsNullOrEmpty(query) ? path : path + query;
        if (_record)
        {
            Requests.Enqueue((key, ctx.Request.Headers, DateTimeOffset.UtcNow));
        }
        if (_routes.TryGetValue(key, out var handler) || _routes.TryGetValue(path, out handler))
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
