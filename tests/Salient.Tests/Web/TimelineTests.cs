using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Salient.Tests.Support;

namespace Salient.Tests.Web;

public sealed class TimelineTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly DateTimeOffset Start = ManualClock.DefaultStart;

    /// <summary>A story of five reports over two days from four outlets; the clock stands three days after its start.</summary>
    private static async Task<(SiteFixture Site, long Story, long[] Articles)> StoryThatDevelopedAsync()
    {
        var clock = new ManualClock(Start.AddDays(3));
        var site = await SiteFixture.CreateAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var story = await site.AddStoryAsync("Cyclone strikes Bangladesh", 6.8, at: Start, outlets: ["Reuters"], articles: 1);
        var reuters = await site.AddSourceAsync("Reuters Wire");
        var ap = await site.AddSourceAsync("AP");
        var bbc = await site.AddSourceAsync("BBC <b>News</b>");
        var articles = new[]
        {
            await site.AddArticleAsync(ap, "Cyclone hits the coast of Bangladesh", Start.AddMinutes(40), story),
            await site.AddArticleAsync(bbc, "Death toll from the cyclone rises to 40 dead", Start.AddHours(9), story),
            await site.AddArticleAsync(reuters, "Cyclone toll climbs to 40 dead as rescuers reach villages", Start.AddHours(11), story),
            await site.AddArticleAsync(ap, "World Bank pledges $200 million to rebuild after the cyclone", Start.AddHours(30), story),
        };
        await site.ExecuteAsync("UPDATE stories SET article_count = 5, outlet_count = 4 WHERE id = @id", ("id", story));
        return (site, story, articles);
    }

    [Fact]
    public async Task The_story_page_and_the_api_show_each_development_with_its_first_report_in_time_order()
    {
        var (site, story, articles) = await StoryThatDevelopedAsync();
        await using var _ = site;

        var (status, page, _) = await site.GetAsync($"/story/{story}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("How it developed", page, StringComparison.Ordinal);
        Assert.Equal(3, page.Split("class=\"development\"").Length - 1);
        Assert.Contains("New: 40 dead", page, StringComparison.Ordinal);
        Assert.Contains("New: World Bank, $200 million", page, StringComparison.Ordinal);
        Assert.Contains("9 h after the first report", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"meta\">BBC News</span>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>News</b>", page, StringComparison.Ordinal);

        var api = await site.JsonAsync($"/api/stories/{story}");
        var timeline = api.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(3, timeline.Count);
        Assert.Equal(articles[1], timeline[1].GetProperty("first_report").GetInt64());
        Assert.Equal([articles[1], articles[2]], timeline[1].GetProperty("articles").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(articles[3], timeline[2].GetProperty("first_report").GetInt64());
        Assert.Equal(["40 dead"], timeline[1].GetProperty("new").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_story_of_one_news_cycle_shows_no_timeline()
    {
        var clock = new ManualClock(Start.AddDays(1));
        await using var site = await SiteFixture.CreateAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var story = await site.AddStoryAsync("Port strike enters second week", 5.0, at: Start, outlets: ["Reuters", "AP", "BBC News"], articles: 3);

        var (_, page, _) = await site.GetAsync($"/story/{story}");
        Assert.DoesNotContain("How it developed", page, StringComparison.Ordinal);
        Assert.Single((await site.JsonAsync($"/api/stories/{story}")).GetProperty("timeline").EnumerateArray());
    }

    [BrowserFact]
    public async Task A_reader_sees_the_timeline_in_order_with_each_first_report_marked_on_a_phone()
    {
        var (site, story, _) = await StoryThatDevelopedAsync();
        await using var _ = site;
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.BaseUri, $"story/{story}").ToString());

        var developments = page.Locator("ol.timeline li.development");
        Assert.Equal(3, await developments.CountAsync());
        Assert.Equal(3, await page.Locator("ol.timeline .first-report").CountAsync());
        Assert.True(await page.Locator("ol.timeline .first-report").First.IsVisibleAsync());
        var texts = await developments.AllInnerTextsAsync();
        Assert.Contains("Cyclone strikes Bangladesh", texts[0], StringComparison.Ordinal);
        Assert.Contains("Death toll from the cyclone rises to 40 dead", texts[1], StringComparison.Ordinal);
        Assert.Contains("then 1 more report from Reuters Wire", texts[1], StringComparison.Ordinal);
        Assert.Contains("World Bank pledges", texts[2], StringComparison.Ordinal);
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the timeline fits a phone's width");
        await BrowserFixture.ScreenshotAsync(page, "story-timeline-phone");
    }
}
