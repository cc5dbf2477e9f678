using Salient.Significance;
using Salient.Storage;
using Salient.Tests.Support;
using Salient.Web;

namespace Salient.Tests.Storage;

public sealed class DayRankTests
{
    private static readonly DateTimeOffset Day = new(2026, 4, 7, 0, 0, 0, TimeSpan.Zero);
    private static readonly Factors SomeFactors = new(5, 5, 5, 5, 5, 5, 5);

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_rank_the_site_shows_and_the_store_reads_agree_on_a_day_with_a_merged_story(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var db = test.Database;
        await AddStoryAsync(db, 1, articles: 2);
        await AddStoryAsync(db, 2, articles: 3);
        await AddStoryAsync(db, 3, articles: 1);
        // Merged into story 1 after it was scored above everything else, with two of that day's articles still pointing at it.
        await AddStoryAsync(db, 9, articles: 2, score: 9.0, mergedInto: 1);
        var stories = new StoryStore(db, TimeProvider.System);
        var pending = (await stories.ClaimToScoreAsync("test", 10, TimeSpan.FromMinutes(5), CancellationToken.None)).ToDictionary(p => p.Id);
        Assert.Equal([1L, 2, 3], pending.Keys.Order());
        foreach (var (id, score) in new[] { (1L, 8.0), (3L, 3.0), (2L, 5.0) })
        {
            Assert.True(await stories.SaveScoreAsync(pending[id], new ScoredStory(score, SomeFactors, "reason"), Day.AddHours(20), CancellationToken.None));
        }

        var site = new SiteStore(db);
        var card = (await site.StoryAsync(2, CancellationToken.None))!.Card;
        var (shown, _) = await new DayRanks(site, TimeProvider.System).RankAsync(card, CancellationToken.None);
        Assert.NotNull(shown);
        // The visible stories hold 2 + 3 + 1 articles that day; story 3's one article scores lower than story 2, story 1's two higher.
        Assert.Equal(6, shown.AnalysedCount);
        Assert.Equal(16.67, shown.Percentile);
        Assert.Equal(84, shown.TopPercent);
        Assert.Equal(2, shown.Higher);
        Assert.Equal(33, shown.HigherPercent);
        Assert.Equal(new DateOnly(2026, 4, 7), shown.Day);
        Assert.Equal(shown, await stories.DayRankAsync(2, CancellationToken.None));
    }

    [Fact]
    public void A_day_distribution_ranks_ties_the_extremes_and_an_empty_day_truthfully()
    {
        var day = new DayDistribution(StoryStore.DayStartOf(Clock.ToUnixMs(Day)), [(5.0, 4), (2.0, 3), (8.5, 1), (5.0, 2)]);
        Assert.Equal(10, day.Total);
        var tied = day.Rank(5.0);
        Assert.Equal((30.0, 10L, 1L), (tied.Percentile, tied.AnalysedCount, tied.Higher));
        var top = day.Rank(8.5);
        Assert.Equal((90.0, 0L, 10), (top.Percentile, top.Higher, top.TopPercent));
        var bottom = day.Rank(2.0);
        Assert.Equal((0.0, 7L, 100, 70), (bottom.Percentile, bottom.Higher, bottom.TopPercent, bottom.HigherPercent));
        // A score the day has not seen (a story scored after the distribution was read) still ranks between its neighbours.
        var between = day.Rank(6.0);
        Assert.Equal((90.0, 1L), (between.Percentile, between.Higher));
        var above = day.Rank(10);
        Assert.Equal((100.0, 0L, 1), (above.Percentile, above.Higher, above.TopPercent));

        var empty = new DayDistribution(day.DayStart, []);
        Assert.Equal(new DayRank(0, 0, new DateOnly(2026, 4, 7), 0), empty.Rank(7));
    }

    [Fact]
    public async Task A_day_rank_is_read_once_and_shared_until_it_is_stale_then_read_again_while_the_old_one_is_shown()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        await AddStoryAsync(test.Database, 1, articles: 2, score: 6.0);
        await AddStoryAsync(test.Database, 2, articles: 2, score: 4.0);
        var clock = new ManualClock();
        var site = new SiteStore(test.Database);
        var ranks = new DayRanks(site, clock);
        var card = (await site.StoryAsync(1, CancellationToken.None))!.Card;
        var (first, generation) = await ranks.RankAsync(card, CancellationToken.None);
        Assert.Equal(4, first!.AnalysedCount);

        await AddStoryAsync(test.Database, 3, articles: 4, score: 9.0);
        var (kept, keptGeneration) = await ranks.RankAsync(card, CancellationToken.None);
        Assert.Equal((first, generation), (kept, keptGeneration));

        clock.Advance(DayRanks.FreshFor + TimeSpan.FromSeconds(1));
        var (stale, _) = await ranks.RankAsync(card, CancellationToken.None);
        Assert.Equal(first, stale);
        var dayStart = StoryStore.DayStartOf(Clock.ToUnixMs(card.Published));
        await ranks.SettledAsync(dayStart);
        var (day, newGeneration) = await ranks.DayAsync(dayStart, CancellationToken.None);
        Assert.NotEqual(generation, newGeneration);
        Assert.Equal(8, day.Total);
        var (fresh, _) = await ranks.RankAsync(card, CancellationToken.None);
        Assert.Equal(4, fresh!.Higher);
    }

    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    private static async Task AddStoryAsync(Database db, long id, int articles, double? score = null, long? mergedInto = null)
    {
        await using var conn = await db.OpenAsync(CancellationToken.None);
        var at = Clock.ToUnixMs(Day.AddHours(id));
        await Sql.ExecuteAsync(conn, null, """
            INSERT INTO stories (id, status, merged_into, first_seen, last_updated, first_published, last_published, article_count, outlet_count, score, version)
            VALUES (@id, @status, @into, @t, @t, @t, @t, @n, 1, @score, 1)
            """, CancellationToken.None, ("id", id), ("status", mergedInto is null ? "open" : "merged"), ("into", mergedInto), ("t", at), ("n", articles), ("score", score));
        for (var i = 0; i < articles; i++)
        {
            var url = $"https://news.example/{id}/{i}";
            await Sql.ExecuteAsync(conn, null, """
                INSERT INTO articles (url, canonical_url, title, published_at, discovered_at, stage, story_id)
                VALUES (@u, @u, @title, @t, @t, 30, @story)
                """, CancellationToken.None, ("u", url), ("title", $"Story {id} article {i}"), ("t", at + i), ("story", id));
        }
    }
}
