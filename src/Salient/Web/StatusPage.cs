using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Salient.Cli;
using Salient.Storage;

namespace Salient.Web;

/// <summary>The plain page <c>salient run</c> serves until the site exists: the latest articles and every source's status.</summary>
internal sealed class StatusPage : IAsyncDisposable
{
    private readonly WebApplication _web;

    private StatusPage(WebApplication web)
    {
        _web = web;
    }

    public IReadOnlyCollection<string> Urls => _web.Urls.ToList();

    public static async Task<StatusPage> StartAsync(SalientApp app, string urls, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(app);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        // `salient run` owns Ctrl+C and SIGTERM; the web host must not swallow them.
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, CommandLifetime>();
        builder.Services.AddSingleton(app.Get<ArticleStore>());
        builder.Services.AddSingleton(app.Get<SourceStore>());
        var web = builder.Build();
        web.MapGet("/", async (ArticleStore articles, SourceStore sources, HttpContext http) =>
        {
            var html = Render(await articles.LatestAsync(100, http.RequestAborted).ConfigureAwait(false),
                await sources.ListAsync(http.RequestAborted).ConfigureAwait(false));
            return Results.Content(html, "text/html; charset=utf-8");
        });
        web.MapGet("/healthz", () => Results.Text("ok"));
        try
        {
            await web.StartAsync(ct).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await web.DisposeAsync().ConfigureAwait(false);
            throw new SalientException($"cannot listen on {urls}: {e.Message}; choose another address with --urls");
        }
        return new StatusPage(web);
    }

    internal static string Render(IReadOnlyList<ArticleRow> articles, IReadOnlyList<Source> sources)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? string.Empty);
        static string T(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "";
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"60\">")
          .Append("<title>Salient</title><style>body{font:15px/1.4 system-ui,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem}")
          .Append("table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.2rem .4rem;border-bottom:1px solid #ddd;vertical-align:top}")
          .Append(".error{color:#a00}small{color:#666}</style></head><body><h1>Salient</h1>");
        sb.Append(CultureInfo.InvariantCulture, $"<h2>Latest articles</h2><p><small>{articles.Count} most recent</small></p><table><tr><th>title</th><th>source</th><th>published</th><th>text</th></tr>");
        foreach (var a in articles)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"<tr><td><a href=\"{E(a.Url)}\" rel=\"noopener noreferrer\">{E(a.Title)}</a></td><td>{E(a.SourceName)}</td><td>{T(a.Published ?? a.Discovered)}</td><td><small>{E(a.Extraction ?? "pending")}</small></td></tr>");
        }
        sb.Append(CultureInfo.InvariantCulture, $"</table><h2>Sources</h2><p><small>{sources.Count} sources</small></p><table><tr><th>source</th><th>status</th><th>last poll</th><th>items</th><th>last error</th></tr>");
        foreach (var s in sources)
        {
            var cls = s.LastError is null ? "" : " class=\"error\"";
            sb.Append(CultureInfo.InvariantCulture,
                $"<tr{cls}><td>{E(s.Name)}<br><small>{E(s.Url)}</small></td><td>{E(s.LastStatus ?? "new")}</td><td>{T(s.LastPolledAt)}</td><td>{s.ItemsSeen}</td><td>{E(s.LastError)}</td></tr>");
        }
        sb.Append("</table></body></html>");
        return sb.ToString();
    }

    private sealed class CommandLifetime : Microsoft.Extensions.Hosting.IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _web.DisposeAsync().ConfigureAwait(false);
    }
}
