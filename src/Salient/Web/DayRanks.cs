using Salient.Storage;

namespace Salient.Web;

/// <summary>
/// The day ranks the site shows ("top Y% of today's N analysed articles", the API's percentile), read from each day's
/// score distribution (<see cref="DayDistribution"/>): one query over a day, kept and shared by every page and API
/// answer, and read again in the background once it is older than <see cref="FreshFor"/>. So a story page costs the
/// same on a full day as on a thin one, and a rank is at most that old plus one read.
/// </summary>
internal sealed class DayRanks(SiteStore store, TimeProvider clock)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(30);

    /// <summary>A distribution older than this is not shown while the next is read: the reader waits for it.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(10);

    private readonly RefreshingCache<long, DayDistribution> _days = new(clock, 512);

    /// <summary>The distribution of the UTC day starting at <paramref name="dayStart"/>, and its generation (changes with every read of it).</summary>
    public Task<(DayDistribution Day, long Generation)> DayAsync(long dayStart, CancellationToken ct) =>
        _days.GetAsync(dayStart, FreshFor, KeepFor, c => store.DayDistributionAsync(dayStart, c), ct);

    /// <summary>Completes when the day's distribution is not being read.</summary>
    internal Task SettledAsync(long dayStart) => _days.SettledAsync(dayStart);

    /// <summary>
    /// The story's rank among the articles of its day (UTC, of its first article), with the generation of the
    /// distribution it was read from; null when the story has no score.
    /// </summary>
    public async Task<(DayRank? Rank, long Generation)> RankAsync(StoryCard story, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(story);
        if (story.Score is not { } score)
        {
            return (null, 0);
        }
        var (day, generation) = await DayAsync(StoryStore.DayStartOf(Clock.ToUnixMs(story.Published)), ct).ConfigureAwait(false);
        var rank = day.Rank(score);
        // A day none of whose articles were analysed when it was read: the story is measured against its own articles.
        return (rank.AnalysedCount == 0 ? rank with { AnalysedCount = Math.Max(1, story.ArticleCount), Higher = 0 } : rank, generation);
    }

    /// <summary>The cards with their day percentile (null for a story without a score).</summary>
    public async Task<List<StoryCard>> WithPercentilesAsync(IReadOnlyList<StoryCard> cards, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cards);
        var result = new List<StoryCard>(cards.Count);
        foreach (var card in cards)
        {
            var (rank, _) = await RankAsync(card, ct).ConfigureAwait(false);
            result.Add(card with { Percentile = rank?.Percentile });
        }
        return result;
    }
}
