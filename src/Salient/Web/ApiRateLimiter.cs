namespace Salient.Web;

/// <summary>A fixed one-minute window of API requests per client address (<see cref="SiteOptions.ApiRequestsPerMinute"/>).</summary>
internal sealed class ApiRateLimiter(SiteOptions options, TimeProvider clock)
{
    private readonly ClientWindows _windows = new(clock, maxClients: 50_000);

    /// <summary>True when the request may go ahead; otherwise how long until the window reopens (at least a second).</summary>
    public bool TryAcquire(string client, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        var limit = options.ApiRequestsPerMinute;
        if (limit <= 0 || _windows.TryAcquire(client, limit, TimeSpan.FromMinutes(1), out retryAfter))
        {
            return true;
        }
        retryAfter = TimeSpan.FromMilliseconds(Math.Max(1000, retryAfter.TotalMilliseconds));
        return false;
    }
}
