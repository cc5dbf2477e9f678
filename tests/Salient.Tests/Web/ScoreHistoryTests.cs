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
