using System.Collections.Concurrent;

namespace Salient.Digest;

/// <summary>
/// A fixed window of posts of the digest's forms (subscribe, change settings) per client address: <see cref="Limit"/>
/// in <see cref="Window"/>, counted per running site, on the app's clock.
/// </summary>
internal sealed class DigestFormLimiter(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Start, int Count)> _counts = new(StringComparer.Ordinal);

    public int Limit { get; } = 5;

    public TimeSpan Window { get; } = TimeSpan.FromMinutes(10);

    /// <summary>True when the post may go ahead; otherwise how long until the address's window reopens.</summary>
    public bool TryAcquire(string client, out TimeSpan retryAfter)
    {
        var now = clock.GetUtcNow();
        if (_counts.Count > 10_000)
        {
            _counts.Clear();
        }
        var entry = _counts.AddOrUpdate(client, _ => (now, 1), (_, e) => now - e.Start >= Window ? (now, 1) : (e.Start, e.Count + 1));
        retryAfter = entry.Count <= Limit ? TimeSpan.Zero : entry.Start + Window - now;
        return entry.Count <= Limit;
    }
}
