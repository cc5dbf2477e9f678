using System.Net;
using System.Net.Sockets;

namespace Salient.Polling;

/// <summary>What kind of network an address belongs to, as far as fetching from it is concerned.</summary>
internal enum AddressScope
{
    /// <summary>The internet.</summary>
    Public,

    /// <summary>This machine: 127.0.0.0/8, ::1.</summary>
    Loopback,

    /// <summary>A private network: 10/8, 172.16/12, 192.168/16, 100.64/10 (carrier-grade NAT), fc00::/7.</summary>
    Private,

    /// <summary>The local link, cloud metadata services included: 169.254/16, fe80::/10.</summary>
    LinkLocal,

    /// <summary>Nothing a page lives on: 0.0.0.0/8, multicast, broadcast, reserved and benchmark ranges, ::.</summary>
    Reserved,
}

/// <summary>
/// Where a fetch may connect. A feed publisher is untrusted: its items could point Salient at this machine, the
/// local network or a cloud metadata service, and Salient would fetch the page and publish it. So a fetch reaches an
/// internal address (<see cref="AddressScope"/> other than public, in every spelling: decimal, hex, IPv4-mapped IPv6,
/// or a name resolving there) only when the user chose that address — the source's own feed URL is on it — or
/// <see cref="PollingOptions.AllowPrivateNetworks"/> is set. <see cref="HttpFetcher"/> checks every hop of a redirect
/// chain after resolving its name, and again when it connects (so a name cannot resolve elsewhere in between).
/// Tests replace the resolver and the classification to make a loopback server count as public.
/// </summary>
internal class NetworkPolicy
{
    /// <summary>Resolves a host name to its addresses; the system's resolver unless a test gives another.</summary>
    public virtual Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);

    /// <summary>True when <paramref name="address"/>, reached by the name <paramref name="host"/>, is not on the internet.</summary>
    public virtual bool IsInternal(string host, IPAddress address) => Classify(address) != AddressScope.Public;

    /// <summary>The addresses of a URL's host: the literal one, or what its name resolves to (IPv4-mapped ones as IPv4).</summary>
    public async Task<IPAddress[]> AddressesAsync(Uri url, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        return await AddressesAsync(url.DnsSafeHost, ct).ConfigureAwait(false);
    }

    public async Task<IPAddress[]> AddressesAsync(string host, CancellationToken ct)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return [Normalise(literal)];
        }
        var resolved = await ResolveAsync(host, ct).ConfigureAwait(false);
        return resolved.Select(Normalise).Distinct().ToArray();
    }

    public static IPAddress Normalise(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        // a scope (fe80::1%eth0) does not change what the address is
        return plain.AddressFamily == AddressFamily.InterNetworkV6 && plain.ScopeId != 0 ? new IPAddress(plain.GetAddressBytes()) : plain;
    }

    /// <summary>The network <paramref name="address"/> belongs to.</summary>
    public static AddressScope Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = Normalise(address);
        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return b[0] switch
            {
                0 => AddressScope.Reserved,
                10 => AddressScope.Private,
                127 => AddressScope.Loopback,
                100 when (b[1] & 0xC0) == 64 => AddressScope.Private,
                169 when b[1] == 254 => AddressScope.LinkLocal,
                172 when (b[1] & 0xF0) == 16 => AddressScope.Private,
                192 when b[1] == 168 => AddressScope.Private,
                192 when b[1] == 0 && b[2] == 0 => AddressScope.Reserved,
                198 when (b[1] & 0xFE) == 18 => AddressScope.Reserved,
                >= 224 => AddressScope.Reserved,
                _ => AddressScope.Public,
            };
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return AddressScope.Reserved;
        }
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return AddressScope.Loopback;
        }
        if (address.Equals(IPAddress.IPv6None))
        {
            return AddressScope.Reserved;
        }
        // IPv4 inside IPv6: IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) reach that IPv4 address.
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return Classify(new IPAddress(b.AsSpan(12, 4)));
        }
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return Classify(new IPAddress(b.AsSpan(12, 4)));
        }
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return Classify(new IPAddress(b.AsSpan(2, 4)));
        }
        return b[0] switch
        {
            0xFE when (b[1] & 0xC0) == 0x80 => AddressScope.LinkLocal,
            >= 0xFC and <= 0xFD => AddressScope.Private,
            0xFF => AddressScope.Reserved,
            _ => AddressScope.Public,
        };
    }

    /// <summary>
    /// True when a feed URL names an internal address itself (a literal address, <c>localhost</c>): such a source lets
    /// its items reach that address. Names are not resolved here; the fetch checks them.
    /// </summary>
    public static bool NamesInternalAddress(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }
        var host = uri.DnsSafeHost;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return IPAddress.TryParse(host, out var address) && Classify(address) != AddressScope.Public;
    }

    public static string Describe(AddressScope scope) => scope switch
    {
        AddressScope.Loopback => "a loopback address (this machine)",
        AddressScope.Private => "a private-network address",
        AddressScope.LinkLocal => "a link-local address (where cloud metadata services live)",
        AddressScope.Reserved => "a reserved address",
        _ => "an internal address",
    };
}

/// <summary>A connection the <see cref="NetworkPolicy"/> refused; the message says which address and why.</summary>
internal sealed class AddressRefusedException(string message) : IOException(message);
