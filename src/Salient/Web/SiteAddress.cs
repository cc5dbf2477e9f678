using System.Net;
using Microsoft.AspNetCore.Http;

namespace Salient.Web;

/// <summary>
/// The site's own absolute address, for links in feeds and the API. It is <see cref="SiteOptions.BaseUrl"/> when
/// configured; otherwise the request's <c>Host</c> only when that host is in <see cref="SiteOptions.AllowedHosts"/> or
/// names this machine (localhost, a loopback address), and else the address the request arrived on. A forged
/// <c>Host</c> header never reaches a link, so a cache in front cannot be poisoned with one.
/// </summary>
internal static class SiteAddress
{
    public static string BaseUrl(HttpContext http, SiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        if (options.PublicBaseUrl is { } configured)
        {
            return configured;
        }
        var host = http.Request.Host;
        if (host.HasValue && (IsLoopbackName(host.Host) || options.AllowedHosts.Any(h => string.Equals(h.Trim(), host.Value, StringComparison.OrdinalIgnoreCase)
            || (host.Port is null && string.Equals(h.Trim(), host.Host, StringComparison.OrdinalIgnoreCase)))))
        {
            // Several allowed names give different answers; a shared cache must keep them apart.
            http.Response.Headers.Append("Vary", "Host");
            return $"{http.Request.Scheme}://{host.Value}";
        }
        var local = http.Connection.LocalIpAddress ?? IPAddress.Loopback;
        if (local.IsIPv4MappedToIPv6)
        {
            local = local.MapToIPv4();
        }
        var address = local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{local}]" : local.ToString();
        return $"{http.Request.Scheme}://{address}:{http.Connection.LocalPort}";
    }

    /// <summary>Whether the site listens only on this machine (every address loopback), where no public base address is needed.</summary>
    public static bool LoopbackOnly(IEnumerable<string> urls) => urls.All(u =>
        Uri.TryCreate(u.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && (uri.IsLoopback || IsLoopbackName(uri.Host)));

    private static bool IsLoopbackName(string host)
    {
        var h = host.Trim('[', ']');
        return string.Equals(h, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(h, out var ip) && IPAddress.IsLoopback(ip));
    }
}
