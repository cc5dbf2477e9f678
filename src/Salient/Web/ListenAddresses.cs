using System.Net;
using System.Net.Sockets;
using Salient.Cli;

namespace Salient.Web;

/// <summary>
/// The addresses given with <c>--urls</c>, checked before the site starts: each must be an http(s) URL, and a
/// port already taken (or an address this machine does not have) is reported as such instead of a server trace.
/// </summary>
internal static class ListenAddresses
{
    public static IReadOnlyList<string> Parse(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var list = urls.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.Length == 0)
        {
            throw new UsageException("--urls is empty; give an address to listen on, like http://127.0.0.1:5080");
        }
        foreach (var url in list)
        {
            // Kestrel's wildcards: any address of this machine.
            var parseable = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(parseable, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/" || uri.Query.Length > 0)
            {
                throw new UsageException($"--urls: '{url}' is not an address to listen on; give one like http://127.0.0.1:5080 (several separated by ';')");
            }
            CheckFree(url, uri);
        }
        return list;
    }

    /// <summary>Binds and releases the address once, so a taken port or a foreign address fails here with a plain message.</summary>
    private static void CheckFree(string url, Uri uri)
    {
        IPAddress? address = uri.IsLoopback && uri.HostNameType == UriHostNameType.Dns ? IPAddress.Loopback
            : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip : null;
        if (address is null || uri.Port == 0)
        {
            return;
        }
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, uri.Port));
        }
        catch (SocketException e)
        {
            var why = e.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => "the port is already in use (is another Salient running?)",
                SocketError.AddressNotAvailable => "this machine has no such address",
                SocketError.AccessDenied => "this user may not listen on that port",
                _ => e.Message,
            };
            throw new SalientException($"cannot listen on {url}: {why}; choose another address with --urls");
        }
    }
}
