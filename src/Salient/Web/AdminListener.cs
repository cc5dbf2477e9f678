using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Salient.Cli;

namespace Salient.Web;

/// <summary>
/// The admin on an address of its own (<see cref="SiteOptions.AdminUrls"/>, e.g. a loopback or VPN address): the site
/// listens there too, and <c>/admin</c> answers 404 on every other address, so the public address offers no login form
/// to guess at.
/// </summary>
internal static class AdminListener
{
    /// <summary>The ports of the admin addresses (checked like <c>--urls</c>), none when they are not configured.</summary>
    public static IReadOnlySet<int> Ports(string? adminUrls, IReadOnlyList<string> publicUrls, out IReadOnlyList<string> urls)
    {
        urls = [];
        if (string.IsNullOrWhiteSpace(adminUrls))
        {
            return new HashSet<int>();
        }
        var publicPorts = publicUrls.Select(Port).ToHashSet();
        var ports = new HashSet<int>();
        foreach (var url in adminUrls.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var port = Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out _) ? Port(url) : -1;
            if (port <= 0 || publicPorts.Contains(port))
            {
                throw new UsageException($"Site:AdminUrls: '{url}' needs a fixed port of its own, other than the site's ({string.Join(", ", publicUrls)}); give one like http://127.0.0.1:5081");
            }
            ports.Add(port);
        }
        urls = ListenAddresses.Parse(adminUrls);
        return ports;
    }

    public static void Use(WebApplication web, IReadOnlySet<int> adminPorts)
    {
        if (adminPorts.Count == 0)
        {
            return;
        }
        web.Use((http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase) && !adminPorts.Contains(http.Connection.LocalPort))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                http.Response.ContentType = SiteLayout.HtmlType;
                return http.Response.WriteAsync(SiteLayout.Document("Not found", Html.Of($"<h1>Not found</h1><p>There is no such page.</p>")), http.RequestAborted);
            }
            return next(http);
        });
    }

    private static int Port(string url) =>
        Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri.Port : -1;
}
