namespace Salient.Web;

/// <summary>
/// Rendered story pages, each kept with the stamp it was made from (the story's row, its day rank's generation) and its
/// validator: a page is made again only when its story changed, its rank was read again, or it is older than
/// <see cref="SiteOptions.StoryPageCacheSeconds"/> (so relative times, related stories' titles and scores stay current).
/// </summary>
internal sealed class StoryPageCache(SiteOptions options, TimeProvider clock)
{
    /// <summary>Pages are some 10–60 KB: past this many the cache starts over.</summary>
    private const int MaxEntries = 2_000;

    /// <summary>A made page and its weak ETag.</summary>
    internal sealed record Made(HtmlPage Page, string ETag, string Stamp, long At);

    private readonly Dictionary<long, Made> _pages = [];
    private readonly Lock _gate = new();

    public bool Enabled => options.StoryPageCacheSeconds > 0;

    /// <summary>The kept page of story <paramref name="id"/> when it was made from <paramref name="stamp"/> recently enough, else the one <paramref name="render"/> makes now.</summary>
    public async Task<Made> GetAsync(long id, string stamp, Func<Task<HtmlPage>> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        if (Enabled)
        {
            lock (_gate)
            {
                if (_pages.TryGetValue(id, out var kept) && string.Equals(kept.Stamp, stamp, StringComparison.Ordinal)
                    && clock.GetElapsedTime(kept.At) < TimeSpan.FromSeconds(options.StoryPageCacheSeconds))
                {
                    return kept;
                }
            }
        }
        var page = await render().ConfigureAwait(false);
        var made = new Made(page, Validators.ETagOf(page.Utf8.Span), stamp, clock.GetTimestamp());
        if (Enabled && page.Status == Microsoft.AspNetCore.Http.StatusCodes.Status200OK)
        {
            lock (_gate)
            {
                if (_pages.Count >= MaxEntries)
                {
                    _pages.Clear();
                }
                _pages[id] = made;
            }
        }
        return made;
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
