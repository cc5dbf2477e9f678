using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Salient.Feeds;
using Salient.Tests.Support;

namespace Salient.Tests.Web;

public sealed class FeedEndpointsTests
{
    [Theory]
    [InlineData("/feed.xml", "rss2.0", "application/rss+xml")]
    [InlineData("/feed.atom", "atom1.0", "application/atom+xml")]
    [InlineData("/feed.json", "jsonfeed1", "application/feed+json")]
    public async Task Each_feed_is_read_back_by_our_own_parser_with_only_the_significant_stories(string path, string format, string type)
    {
        await using var site = await SiteFixture.CreateAsync();
        var big = await site.AddStoryAsync("Ceasefire agreed & signed, 3 < 4 > 2", 7.2, summary: "Both sides signed. Fighting stopped.");
        await site.AddStoryAsync("Cat show results", 1.5);
        var (status, body, response) = await site.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        var feed = new FeedParser().Parse(Encoding.UTF8.GetBytes(body), response.Content.Headers.ContentType.ToString(), new Uri(site.BaseUri, path));
        Assert.Equal(format, feed.Format);
        var item = Assert.Single(feed.Items);
        Assert.Equal("[7.2] Ceasefire agreed & signed, 3 < 4 > 2", item.Title);
        Assert.Equal(new Uri(site.BaseUri, $"story/{big}").ToString(), item.Link);
        Assert.NotNull(item.Published);
        Assert.Empty(feed.Recovered);
    }

    [Fact]
    public async Task A_feed_without_stories_is_dated_by_the_sites_clock_not_the_machines()
    {
        var clock = new ManualClock();
        await using var site = await SiteFixture.CreateAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var (status, body, _) = await site.GetAsync("/feed.xml");
        Assert.Equal(HttpStatusCode.OK, status);
        var built = XDocument.Parse(body).Descendants("lastBuildDate").Single().Value;
        Assert.Equal(clock.GetUtcNow().ToString("r", System.Globalization.CultureInfo.InvariantCulture), built);
    }

    [Theory]
    [InlineData("/feed.xml")]
    [InlineData("/feed.atom")]
    [InlineData("/feed.json")]
    public async Task A_reader_that_has_the_current_feed_gets_304_and_a_new_story_changes_the_validator(string path)
    {
        // The site's clock moves only when told: the validator must not change because time passes.
        var clock = new ManualClock(SiteFixture.Now);
        await using var site = await SiteFixture.CreateAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        using var empty = await site.Client.GetAsync(path);
        Assert.Null(empty.Headers.ETag);
        await site.AddStoryAsync("Ceasefire agreed after talks", 7.2, at: clock.GetUtcNow().AddHours(-2));
        using var first = await site.Client.GetAsync(path);
        clock.Advance(TimeSpan.FromSeconds(61));
        using var second = await site.Client.GetAsync(path);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(etag.IsWeak);
        Assert.Equal(etag, second.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.NotNull(first.Content.Headers.LastModified);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.TryAddWithoutValidation("If-None-Match", $"\"other\", {etag}");
        using var notModified = await site.Client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);
        using var headRequest = new HttpRequestMessage(HttpMethod.Head, path);
        headRequest.Headers.TryAddWithoutValidation("If-None-Match", etag.ToString());
        using var headNotModified = await site.Client.SendAsync(headRequest);
        Assert.Equal(HttpStatusCode.NotModified, headNotModified.StatusCode);

        await site.AddStoryAsync("Parliament passes the climate law", 6.4, at: clock.GetUtcNow());
        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.TryAddWithoutValidation("If-None-Match", etag.ToString());
        using var changed = await site.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Contains("Parliament passes the climate law", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Min_score_and_topic_choose_the_stories_of_a_feed()
    {
        await using var site = await SiteFixture.CreateAsync();
        await site.AddStoryAsync("Climate summit opens", 6.0);
        await site.AddStoryAsync("Election results announced", 6.5);
        await site.AddStoryAsync("Climate protest in the capital", 4.0);
        var titles = await TitlesAsync(site, "/feed.json?topic=climate");
        Assert.Equal(["[6.0] Climate summit opens"], titles);
        titles = await TitlesAsync(site, "/feed.json?topic=climate&min_score=3");
        Assert.Equal(2, titles.Count);
        titles = await TitlesAsync(site, "/feed.json?min_score=6.2");
        Assert.Equal(["[6.5] Election results announced"], titles);
    }

    [Fact]
    public async Task Rss_is_well_formed_rss_2_0_with_a_self_link_and_permalink_guids()
    {
        await using var site = await SiteFixture.CreateAsync();
        await site.AddStoryAsync("Story with \u0001 a control character", 6.0);
        var (_, body, _) = await site.GetAsync("/feed.xml");
        var doc = XDocument.Parse(body);
        Assert.Equal("2.0", doc.Root!.Attribute("version")!.Value);
        var channel = doc.Root.Element("channel")!;
        Assert.NotNull(channel.Element("title"));
        Assert.NotNull(channel.Element("link"));
        Assert.NotNull(channel.Element("description"));
        Assert.Equal("self", channel.Element(XName.Get("link", "http://www.w3.org/2005/Atom"))!.Attribute("rel")!.Value);
        var guid = channel.Element("item")!.Element("guid")!;
        Assert.Equal("true", guid.Attribute("isPermaLink")!.Value);
        Assert.StartsWith("http://127.0.0.1:", guid.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/feed.xml")]
    [InlineData("/feed.atom")]
    public async Task An_empty_feed_is_built_at_the_time_of_the_sites_clock(string path)
    {
        var clock = new ManualClock();
        await using var site = await SiteFixture.CreateAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        await site.AddStoryAsync("Cat show results", 1.5, at: clock.GetUtcNow().AddHours(-1));
        foreach (var step in new[] { TimeSpan.Zero, TimeSpan.FromHours(5) })
        {
            clock.Advance(step);
            var (status, body, response) = await site.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, status);
            var feed = new FeedParser().Parse(Encoding.UTF8.GetBytes(body), response.Content.Headers.ContentType!.ToString(), new Uri(site.BaseUri, path));
            Assert.Empty(feed.Items);
            Assert.Equal(clock.GetUtcNow(), feed.Updated);
            Assert.Null(response.Headers.ETag);
        }
    }

    [Fact]
    public async Task Json_feed_declares_version_1_1()
    {
        await using var site = await SiteFixture.CreateAsync();
        var (_, body, _) = await site.GetAsync("/feed.json");
        using var doc = JsonDocument.Parse(body);
        Assert.Equal("https://jsonfeed.org/version/1.1", doc.RootElement.GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.Array, doc.RootElement.GetProperty("items").ValueKind);
    }

    private static async Task<List<string>> TitlesAsync(SiteFixture site, string path)
    {
        var json = await site.JsonAsync(path);
        return json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
    }
}
