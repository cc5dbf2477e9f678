namespace Salient.Web;

/// <summary>
/// Keeps each rendered front page (per day or the live window, and threshold) and makes it again in the background
/// once it is older than <see cref="SiteOptions.FrontPageCacheSeconds"/>, so a burst of readers costs one set of
/// queries, and no reader waits for a page to be made except the very first for a key, or the first after it went
/// unread for <see cref="KeepFor"/>. A page shown is therefore at most the cache seconds plus one render old: new
/// stories still show on a load soon after, and the live script asks the API for everything since the page's own time,
/// so nothing is missed. Readers who arrive while a page is being made for them wait for that one rather than making their own.
/// </summary>
internal sealed class FrontPageCache(SiteOptions options, TimeProvider clock)
{
    /// <summary>Thresholds come from the query string, so the keys are bounded: past this many, the cache starts over.</summary>
    private const int MaxEntries = 256;

    private readonly RefreshingCache<(DateOnly? Day, double Threshold), HtmlPage> _pages = new(clock, MaxEntries);

    public bool Enabled => options.FrontPageCacheSeconds > 0;

    /// <summary>A page older than this is not shown while its successor is made: the reader waits for the new one.</summary>
    public TimeSpan KeepFor => TimeSpan.FromSeconds(Math.Max(60, options.FrontPageCacheSeconds * 10));

    /// <summary>The page for the key: the kept one (a new one made in the background when it is stale), or the one <paramref name="render"/> makes now.</summary>
    public async Task<HtmlPage> GetAsync(DateOnly? day, double threshold, Func<CancellationToken, Task<HtmlPage>> render, CancellationToken ct)
    {
        if (!Enabled)
        {
            return await render(ct).ConfigureAwait(false);
        }
        var (page, _) = await _pages.GetAsync((day, threshold), TimeSpan.FromSeconds(options.FrontPageCacheSeconds), KeepFor, render, ct).ConfigureAwait(false);
        return page;
    }

    /// <summary>Completes when no page for the key is being made.</summary>
    internal Task SettledAsync(DateOnly? day, double threshold) => _pages.SettledAsync((day, threshold));

    /// <summary>How many pages are kept now.</summary>
    internal int Count => _pages.Count;
}
