using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Salient.Significance;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Web;

public sealed partial class ScoreHistoryTests
{
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;

        // Caches measure age by timestamps: they follow this clock too.
        public override long GetTimestamp() => Now.UtcTicks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    }

    /// <summary>Scores the story as the scoring stage does: a new version, then its score saved at the clock's time.</summary>
    private static async Task ScoreAsync(SiteFixture site, StoryStore store, long id, int version, double score, ManualClock clock)
    {
        await site.ExecuteAsync("UPDATE stories SET version = @v, article_count = article_count + 1 WHERE id = @id", ("v", version), ("id", id));
        var pending = new PendingStory(id, version, "t", null, null, Coverage.Single(2), 0);
        var factors = Factors.FromArray([score, score, score, score, score, 5, 5]);
        Assert.True(await store.SaveScoreAsync(pending, new ScoredStory(score, factors, "r"), clock.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task Every_score_is_kept_drawn_as_a_sparkline_with_one_point_each_returned_by_the_api_and_summed_up_on_the_calibration_page()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow.AddDays(-5));
        await using var site = await SiteFixture.CreateAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var store = site.Site.Services.GetRequiredService<StoryStore>();
        var rising = await site.AddStoryAsync("Floods spread across the delta", 4.0, at: clock.Now);
        var steady = await site.AddStoryAsync("Port strike enters second week", 6.0, at: clock.Now);

        await ScoreAsync(site, store, rising, 2, 4.0, clock);
        await ScoreAsync(site, store, steady, 2, 6.0, clock);
        clock.Now += TimeSpan.FromHours(20);
        await ScoreAsync(site, store, rising, 3, 5.2, clock);
        clock.Now += TimeSpan.FromHours(30);
        await ScoreAsync(site, store, rising, 4, 6.4, clock);
        // A version whose save finds the story changed meanwhile records nothing.
        Assert.False(await store.SaveScoreAsync(new PendingStory(rising, 3, "t", null, null, Coverage.Single(2), 0),
            new ScoredStory(1.0, Factors.FromArray([1, 1, 1, 1, 1, 1, 1]), "r"), clock.Now, CancellationToken.None));
        clock.Now += TimeSpan.FromDays(3);

        var (status, page, _) = await site.GetAsync($"/story/{rising}");
        Assert.Equal(HttpStatusCode.OK, status);
        var svg = SvgPattern().Match(page);
        Assert.True(svg.Success, "the story page has no score sparkline");
        Assert.Equal(3, Regex.Count(svg.Value, "<circle"));
        Assert.Contains("4.0 at first, 6.4 now, over 3 scores", svg.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", svg.Value, StringComparison.Ordinal);

        var api = await site.JsonAsync($"/api/stories/{rising}");
        var series = api.GetProperty("score_history").EnumerateArray().Select(p => p.GetProperty("score").GetDouble()).ToArray();
        Assert.Equal([4.0, 5.2, 6.4], series);

        var (calStatus, calibration, _) = await site.GetAsync("/calibration");
        Assert.Equal(HttpStatusCode.OK, calStatus);
        // Two stories old enough: one rose 4.0 → 6.4 within 72 h (across 5.5), one held at 6.0.
        Assert.Contains("<dt>Stories</dt><dd>2</dd>", calibration, StringComparison.Ordinal);
        Assert.Contains("<dt>Mean change, either way</dt><dd>1.20 points</dd>", calibration, StringComparison.Ordinal);
        Assert.Contains("<dt>Rose across 5.5</dt><dd>1 (50.0%)</dd>", calibration, StringComparison.Ordinal);
        Assert.Contains("<rect", calibration, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_story_is_developing_while_it_gains_outlets_settled_when_it_stops_and_its_feed_carries_its_articles_and_scores()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow.AddDays(-2));
        await using var site = await SiteFixture.CreateAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var store = site.Site.Services.GetRequiredService<StoryStore>();
        var id = await site.AddStoryAsync("Talks on the <b>border</b> resume", 4.0, at: clock.Now, outlets: ["Reuters", "AP"]);
        await ScoreAsync(site, store, id, 2, 4.0, clock);
        Assert.Contains("state-developing", (await site.GetAsync($"/story/{id}")).Body, StringComparison.Ordinal);

        // Thirteen hours on, a third outlet joined: still developing.
        clock.Now += TimeSpan.FromHours(13);
        await site.ExecuteAsync("UPDATE stories SET outlet_count = 3, last_published = @t WHERE id = @id", ("t", Clock.ToUnixMs(clock.Now)), ("id", id));
        await ScoreAsync(site, store, id, 3, 5.0, clock);
        Assert.Contains("state-developing", (await site.GetAsync($"/story/{id}")).Body, StringComparison.Ordinal);

        // Another thirteen hours with no new outlet: settled.
        clock.Now += TimeSpan.FromHours(13);
        await ScoreAsync(site, store, id, 4, 5.0, clock);
        var page = (await site.GetAsync($"/story/{id}")).Body;
        Assert.Contains("state-settled", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/story/{id}/feed.xml\"", page, StringComparison.Ordinal);

        var (status, feed, response) = await site.GetAsync($"/story/{id}/feed.xml");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType!.MediaType);
        var rss = System.Xml.Linq.XDocument.Parse(feed);
        var titles = rss.Descendants("item").Select(i => (string)i.Element("title")!).ToList();
        Assert.Equal("Significance 5.0 (was 5.0)", titles[0]);
        Assert.Contains("Significance 5.0 (was 4.0)", titles);
        Assert.Contains("Significance 4.0 (first score)", titles);
        Assert.Contains(titles, t => t.StartsWith("Reuters: Talks on the border resume", StringComparison.Ordinal));
        Assert.Contains("This story is settled.", (string)rss.Descendants("channel").Single().Element("description")!, StringComparison.Ordinal);

        // Three days after its last article the story is closed.
        clock.Now += TimeSpan.FromHours(60);
        Assert.Contains("state-closed", (await site.GetAsync($"/story/{id}")).Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync("/story/99999/feed.xml")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync("/story/..%2f..%2fetc/feed.xml")).Status);
    }

    [Fact]
    public async Task A_score_given_with_one_article_from_one_outlet_is_told_in_the_singular_on_the_page_and_in_both_feeds()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow.AddHours(-3));
        await using var site = await SiteFixture.CreateAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var store = site.Site.Services.GetRequiredService<StoryStore>();
        var single = await site.AddStoryAsync("Dam <i>spillway</i> opened after heavy rain", 6.0, at: clock.Now, outlets: ["Reuters"], articles: 1);
        await site.ExecuteAsync("UPDATE stories SET version = 2 WHERE id = @id", ("id", single));
        Assert.True(await store.SaveScoreAsync(new PendingStory(single, 2, "t", null, null, Coverage.Single(2), 0),
            new ScoredStory(6.0, Factors.FromArray([6, 6, 6, 6, 6, 5, 5]), "r"), clock.GetUtcNow(), CancellationToken.None));
        // A large count keeps its plural and its thousands separator.
        var wide = await site.AddStoryAsync("Grid failure across three states", 7.0, at: clock.Now, outlets: ["Reuters", "AP"], articles: 3);
        await site.ExecuteAsync("UPDATE stories SET version = 2, article_count = 1204 WHERE id = @id", ("id", wide));
        Assert.True(await store.SaveScoreAsync(new PendingStory(wide, 2, "t", null, null, Coverage.Single(2), 0),
            new ScoredStory(7.0, Factors.FromArray([7, 7, 7, 7, 7, 5, 5]), "r"), clock.GetUtcNow(), CancellationToken.None));
        clock.Now += TimeSpan.FromHours(1);

        var page = (await site.GetAsync($"/story/{single}")).Body;
        var svg = SvgPattern().Match(page).Value;
        Assert.Contains("UTC, 1 article from 1 outlet</title>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("1 articles", page, StringComparison.Ordinal);
        Assert.DoesNotContain("1 outlets", page, StringComparison.Ordinal);
        Assert.Contains("UTC, 1,204 articles from 2 outlets</title>", SvgPattern().Match((await site.GetAsync($"/story/{wide}")).Body).Value, StringComparison.Ordinal);

        var storyFeed = (await site.GetAsync($"/story/{single}/feed.xml")).Body;
        Assert.Contains("Scored 6.0 with 1 article from 1 outlet.", storyFeed, StringComparison.Ordinal);
        var siteFeed = (await site.GetAsync("/feed.xml")).Body;
        Assert.Contains("Significance 6.0 · 1 article from Reuters", siteFeed, StringComparison.Ordinal);
        Assert.Contains("Significance 7.0 · 1,204 articles from Reuters, AP", siteFeed, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>spillway</i>", siteFeed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_calibration_page_says_plainly_when_no_story_is_old_enough()
    {
        await using var site = await SiteFixture.CreateAsync();
        var (status, page, _) = await site.GetAsync("/calibration");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("No story is old enough yet", page, StringComparison.Ordinal);
    }

    [GeneratedRegex("<figure class=\"history\">.*?</figure>", RegexOptions.Singleline)]
    private static partial Regex SvgPattern();
}
