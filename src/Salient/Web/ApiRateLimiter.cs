using System.Collections.Concurrent;

namespace Salient.Web;

/// <summary>A fixed one-minute window of API requests per client address (<see cref="SiteOptions.ApiRequestsPerMinute"/>).</summary>
internal sealed class ApiRateLimiter(SiteOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    private sealed class Window(long start)
    {
        public long Start = start;
        public int Count;
    }

    /// <summary>True when the request may go ahead; otherwise how long until the window reopens.</summary>
    public bool TryAcquire(string client, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        var limit = options.ApiRequestsPerMinute;
        if (limit <= 0)
        {
            return true;
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (_windows.Count > 50_000)
        {
            _windows.Clear();
        }
        var window = _windows.GetOrAdd(client, _ => new Window(now));
        lock (window)
        {
            if (now - window.Start >= 60_000)
            {
                window.Start = now;
                window.Count = 0;
            }
            window.Count++;
            if (window.Count <= limit)
            {
                return true;
            }
            retryAfter = TimeSpan.FromMilliseconds(Math.Max(1000, 60_000 - (now - window.Start)));
            return false;
        }
    }
}
