using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Salient.Cli;
using Salient.Monitoring;
using Salient.Storage;

namespace Salient.Web;

/// <summary>
/// The web host of the site: Kestrel on the given addresses, the services of <see cref="SalientServices"/> (so
/// hosted services such as the digest scheduler run), every <see cref="IEndpointModule"/> mapped, security headers
/// on every answer and failures turned into one logged 500.
/// </summary>
internal sealed partial class SiteHost : IAsyncDisposable
{
    /// <summary>No inline script or style, nothing from elsewhere, no framing, forms only to this site.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private readonly WebApplication _web;

    private SiteHost(WebApplication web)
    {
        _web = web;
    }

    public IReadOnlyList<string> Urls => _web.Urls.ToList();

    /// <summary>The first address the site listens on, with a trailing slash.</summary>
    public Uri BaseUri => new(Urls[0].EndsWith('/') ? Urls[0] : Urls[0] + "/");

    public IServiceProvider Services => _web.Services;

    /// <summary>Starts the site for an opened app (its configuration and database).</summary>
    public static Task<SiteHost> StartAsync(SalientApp app, string urls, CancellationToken ct, bool hostedServices = true, LogLevel logLevel = LogLevel.Warning,
        Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        return StartAsync(app.Configuration, app.Database, urls, ct, hostedServices, logLevel, configure);
    }

    public static async Task<SiteHost> StartAsync(IConfiguration configuration, Database database, string urls, CancellationToken ct, bool hostedServices = true,
        LogLevel logLevel = LogLevel.Warning, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var publicUrls = ListenAddresses.Parse(urls);
        var adminPorts = AdminListener.Ports(configuration[$"{SiteOptions.Section}:{nameof(SiteOptions.AdminUrls)}"], publicUrls, out var adminUrls);
        builder.WebHost.UseUrls([.. publicUrls, .. adminUrls]);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 10 * 1024 * 1024;
        });
        // The app's configuration joins the host's (which holds the listening addresses) rather than replacing it, and
        // the site's services are the app's own registrations (hosted services such as the digest scheduler included).
        builder.Configuration.AddConfiguration(configuration);
        builder.Services.AddSalient(builder.Configuration, database, logLevel);
        if (!hostedServices)
        {
            foreach (var d in builder.Services.Where(d => d.ServiceType == typeof(IHostedService)).ToList())
            {
                builder.Services.Remove(d);
            }
        }
        builder.Services.AddSalientMetrics();
        // The command that starts the site (`salient run`, `serve`) owns Ctrl+C and SIGTERM; the web host must not swallow them.
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        // Pages, feeds and the API go out compressed to clients that ask (a 52 KB front page is 12 KB gzipped), at the
        // fastest level so it costs well under a millisecond. Admin pages never are: they carry a CSRF token, and
        // compressing a secret next to text an attacker can steer leaks it (BREACH).
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            // gzip first: when a browser accepts both, it costs half of Brotli's CPU for a page 20% larger.
            o.Providers.Add<GzipCompressionProvider>();
            o.Providers.Add<BrotliCompressionProvider>();
            o.MimeTypes = ["text/html", "text/css", "text/javascript", "application/json", "application/problem+json", "application/rss+xml",
                "application/atom+xml", "application/feed+json", "application/xml", "text/xml"];
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        configure?.Invoke(builder.Services);
        var web = builder.Build();
        var log = web.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Salient.Web");
        var siteOptions = web.Services.GetRequiredService<SiteOptions>();
        if (!SiteAddress.LoopbackOnly(publicUrls) && siteOptions.PublicBaseUrl is null && siteOptions.AllowedHosts.Count == 0)
        {
            await web.DisposeAsync().ConfigureAwait(false);
            throw new SalientException($"the site would listen on {string.Join(", ", publicUrls)}, beyond this machine, without a public address for its links; " +
                "set Site:BaseUrl (e.g. https://news.example.org) or list the host names readers use in Site:AllowedHosts");
        }
        // HEAD is GET without the body (link checkers and monitors ask it); the server still sends no body for it.
        web.Use((http, next) =>
        {
            if (HttpMethods.IsHead(http.Request.Method))
            {
                http.Request.Method = HttpMethods.Get;
            }
            return next(http);
        });
        // Endpoints are matched after that, so a HEAD finds the GET endpoint.
        web.UseRouting();
        web.Use(async (http, next) =>
        {
            var h = http.Response.Headers;
            h.ContentSecurityPolicy = ContentSecurityPolicy;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            try
            {
                await next(http).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
            {
                LogFailure(log, http.Request.Method, http.Request.Path.Value ?? "/", e);
                if (!http.Response.HasStarted)
                {
                    http.Response.Clear();
                    http.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    http.Response.ContentType = SiteLayout.HtmlType;
                    await http.Response.WriteAsync(SiteLayout.Document("Something went wrong",
                        Html.Of($"<h1>Something went wrong</h1><p>The page could not be made just now; it has been logged. Try again in a moment.</p>")), http.RequestAborted).ConfigureAwait(false);
                }
            }
        });
        AdminListener.Use(web, adminPorts);
        web.MapMetrics();
        web.UseWhen(http => !http.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase), branch => branch.UseResponseCompression());
        EndpointModules.MapAll(web);
        web.MapMetricsEndpoint();
        try
        {
            await web.StartAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or FormatException)
        {
            // Taken between the check and the start, or refused in a way the check cannot see.
            await web.DisposeAsync().ConfigureAwait(false);
            throw new SalientException($"cannot listen on {urls}: {e.Message.TrimEnd('.')}; choose another address with --urls", e);
        }
        return new SiteHost(web);
    }

    private sealed class CommandLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogFailure(ILogger logger, string method, string path, Exception exception);

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _web.DisposeAsync().ConfigureAwait(false);
    }
}
