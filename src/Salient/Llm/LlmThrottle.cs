namespace Salient.Llm;

/// <summary>Limits requests in flight and spaces their starts to stay under a requests-per-minute budget.</summary>
internal sealed class LlmThrottle
{
    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _spacing;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private DateTimeOffset _nextStart = DateTimeOffset.MinValue;

    public LlmThrottle(int maxConcurrency, int requestsPerMinute, TimeProvider time)
    {
        _slots = new SemaphoreSlim(Math.Max(1, maxConcurrency));
        _spacing = requestsPerMinute > 0 ? TimeSpan.FromMinutes(1.0 / requestsPerMinute) : TimeSpan.Zero;
        _time = time;
    }

    /// <summary>Waits for a free slot and for the request's turn; dispose the result to free the slot.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                var start = _nextStart > now ? _nextStart : now;
                _nextStart = start + _spacing;
                wait = start - now;
            }
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, ct).ConfigureAwait(false);
            }
        }
        catch
        {
            _slots.Release();
            throw;
        }
        return new Slot(_slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
