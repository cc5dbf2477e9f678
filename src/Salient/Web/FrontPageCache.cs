namespace Salient.Web;

/// <summary>
/// Keeps each rendered front page (per day or the live window, and threshold) for a few seconds
/// (<see cref="SiteOptions.FrontPageCacheSeconds"/>), so a burst of readers costs one set of queries, not one each.
/// A page is at most that old: new stories still show on the next load after it, and the live script asks the API
/// for everything since the page's own time, so nothing is missed. Readers who arrive while a page is being made
/// wait for that one rather than making their own.
/// </summary>
internal sealed class FrontPageCache(SiteOptions options, TimeProvider clock)
{
    /// <summary>Thresholds come from the query string, so the keys are bounded: past this many, the cache starts over.</summary>
    private const int MaxEntries = 256;

    private readonly Dictionary<(DateOnly? Day, double Threshold), (long Until, Task<HtmlPage> Page)> _pages = [];
    private readonly Lock _gate = new();

    public bool Enabled => options.FrontPageCacheSeconds > 0;

    /// <summary>The page for the key: a fresh cached one, or the one <paramref name="render"/> makes now (shared with concurrent callers).</summary>
    public async Task<HtmlPage> GetAsync(DateOnly? day, double threshold, Func<CancellationToken, Task<HtmlPage>> render, CancellationToken ct)
    {
        if (!Enabled)
        {
            return await render(ct).ConfigureAwait(false);
        }
        var key = (day, threshold);
        var now = clock.GetTimestamp();
        TaskCompletionSource<HtmlPage>? mine = null;
        Task<HtmlPage> page;
        lock (_gate)
        {
            if (_pages.TryGetValue(key, out var entry) && now < entry.Until && !entry.Page.IsFaulted && !entry.Page.IsCanceled)
            {
                page = entry.Page;
            }
            else
            {
                if (_pages.Count >= MaxEntries)
                {
                    _pages.Clear();
                }
                mine = new TaskCompletionSource<HtmlPage>(TaskCreationOptions.RunContinuationsAsynchronously);
                page = mine.Task;
                _pages[key] = (now + (long)(options.FrontPageCacheSeconds * clock.TimestampFrequency), page);
            }
        }
        if (mine is not null)
        {
            _ = FillAsync(mine, render);
        }
        return await page.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes the page for everyone waiting on it. Not with any reader's token: one reader leaving must not fail the
    /// others' page, and the reader who started it can leave without waiting for it.
    /// </summary>
    private static async Task FillAsync(TaskCompletionSource<HtmlPage> page, Func<CancellationToken, Task<HtmlPage>> render)
    {
        try
        {
            page.SetResult(await render(CancellationToken.None).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            page.SetException(e);
        }
    }

    /// <summary>How many pages are kept now.</summary>
    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _pages.Count;
            }
        }
    }
}
