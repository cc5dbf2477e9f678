using System.Net;
using System.Text.RegularExpressions;
using Salient.Tests.Support;

namespace Salient.Tests.Web;

public sealed partial class SearchPagingTests
{
    /// <summary>The first day of the fixture's stories: fixed, so no test depends on when it runs.</summary>
    private static readonly DateTimeOffset First = new(2026, 2, 2, 6, 0, 0, TimeSpan.Zero);

    private const int StoryCount = 130;

    /// <summary>
    /// 130 stories about a harbour from one outlet over 11 days, each with one article: scores in three values and
    /// every two stories at the same time, so both orders have ties only the id can break.
    /// </summary>
    private static async Task<List<(long Id, double Score, DateTimeOffset At)>> HarbourStoriesAsync(SiteFixture site)
    {
        var stories = new List<(long, double, DateTimeOffset)>();
        for (var i = 0; i < StoryCount; i++)
        {
            var score = 5.0 + i % 3;
            var at = First.AddHours(i / 2 * 4);
            stories.Add((await site.AddStoryAsync($"Harbour report {i:000}", score, at: at, outlets: ["Wire"], articles: 1), score, at));
        }
        return stories;
    }

    private static List<long> StoryIds(string html)
    {
        var section = html[html.IndexOf("<section aria-labelledby=\"stories-h\">", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        return [.. DataId().Matches(section).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];
    }

    private static List<string> ArticleTitles(string html)
    {
        var section = html[html.IndexOf("<section aria-labelledby=\"articles-h\">", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        return [.. ArticleTitle().Matches(section).Select(m => m.Groups[1].Value)];
    }

    private static string? NextLink(string html) =>
        NextHref().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    /// <summary>Follows "Next page" from <paramref name="start"/> to the end, returning each page's stories and articles.</summary>
    private static async Task<List<(List<long> Stories, List<string> Articles, string Html)>> WalkAsync(SiteFixture site, string start)
    {
        var pages = new List<(List<long>, List<string>, string)>();
        for (var path = start; path is not null;)
        {
            var (status, html, _) = await site.GetAsync(path);
            Assert.True(status == HttpStatusCode.OK, $"{path} answered {(int)status}");
            pages.Add((StoryIds(html), ArticleTitles(html), html));
            Assert.True(pages.Count <= 5, "the pages end");
            path = NextLink(html);
        }
        return pages;
    }

    [Fact]
    public async Task Search_pages_through_every_story_and_article_once_in_both_orders_keeping_every_parameter()
    {
        await using var site = await SiteFixture.CreateAsync();
        await PagesThroughEveryResultOnceAsync(site);
    }

    [PostgresFact]
    public async Task Search_pages_through_every_story_and_article_once_in_both_orders_on_postgresql()
    {
        await using var site = await SiteFixture.CreateAsync(engine: "postgres");
        await PagesThroughEveryResultOnceAsync(site);
    }

    private static async Task PagesThroughEveryResultOnceAsync(SiteFixture site)
    {
        var stories = await HarbourStoriesAsync(site);
        var bySignificance = stories.OrderByDescending(s => s.Score).ThenByDescending(s => s.Id).Select(s => s.Id).ToList();
        var newest = stories.OrderByDescending(s => s.At).ThenByDescending(s => s.Id).Select(s => s.Id).ToList();
        foreach (var (sort, expected) in new[] { ("score", bySignificance), ("date", newest) })
        {
            // Every parameter a search takes, with values that keep every story: the links must carry them all.
            var start = $"/search?q=harbour&outlet=Wire&from=2026-02-01&to=2026-02-28&lang=&sort={sort}";
            var pages = await WalkAsync(site, start);

            Assert.Equal([50, 50, 30], pages.Select(p => p.Stories.Count));
            Assert.Equal(expected, pages.SelectMany(p => p.Stories));
            var titles = pages.SelectMany(p => p.Articles).ToList();
            Assert.Equal(StoryCount, titles.Count);
            Assert.Equal(StoryCount, titles.Distinct(StringComparer.Ordinal).Count());
            Assert.Contains("Stories (130)", pages[0].Html, StringComparison.Ordinal);
            Assert.Contains("Articles (130)", pages[0].Html, StringComparison.Ordinal);
            Assert.Contains("51–100 of 130", pages[1].Html, StringComparison.Ordinal);
            var next = NextLink(pages[0].Html)!;
            foreach (var kept in new[] { "q=harbour", "outlet=Wire", "from=2026-02-01", "to=2026-02-28", "lang=", $"sort={sort}", "page=2" })
            {
                Assert.Contains(kept, next, StringComparison.Ordinal);
            }
            Assert.DoesNotContain("rel=\"prev\"", pages[0].Html, StringComparison.Ordinal);
            Assert.Contains($"rel=\"prev\" href=\"/search?q=harbour&amp;outlet=Wire&amp;from=2026-02-01&amp;to=2026-02-28&amp;lang=&amp;sort={sort}&amp;page=2\"", pages[2].Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_page_past_the_last_result_says_the_results_end_earlier_and_links_back()
    {
        await using var site = await SiteFixture.CreateAsync();
        await site.AddStoryAsync("Harbour reopens", 6.0, at: First, outlets: ["Wire"]);
        var (status, html, _) = await site.GetAsync("/search?q=harbour&page=7");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("No story on this page; the stories end on an earlier page.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/search?q=harbour&amp;page=6\"", html, StringComparison.Ordinal);
        Assert.Null(NextLink(html));
    }

    [Theory]
    [InlineData("page=0", "page &#39;0&#39;")]
    [InlineData("page=-1", "page &#39;-1&#39;")]
    [InlineData("page=1e9", "page &#39;1e9&#39;")]
    [InlineData("page=abc", "page &#39;abc&#39;")]
    [InlineData("page=2.5", "page &#39;2.5&#39;")]
    [InlineData("page=201", "page &#39;201&#39;")]
    [InlineData("page=99999999999999999999", "page &#39;99999999999999999999&#39;")]
    [InlineData("page=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "page &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39;")]
    [InlineData("sort=drop%20table", "sort &#39;drop table&#39;")]
    [InlineData("sort=%3Cb%3Enewest%3C%2Fb%3E", "sort &#39;&lt;b&gt;newest&lt;/b&gt;&#39;")]
    public async Task A_page_or_order_that_is_none_is_refused_by_name_with_what_to_give(string parameter, string named)
    {
        await using var site = await SiteFixture.CreateAsync();
        var story = await site.AddStoryAsync("Harbour reopens", 6.0, at: First, outlets: ["Wire"]);
        var (status, html, _) = await site.GetAsync($"/search?q=harbour&{parameter}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"The {named} is not", html, StringComparison.Ordinal);
        Assert.Contains(parameter.StartsWith("page", StringComparison.Ordinal) ? "give a whole number from 1 to 200" : "give sort=score (most significant first) or sort=date (newest first)",
            html, StringComparison.Ordinal);
        Assert.Contains("href=\"/search?q=harbour", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>newest", html, StringComparison.Ordinal);
        // Nothing stored is touched: the story is still found.
        var (_, again, _) = await site.GetAsync("/search?q=harbour");
        Assert.Contains($"data-id=\"{story}\"", again, StringComparison.Ordinal);
    }

    [GeneratedRegex("data-id=\"(\\d+)\"")]
    private static partial Regex DataId();

    [GeneratedRegex("<li><a href=\"/story/\\d+\">([^<]+)</a>")]
    private static partial Regex ArticleTitle();

    [GeneratedRegex("<a rel=\"next\" href=\"([^\"]+)\"")]
    private static partial Regex NextHref();
}
