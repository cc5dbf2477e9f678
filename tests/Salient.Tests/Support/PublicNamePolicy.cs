using System.Net;
using Salient.Polling;

namespace Salient.Tests.Support;

/// <summary>
/// A network policy for tests: names it is given resolve to 127.0.0.1, and the names listed as public count as the
/// internet although they lead to the loopback test site — what no real public server on this machine can provide.
/// Every other name and address is classified as in production.
/// </summary>
internal sealed class PublicNamePolicy(IReadOnlyDictionary<string, bool> names) : NetworkPolicy
{
    /// <summary>Names resolved, in order (to show a name was looked up again on a redirect).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Resolved { get; } = new();

    public override Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        Resolved.Enqueue(host);
        return names.ContainsKey(host) ? Task.FromResult(new[] { IPAddress.Loopback }) : base.ResolveAsync(host, ct);
    }

    public override bool IsInternal(string host, IPAddress address) =>
        names.TryGetValue(host, out var isPublic) && isPublic ? false : base.IsInternal(host, address);
}
