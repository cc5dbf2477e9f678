namespace Salient.Web;

/// <summary>
/// Values that are slow to make (a front page, a day's score distribution), kept per key and made again in the
/// background once they are older than their fresh time: a reader gets the kept value at once, even while its
/// successor is being made, and waits only for a key's first value or for one too old to show (older than its
/// keep time). Concurrent readers share one making; a making that fails keeps the old value and is tried again by
/// the next reader. Nothing is made with a reader's token, so a reader who leaves fails no one else.
/// </summary>
internal sealed class RefreshingCache<TKey, TValue>(TimeProvider clock, int maxEntries) where TKey : notnull
{
    private sealed class Entry
    {
        public TValue? Value;
        public bool HasValue;
        public long MadeAt;
        public long Generation;
        public Task<(TValue Value, long Generation)>? Making;
    }

    private readonly Dictionary<TKey, Entry> _entries = [];
    private readonly Lock _gate = new();
    private long _generations;

    /// <summary>
    /// The value for <paramref name="key"/> and its generation (a number that changes whenever the value is made again):
    /// the kept one when younger than <paramref name="freshFor"/>; the kept one at once, with a new one started in the
    /// background, when younger than <paramref name="keepFor"/>; else the one <paramref name="make"/> makes now.
    /// </summary>
    public async Task<(TValue Value, long Generation)> GetAsync(TKey key, TimeSpan freshFor, TimeSpan keepFor, Func<CancellationToken, Task<TValue>> make, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(make);
        Task<(TValue Value, long Generation)> making;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                if (_entries.Count >= maxEntries)
                {
                    _entries.Clear();
                }
                entry = new Entry();
                _entries[key] = entry;
            }
            var age = entry.HasValue ? clock.GetElapsedTime(entry.MadeAt) : TimeSpan.MaxValue;
            if (entry.HasValue && age < freshFor)
            {
                return (entry.Value!, entry.Generation);
            }
            making = entry.Making ??= MakeAsync(entry, make);
            if (entry.HasValue && age < keepFor)
            {
                return (entry.Value!, entry.Generation);
            }
        }
        return await making.WaitAsync(ct).ConfigureAwait(false);
    }

    private async Task<(TValue Value, long Generation)> MakeAsync(Entry entry, Func<CancellationToken, Task<TValue>> make)
    {
        // Off the caller's stack: the reader who started it returns (or waits) like every other.
        await Task.Yield();
        try
        {
            var value = await make(CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                entry.Value = value;
                entry.HasValue = true;
                entry.MadeAt = clock.GetTimestamp();
                entry.Generation = Interlocked.Increment(ref _generations);
                entry.Making = null;
                return (value, entry.Generation);
            }
        }
        catch
        {
            lock (_gate)
            {
                entry.Making = null;
            }
            throw;
        }
    }

    /// <summary>Completes when no value for <paramref name="key"/> is being made (whether or not the making succeeded).</summary>
    public async Task SettledAsync(TKey key)
    {
        Task? making;
        lock (_gate)
        {
            making = _entries.TryGetValue(key, out var entry) ? entry.Making : null;
        }
        if (making is not null)
        {
            try
            {
                await making.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The reader who waited for it saw the failure; here only the end matters.
            }
        }
    }

    /// <summary>How many keys are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }
}
