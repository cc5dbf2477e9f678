using System.Collections.Concurrent;

namespace Salient.Web;

/// <summary>
/// Fixed windows of requests per client address, on the app's clock: the first request opens a window of the given
/// length, and at most the given number go ahead in it. Past <c>maxClients</c> addresses the table starts afresh, so
/// a flood of addresses cannot grow it without end.
/// </summary>
internal sealed class ClientWindows(TimeProvider clock, int maxClients)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start = start;
        public int Count;
    }

    /// <summary>True when the request may go ahead; otherwise how long until the client's window reopens.</summary>
    public bool TryAcquire(string client, int limit, TimeSpan length, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        var now = clock.GetUtcNow();
        if (_windows.Count > maxClients)
        {
            _windows.Clear();
        }
        var window = _windows.GetOrAdd(client, _ => new Window(now));
        lock (window)
        {
            if (now - window.Start >= length)
            {
                window.Start = now;
                window.Count = 0;
            }
            window.Count++;
            if (window.Count <= limit)
            {
                return true;
            }
            retryAfter = window.Start + length - now;
            return false;
        }
    }
}
