using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Salient.Workers;

/// <summary>A feed site on 127.0.0.1 (a free port) serving fixed files by path, for benchmarks and the workers check.</summary>
internal sealed class LocalFeedSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IReadOnlyDictionary<string, (byte[] Body, string ContentType)> _files;

    private LocalFeedSite(WebApplication app, IReadOnlyDictionary<string, (byte[] Body, string ContentType)> files, Uri baseUri)
    {
        _app = app;
        _files = files;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>Starts a site; <paramref name="build"/> makes the files once the site's address is known.</summary>
    public static async Task<LocalFeedSite> StartAsync(Func<Uri, IReadOnlyDictionary<string, (byte[] Body, string ContentType)>> build, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(build);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        app.Run(async ctx =>
        {
            if (files.TryGetValue(ctx.Request.Path.Value ?? "/", out var file))
            {
                ctx.Response.ContentType = file.Item2;
                await ctx.Response.Body.WriteAsync(file.Item1, ctx.RequestAborted).ConfigureAwait(false);
                return;
            }
            ctx.Response.StatusCode = StatusCodes.Status404NotFound;
        });
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Urls.First();
        var baseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        foreach (var (k, v) in build(baseUri))
        {
            files[k] = v;
        }
        return new LocalFeedSite(app, files, baseUri);
    }

    public int FileCount => _files.Count;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
