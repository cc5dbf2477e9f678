using Salient.Web;

namespace Salient.Digest;

/// <summary>
/// A fixed window of posts of the digest's forms (subscribe, change settings) per client address: <see cref="Limit"/>
/// in <see cref="Window"/>, counted per running site, on the app's clock.
/// </summary>
internal sealed class DigestFormLimiter(TimeProvider clock)
{
    private readonly ClientWindows _windows = new(clock, maxClients: 10_000);

    public int Limit { get; } = 5;

    public TimeSpan Window { get; } = TimeSpan.FromMinutes(10);

    /// <summary>True when the post may go ahead; otherwise how long until the address's window reopens.</summary>
    public bool TryAcquire(string client, out TimeSpan retryAfter) => _windows.TryAcquire(client, Limit, Window, out retryAfter);
}
