using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Salient.Bench;
using Salient.Feeds;
using Salient.Storage;
using Salient.Tests.Support;
using Salient.Web;

namespace Salient.Tests.Web;

/// <summary>The site in a real browser (Debian's chromium): reading, the threshold, search, feeds, keyboard, landmarks and hostile feeds.</summary>
public sealed class BrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly object Factors = new { scale = 7.5, impact = 6.8, novelty = 5.2, potential = 6.9, legacy = 5.5, positivity = 3.1, credibility = 8.6 };

    private static async Task<SiteFixture> SiteWithNewsAsync(Action<SiteOptions>? configure = null, TimeProvider? clock = null)
    {
        var site = await SiteFixture.CreateAsync(configure, clock is null ? null : s => s.AddSingleton(clock));
        await site.AddStoryAsync("Ceasefire agreed between the two governments after months of talks", 7.4,
            summary: "The two governments signed a ceasefire on Tuesday. Monitors will be deployed along the border within a week.",
            outlets: ["Reuters", "Al Jazeera", "BBC News", "Le Monde"], articles: 6, factors: Factors, reason: "Affects millions directly and could end a two-year war.",
            summarySources: ids => new object[]
            {
                new { text = "The two governments signed a ceasefire on Tuesday.", article_ids = new[] { ids[0], ids[1] } },
                new { text = "Monitors will be deployed along the border within a week.", article_ids = new[] { ids[2] } },
            });
        await site.AddStoryAsync("Central bank raises interest rates by half a point", 6.1, outlets: ["Financial Times", "Nikkei"], factors: Factors,
            summary: "The bank raised its main rate to 4.5%, citing persistent inflation.");
        await site.AddStoryAsync("Researchers report a new antibiotic class effective against resistant bacteria", 5.8, outlets: ["Nature", "The Guardian"], factors: Factors,
            summary: "The compound cleared infections in mice; human trials are planned.");
        await site.AddStoryAsync("Regional election turnout hits a record", 4.6, outlets: ["Deutsche Welle"]);
        await site.AddStoryAsync("Celebrity couple announces engagement", 1.2, outlets: ["Tabloid"]);
        await site.AddStoryAsync("Earlier talks on the ceasefire stall", 5.6, at: DateTimeOffset.UtcNow.AddDays(-3), outlets: ["Reuters"]);
        return site;
    }

    [BrowserFact]
    public async Task The_front_page_reads_as_a_list_of_scored_stories_on_a_phone()
    {
        await using var site = await SiteWithNewsAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.BaseUri.ToString());
        var titles = await page.Locator("ol.stories li.story h2").AllInnerTextsAsync();
        Assert.Equal(3, titles.Count);
        Assert.Contains("7.4", titles[0], StringComparison.Ordinal);
        Assert.Contains("Ceasefire agreed", titles[0], StringComparison.Ordinal);
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the page fits a phone's width");
        await BrowserFixture.ScreenshotAsync(page, "front-page-phone");
        var desktop = await browser.NewPageAsync(phone: false);
        await desktop.GotoAsync(site.BaseUri.ToString());
        await BrowserFixture.ScreenshotAsync(desktop, "front-page-desktop");
    }

    [BrowserFact]
    public async Task Changing_the_threshold_reloads_the_list_and_is_remembered()
    {
        await using var site = await SiteWithNewsAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.BaseUri.ToString());
        // The change starts a navigation; the page is read once the browser is at the new address and its document loaded.
        await page.GetByLabel("Lowest significance").SelectOptionAsync("4.5");
        await BrowserFixture.WaitForPageAsync(page, url => url.Contains("min_score=4.5", StringComparison.Ordinal));
        Assert.Equal(4, await page.Locator("li.story").CountAsync());
        await page.GotoAsync(site.BaseUri.ToString());
        Assert.Equal(4, await page.Locator("li.story").CountAsync());
        Assert.Equal("4.5", await page.GetByLabel("Lowest significance").InputValueAsync());
        await BrowserFixture.ScreenshotAsync(page, "front-page-threshold-4.5");

        var noScript = await browser.NewPageAsync(javaScript: false);
        await noScript.GotoAsync(site.BaseUri.ToString());
        await noScript.GetByLabel("Lowest significance").SelectOptionAsync("1.0");
        await noScript.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(noScript, url => url.Contains("min_score=1.0", StringComparison.Ordinal));
        Assert.Equal(5, await noScript.Locator("li.story").CountAsync());
    }

    [BrowserFact]
    public async Task Stories_that_arrive_while_the_front_page_is_open_appear_in_their_place_without_a_reload()
    {
        // No front page cache: the reload at the end must be rendered afresh by the server.
        // The site's clock moves only when told, so stories stored "after the page was rendered" are, whatever the machine's speed.
        var clock = new ManualClock(SiteFixture.Now);
        await using var site = await SiteWithNewsAsync(o => o.FrontPageCacheSeconds = 0, clock);
        var page = await browser.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, d) =>
        {
            dialogs++;
            _ = d.DismissAsync();
        };
        // The page's own timers run on a clock the test moves; fetches and rendering stay real.
        await page.Clock.InstallAsync();
        await page.GotoAsync(site.BaseUri.ToString());
        var navigations = 0;
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                navigations++;
            }
        };
        Assert.Equal(3, await page.Locator("li.story").CountAsync());

        // Stored after the page was rendered, so only the live update can show them.
        clock.Advance(TimeSpan.FromSeconds(1));
        var arrived = clock.GetUtcNow();
        var vote = await site.AddStoryAsync("Parliament passes the national climate law", 6.5, at: arrived, outlets: ["AP", "Le Monde"],
            summary: "The law sets binding targets for 2035.");
        var hostile = await site.AddStoryAsync("<img src=x onerror=alert(1)>Flood barrier fails downstream", 6.0, at: arrived, outlets: ["Tagesschau"]);
        var minor = await site.AddStoryAsync("Local bakery wins a regional prize", 2.0, at: arrived, outlets: ["Gazette"]);
        Assert.Equal(0, await page.Locator($"li.story[data-id=\"{vote}\"]").CountAsync());

        await page.Clock.RunForAsync(61_000);
        await page.Locator($"li.story[data-id=\"{hostile}\"]").WaitForAsync();
        await page.Locator($"li.story[data-id=\"{vote}\"]").WaitForAsync();
        var titles = await page.Locator("ol.stories li.story h2").AllInnerTextsAsync();
        Assert.Equal(5, titles.Count);
        Assert.Collection(titles,
            t => Assert.Contains("Ceasefire agreed", t, StringComparison.Ordinal),
            t => Assert.True(t.Contains("6.5", StringComparison.Ordinal) && t.Contains("Parliament passes", StringComparison.Ordinal), t),
            t => Assert.Contains("Central bank", t, StringComparison.Ordinal),
            t => Assert.EndsWith("6.0Flood barrier fails downstream", t, StringComparison.Ordinal),
            t => Assert.Contains("antibiotic", t, StringComparison.Ordinal));
        Assert.Equal(0, await page.Locator($"li.story[data-id=\"{minor}\"]").CountAsync());
        Assert.Equal(0, await page.Locator("ol.stories img").CountAsync());
        Assert.Equal("2 new stories", (await page.Locator("#live-status").TextContentAsync())?.Trim());
        Assert.Contains("The law sets binding targets", await page.Locator($"li.story[data-id=\"{vote}\"]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal($"/story/{vote}", await page.Locator($"li.story[data-id=\"{vote}\"] h2 a").GetAttributeAsync("href"));
        // A card added live reads like one the server renders: the reload below shows the same text.
        var live = await page.Locator($"li.story[data-id=\"{vote}\"]").InnerTextAsync();
        var hostileLive = await page.Locator($"li.story[data-id=\"{hostile}\"] h2").InnerTextAsync();
        await BrowserFixture.ScreenshotAsync(page, "front-page-live-update");

        // The next poll asks only for what is newer: one more story, and none of the earlier ones twice.
        clock.Advance(TimeSpan.FromSeconds(1));
        var later = await site.AddStoryAsync("Ceasefire monitors reach the border", 7.0, at: clock.GetUtcNow(), outlets: ["Reuters"]);
        await page.Clock.RunForAsync(61_000);
        await page.Locator($"li.story[data-id=\"{later}\"]").WaitForAsync();
        Assert.Equal(6, await page.Locator("ol.stories li.story").CountAsync());
        Assert.Equal(1, await page.Locator($"li.story[data-id=\"{vote}\"]").CountAsync());
        Assert.Equal("1 new story", (await page.Locator("#live-status").TextContentAsync())?.Trim());
        Assert.Equal(0, navigations);
        Assert.Equal(0, dialogs);

        // Without JavaScript, so what it shows is the server's own rendering.
        var reloaded = await browser.NewPageAsync(javaScript: false);
        await reloaded.GotoAsync(site.BaseUri.ToString());
        Assert.Equal(live, await reloaded.Locator($"li.story[data-id=\"{vote}\"]").InnerTextAsync());
        Assert.Equal(hostileLive, await reloaded.Locator($"li.story[data-id=\"{hostile}\"] h2").InnerTextAsync());
    }

    [BrowserFact]
    public async Task The_story_page_explains_the_score_with_factor_bars_and_links_every_source()
    {
        await using var site = await SiteWithNewsAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.BaseUri.ToString());
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("Ceasefire agreed") }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, url => url.Contains("/story/", StringComparison.Ordinal));
        var rank = await page.Locator("p.rank").InnerTextAsync();
        Assert.Matches(@"^With a significance score of 7\.4, this news ranks in the top \d+% of (today's|that day's) \d+ analyzed articles", rank);
        var widths = await page.EvaluateAsync<double[]>("[...document.querySelectorAll('.factors .bar > span')].map(e => e.getBoundingClientRect().width / e.parentElement.getBoundingClientRect().width)");
        Assert.Equal(7, widths.Length);
        Assert.InRange(widths[6], 0.85, 0.87);
        Assert.Equal(6, await page.Locator("ol.articles li").CountAsync());
        Assert.Equal(3, await page.Locator("p.summary a.src").CountAsync());
        Assert.Contains("More on this topic", await page.ContentAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "story-page-phone");
        var desktop = await browser.NewPageAsync(phone: false);
        await desktop.GotoAsync(page.Url);
        await BrowserFixture.ScreenshotAsync(desktop, "story-page-desktop");
    }

    [BrowserFact]
    public async Task A_reader_tells_the_site_a_story_should_rank_lower_with_one_click_and_no_script()
    {
        await using var site = await SiteWithNewsAsync(o => o.Feedback = true);
        var page = await browser.NewPageAsync(javaScript: false);
        await page.GotoAsync(new Uri(site.BaseUri, "search?q=engagement&min_score=0").ToString());
        await page.Locator("ol.stories li.story h2 a").First.ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, url => url.Contains("/story/", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Should rank lower" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, url => url.Contains("feedback=thanks", StringComparison.Ordinal));
        Assert.Contains("your verdict is recorded", await page.Locator("#feedback [role=status]").InnerTextAsync(), StringComparison.Ordinal);
        var stored = Assert.Single(await ((FeedbackStore)site.Site.Services.GetService(typeof(FeedbackStore))!).AllAsync(CancellationToken.None));
        Assert.Equal(("lower", "Celebrity couple announces engagement"), (stored.Verdict, stored.Title));
        await BrowserFixture.ScreenshotAsync(page, "story-feedback");
    }

    [BrowserFact]
    public async Task Search_finds_a_word_from_the_news()
    {
        await using var site = await SiteWithNewsAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.BaseUri, "search").ToString());
        await page.GetByRole(AriaRole.Searchbox).FillAsync("antibiotic");
        await page.GetByRole(AriaRole.Searchbox).PressAsync("Enter");
        await BrowserFixture.WaitForPageAsync(page, url => url.Contains("q=antibiotic", StringComparison.Ordinal));
        var stories = await page.Locator("ol.stories li.story h2").AllInnerTextsAsync();
        Assert.Contains(stories, t => t.Contains("new antibiotic class", StringComparison.Ordinal));
        await BrowserFixture.ScreenshotAsync(page, "search-antibiotic");
    }

    [BrowserFact]
    public async Task The_rss_feed_opens_in_the_browser_with_its_items()
    {
        await using var site = await SiteWithNewsAsync();
        var page = await browser.NewPageAsync(phone: false);
        var response = await page.GotoAsync(new Uri(site.BaseUri, "feed.xml").ToString());
        Assert.Equal("application/rss+xml; charset=utf-8", response!.Headers["content-type"]);
        var body = await response.TextAsync();
        var feed = new FeedParser().Parse(Encoding.UTF8.GetBytes(body), "application/rss+xml", new Uri(site.BaseUri, "feed.xml"));
        Assert.Equal(4, feed.Items.Count); // every significant story, not only today's
    }

    [BrowserFact]
    public async Task The_keyboard_reaches_the_skip_link_first_then_the_navigation_and_shows_focus()
    {
        await using var site = await SiteWithNewsAsync();
        var page = await browser.NewPageAsync(phone: false);
        await page.GotoAsync(site.BaseUri.ToString());
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        var outline = await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle");
        Assert.Equal("solid", outline);
        await BrowserFixture.ScreenshotAsync(page, "keyboard-skip-link");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("min_score", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("A", await page.EvaluateAsync<string>("document.activeElement.tagName"));
        Assert.StartsWith("/story/", await page.EvaluateAsync<string>("document.activeElement.getAttribute('href')"), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task Every_page_has_landmarks_one_heading_and_labelled_controls()
    {
        await using var site = await SiteWithNewsAsync();
        var page = await browser.NewPageAsync();
        foreach (var path in new[] { "", "search?q=ceasefire", "story/1", "feeds", "api", "subscribe" })
        {
            await page.GotoAsync(new Uri(site.BaseUri, path).ToString());
            Assert.Equal(1, await page.GetByRole(AriaRole.Banner).CountAsync());
            Assert.Equal(1, await page.GetByRole(AriaRole.Main).CountAsync());
            Assert.Equal(1, await page.GetByRole(AriaRole.Contentinfo).CountAsync());
            Assert.True(await page.GetByRole(AriaRole.Navigation).CountAsync() >= 1, $"/{path} has navigation");
            Assert.Equal(1, await page.Locator("h1").CountAsync());
            var unlabelled = await page.EvaluateAsync<string[]>("""
                [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
                  .map(e => e.name)
                """);
            Assert.True(unlabelled.Length == 0, $"/{path} has unlabelled controls: {string.Join(", ", unlabelled)}");
        }
    }

    /// <summary>Markup an attacker can put in a feed: scripts, handlers, javascript: links, frames, overlays, and the same hidden behind entities.</summary>
    private const string HostileFeed = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Hostile</title><link>http://127.0.0.1/</link><description>x</description>
        <item><title>&lt;script&gt;window.__pwned='title-script';alert('title')&lt;/script&gt;Hostile headline one</title>
          <link>javascript:window.__pwned='link';alert('link')</link>
          <description><![CDATA[<p>Body</p><script>window.__pwned='body-script';alert(1)</script><img src="x" onerror="window.__pwned='onerror';alert(2)">
          <iframe src="http://127.0.0.1:1/frame"></iframe><a href="javascript:window.__pwned='href'">click me</a>
          <div style="position:fixed;top:0;left:0;width:100vw;height:100vh;background:red;z-index:99999">OVERLAY</div>
          <svg onload="window.__pwned='svg'"></svg><style>body{display:none}</style>]]></description></item>
        <item><title>&amp;lt;img src=x onerror=alert('double')&amp;gt;Hostile headline two</title><link>http://127.0.0.1/two</link>
          <description>&lt;iframe srcdoc="&lt;script&gt;parent.__pwned='srcdoc'&lt;/script&gt;"&gt;&lt;/iframe&gt;Plain words</description></item>
        <item><title>Hostile headline three" onmouseover="window.__pwned='attr'" x="</title><link>http://127.0.0.1/three?a=1&amp;b="onfocus=alert(1)</link>
          <description>&lt;a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"&gt;data link&lt;/a&gt;</description></item>
        </channel></rss>
        """;

    [BrowserFact]
    public async Task Hostile_markup_from_a_real_feed_neither_runs_nor_shows_on_any_page()
    {
        await using var site = await SiteFixture.CreateAsync();
        await using var origin = await LoopbackSite.StartAsync();
        origin.MapContent("/hostile.xml", HostileFeed, "application/rss+xml; charset=utf-8");
        using var http = new HttpClient();
        var bytes = await http.GetByteArrayAsync(origin.Url("/hostile.xml"));
        var feed = new FeedParser().Parse(bytes, "application/rss+xml", new Uri(origin.Url("/hostile.xml")));
        Assert.Equal(3, feed.Items.Count);
        var source = await site.AddSourceAsync("Hostile <b onmouseover=alert(1)>Outlet</b>");
        var ids = new List<long>();
        foreach (var item in feed.Items)
        {
            // Stored both as the parser gives it and raw, as if a later stage had copied the feed's text unsanitised.
            var story = await site.AddStoryAsync(item.Title ?? "untitled", 7.0, summary: (item.Content ?? item.Summary) + " " + item.Title, outlets: ["Hostile <b onmouseover=alert(1)>Outlet</b>"], articles: 1);
            await site.AddArticleAsync(source, item.Title ?? "", DateTimeOffset.UtcNow, story, url: item.Link, excerpt: item.Summary);
            ids.Add(story);
        }
        var raw = await site.AddStoryAsync("<script>alert('raw')</script><iframe src=x></iframe>Raw hostile story", 7.0,
            summary: "<div style=\"position:fixed;inset:0;background:red\">OVERLAY</div><img src=x onerror=alert(3)>Raw summary", articles: 1);
        await site.ExecuteAsync("UPDATE stories SET summary_sources = @s, reason = @r WHERE id = @id",
            ("s", "[{\"text\":\"<script>alert('sentence')</script>Sentence\",\"article_ids\":[1]}]"), ("r", "<img src=x onerror=alert('reason')>Reason"), ("id", raw));
        await site.ExecuteAsync("UPDATE articles SET url = 'javascript:alert(1)' WHERE story_id = @id", ("id", raw));
        ids.Add(raw);

        var dialogs = new List<string>();
        var page = await browser.NewPageAsync(phone: false);
        page.Dialog += (_, d) =>
        {
            dialogs.Add(d.Message);
            _ = d.DismissAsync();
        };
        var paths = new List<string> { "", "search?q=hostile", "search?q=raw", "api/stories?min_score=0", "feed.xml" };
        paths.AddRange(ids.Select(id => $"story/{id}"));
        foreach (var path in paths)
        {
            var url = new Uri(site.BaseUri, path).ToString();
            var (_, html, _) = await site.GetAsync("/" + path);
            foreach (var bad in new[] { "<iframe", "onerror", "onload", "<svg", "javascript:", "<img", "style=", "__pwned='body", "<div style" })
            {
                Assert.False(html.Contains(bad, StringComparison.OrdinalIgnoreCase), $"/{path} contains '{bad}'");
            }
            Assert.Equal(path.Length == 0 ? 1 : 0, CountOccurrences(html, "<script"));
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            if (!path.StartsWith("api", StringComparison.Ordinal) && !path.StartsWith("feed", StringComparison.Ordinal))
            {
                for (var y = 0; y < 900; y += 60)
                {
                    await page.Mouse.MoveAsync(200 + y % 400, y);
                }
                var findings = await page.EvaluateAsync<string[]>("""
                    (() => {
                      const found = [];
                      if (window.__pwned) found.push('ran: ' + window.__pwned);
                      for (const e of document.querySelectorAll('*')) {
                        for (const a of e.attributes) {
                          if (a.name.startsWith('on')) found.push('handler ' + a.name);
                          if (a.name === 'style') found.push('inline style');
                          if ((a.name === 'href' || a.name === 'src') && /^\s*(javascript|data):/i.test(a.value)) found.push('url ' + a.value);
                        }
                        if (['IFRAME', 'OBJECT', 'EMBED', 'SVG', 'IMG', 'STYLE'].includes(e.tagName.toUpperCase())) found.push('element ' + e.tagName);
                        const s = getComputedStyle(e);
                        if (s.position === 'fixed') found.push('fixed element ' + e.tagName);
                      }
                      if (getComputedStyle(document.body).display === 'none') found.push('body hidden');
                      if ((document.body.innerText || '').includes('OVERLAY') && document.elementFromPoint(640, 450)?.textContent === 'OVERLAY') found.push('overlay');
                      return found;
                    })()
                    """);
                Assert.True(findings.Length == 0, $"/{path}: {string.Join("; ", findings)}");
            }
            if (path.StartsWith("story/", StringComparison.Ordinal) && path.EndsWith(ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                await BrowserFixture.ScreenshotAsync(page, "hostile-story");
            }
        }
        Assert.Empty(dialogs);
        var front = await browser.NewPageAsync(phone: false);
        await front.GotoAsync(site.BaseUri.ToString());
        await BrowserFixture.ScreenshotAsync(front, "hostile-front-page");
        Assert.Contains("Hostile headline one", await front.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    private static int CountOccurrences(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.OrdinalIgnoreCase))
        {
            n++;
        }
        return n;
    }
}
