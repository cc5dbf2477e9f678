using Salient.Significance;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Storage;

public sealed class DayRankTests
{
    private static readonly DateTimeOffset Day = new(2026, 4, 7, 0, 0, 0, TimeSpan.Zero);
    private static readonly Factors SomeFactors = new(5, 5, 5, 5, 5, 5, 5);

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_stored_percentile_and_the_shown_top_percent_agree_on_a_day_with_a_merged_story(string engine)
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

        // Story 2 is scored last, so its stored percentile is taken with every other story of the day scored.
        foreach (var (id, score) in new[] { (1L, 8.0), (3L, 3.0), (2L, 5.0) })
        {
            Assert.True(await stories.SaveScoreAsync(pending[id], new ScoredStory(score, SomeFactors, "reason"), Day.AddHours(20), CancellationToken.None));
        }

        var site = new SiteStore(db);
        var card = (await site.StoryAsync(2, CancellationToken.None))!.Value.Card;
        var shown = await site.RankAsync(card, CancellationToken.None);
        Assert.NotNull(shown);
        // The visible stories hold 2 + 3 + 1 articles that day; only story 3's one article scores lower than story 2.
        Assert.Equal(6, shown.AnalysedCount);
        Assert.Equal(16.67, card.Percentile);
        Assert.Equal(card.Percentile, shown.Percentile);
        Assert.Equal(84, shown.TopPercent);
        Assert.Equal(shown.TopPercent, DayRank.TopPercentOf(card.Percentile!.Value));
        Assert.Equal(shown, await stories.DayRankAsync(2, CancellationToken.None));
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
