using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Salient.Bench;
using Salient.Cli;
using Salient.Pipeline;
using Salient.Storage;
using Salient.Tests.Support;
using Salient.Web;

namespace Salient.Tests.Web;

/// <summary>
/// A live run over days: the real pipeline polls four outlets' feeds on 127.0.0.1 as their stories grow, a clock the
/// test moves stands for the days, and a reader in Chromium opens <c>/calibration</c> and a story of a thread.
/// </summary>
public sealed class CalibrationBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private sealed record Item(int Outlet, double Day, string Slug, string Title, string Text);

    private static readonly string[] Outlets = ["Harbour Times", "Coast Radio", "East Anglian Post", "Shipping Daily"];

    /// <summary>A dock strike that grows over two days; a library budget on the first day; the strike's end six days later.</summary>
    private static readonly Item[] Items =
    [
        new(0, 0, "strike-1", "Felixstowe dockworkers walk out over pay",
            "Dockworkers at the Port of Felixstowe walked out on Monday in a dispute over pay, halting most container traffic at Britain's busiest port. The Unite union said 1,900 members had joined the strike after talks with the port's owner broke down. Shipping lines began diverting vessels to Rotterdam and Antwerp."),
        new(1, 0.1, "strike-2", "Strike halts container traffic at Felixstowe",
            "Container traffic at Felixstowe came to a near standstill on Monday as dockworkers began a strike over pay. Unite said its members rejected a pay offer of 7 percent as far below inflation. Hauliers said hundreds of lorries were turned away from the port's gates."),
        new(2, 0.2, "strike-3", "Felixstowe port strike: what it means for shoppers",
            "The strike by dockworkers at Felixstowe, which handles nearly half of the containers entering Britain, could delay goods reaching shops, retailers warned on Monday. The walkout over pay is set to last eight days unless the port's owner makes a better offer, the Unite union said."),
        new(3, 0.3, "library-1", "Leeds council approves budget for central library",
            "Leeds councillors voted on Monday to fund a new central library in the city centre, to open in 2028. The council said the building would replace three branch libraries and cost 40 million pounds, paid for by selling the old sites. Opposition councillors said the branches served neighbourhoods far from the centre."),
        new(3, 1, "strike-4", "Felixstowe dockworkers reject new pay offer",
            "Striking dockworkers at Felixstowe rejected a new pay offer on Tuesday, the Unite union said, as the walkout entered its second day. The port's owner had raised its offer to 8 percent with a one-off payment. Ships queued off the Suffolk coast waiting for berths."),
        new(0, 1.1, "strike-5", "Ships queue off Suffolk as Felixstowe strike goes on",
            "More than 20 container ships were waiting off the Suffolk coast on Tuesday as the strike by Felixstowe dockworkers over pay continued. Unite said members would stay out after rejecting an improved offer, and the government urged both sides to return to talks."),
        new(0, 6, "end-1", "Felixstowe dockworkers end strike after pay deal",
            "Dockworkers at the Port of Felixstowe ended their strike on Sunday after accepting a pay deal, the Unite union said. Members voted to accept a rise of 10 percent over two years. Container traffic at the port is expected to return to normal within days."),
        new(1, 6.1, "end-2", "Felixstowe strike ends as Unite members accept pay rise",
            "The strike at Felixstowe is over after Unite members accepted a pay rise on Sunday, ending a walkout that disrupted container traffic at Britain's busiest port. The port's owner said ships would be unloaded around the clock to clear the backlog."),
        new(2, 6.2, "end-3", "Felixstowe port reopens fully after dock strike deal",
            "Britain's biggest container port at Felixstowe reopened fully on Sunday after dockworkers ended their strike over pay with a deal agreed by the Unite union. Hauliers said it would take a week to clear the queue of containers."),
    ];

    private static string Page(Item item) =>
        $"<!doctype html><html><head><title>{item.Title}</title></head><body><header><nav><a href=\"/\">Home</a></nav></header>" +
        $"<article><h1>{item.Title}</h1>{string.Concat(item.Text.Split(". ").Select(p => $"<p>{p.TrimEnd('.')}.</p>"))}</article><footer>© {Outlets[item.Outlet]}</footer></body></html>";

    private static string Feed(LoopbackSite site, int outlet, DateTimeOffset start, double today)
    {
        var rss = new StringBuilder($"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{Outlets[outlet]}</title><link>{site.Url($"/{outlet}/")}</link><description>News</description>");
        foreach (var item in Items.Where(i => i.Outlet == outlet && i.Day <= today).OrderByDescending(i => i.Day))
        {
            var at = start.AddDays(item.Day).ToString("r", CultureInfo.InvariantCulture);
            rss.Append(CultureInfo.InvariantCulture,
                $"<item><title>{item.Title}</title><link>{site.Url($"/{outlet}/{item.Slug}.html")}</link><guid>{item.Slug}</guid><pubDate>{at}</pubDate><description>{item.Text.Split(". ")[0]}.</description></item>");
        }
        return rss.Append("</channel></rss>").ToString();
    }

    [BrowserFact]
    public async Task After_a_live_run_over_days_the_calibration_page_shows_that_run_and_a_later_story_links_to_its_earlier_one()
    {
        var clock = new ManualClock();
        var start = clock.GetUtcNow();
        await using var news = await LoopbackSite.StartAsync();
        foreach (var item in Items)
        {
            news.MapContent($"/{item.Outlet}/{item.Slug}.html", Page(item), "text/html; charset=utf-8");
        }
        using var dir = new TempDir();
        await using var app = await SalientApp.OpenAsync(dir.File("salient.db"), null, CancellationToken.None, configure: s => s.AddSingleton<TimeProvider>(clock));
        await app.Get<SourceStore>().AddAsync(Outlets.Select((name, i) => new NewSource(news.Url($"/feeds/{i}.xml"), name)).ToList(), byUser: true, 900, CancellationToken.None);

        // The days of the run: each morning the feeds carry that day's items and the pipeline runs.
        foreach (var day in new[] { 0.5, 1.5, 3.0, 6.5, 7.0 })
        {
            clock.Advance(start.AddDays(day) - clock.GetUtcNow());
            for (var i = 0; i < Outlets.Length; i++)
            {
                news.MapContent($"/feeds/{i}.xml", Feed(news, i, start, day), "application/rss+xml");
            }
            await app.Get<PipelineRunner>().RunOnceAsync(CancellationToken.None);
        }

        var now = clock.GetUtcNow();
        await using var conn = await app.Database.OpenAsync(CancellationToken.None);
        var stories = await Sql.QueryAsync(conn, null, "SELECT id, thread_id, first_published FROM stories WHERE status <> 'merged' ORDER BY first_published, id",
            r => (Id: r.Long("id")!.Value, Thread: r.Long("thread_id"), First: r.Long("first_published") ?? 0), CancellationToken.None);
        var scores = await Sql.QueryAsync(conn, null, "SELECT story_id, scored_at, score FROM story_scores ORDER BY story_id, scored_at, id",
            r => (Story: r.Long("story_id")!.Value, At: r.Long("scored_at")!.Value, Score: r.Double("score")!.Value), CancellationToken.None);

        // What the page should say, worked out from the store here: each story first scored 72 hours or more ago, its first
        // score against the last one given within 72 hours of it.
        var changes = new List<(double First, double Later)>();
        foreach (var g in scores.GroupBy(s => s.Story))
        {
            var first = g.First();
            if (Clock.FromUnixMs(first.At) <= now.AddHours(-72))
            {
                changes.Add((first.Score, g.Where(s => s.At <= first.At + 72 * 3_600_000L).Last().Score));
            }
        }
        Assert.True(changes.Count >= 2, $"{changes.Count} stories old enough to compare; scores: {string.Join("; ", scores)}");
        Assert.Contains(scores.GroupBy(s => s.Story), g => g.Count() >= 2);
        var meanAbs = changes.Average(c => Math.Abs(c.Later - c.First));
        var mean = changes.Average(c => c.Later - c.First);
        var up = changes.Count(c => c.First < 5.5 && c.Later >= 5.5);
        var down = changes.Count(c => c.First >= 5.5 && c.Later < 5.5);

        await using var site = await SiteHost.StartAsync(app, "http://127.0.0.1:0", CancellationToken.None, hostedServices: false,
            configure: s => s.AddSingleton<TimeProvider>(clock));
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.BaseUri, "calibration").ToString());
        var figures = await page.Locator("dl.calibration").InnerTextAsync();
        var ic = CultureInfo.InvariantCulture;
        Assert.Contains($"Stories\n{changes.Count}", figures, StringComparison.Ordinal);
        Assert.Contains($"Mean change, either way\n{meanAbs.ToString("0.00", ic)} points", figures, StringComparison.Ordinal);
        Assert.Contains($"Mean change\n{mean.ToString("+0.00;−0.00;0.00", ic)} points", figures, StringComparison.Ordinal);
        Assert.Contains($"Rose across 5.5\n{up} (", figures, StringComparison.Ordinal);
        Assert.Contains($"Fell across 5.5\n{down} (", figures, StringComparison.Ordinal);
        Assert.True(await page.Locator("table tbody tr").CountAsync() >= 1);
        await BrowserFixture.ScreenshotAsync(page, "calibration-live-run");

        // The strike's end, six days on, is a story of its own in the thread of the strike.
        var strike = stories[0];
        var end = stories[^1];
        Assert.True(stories.Count >= 3, $"{stories.Count} stories");
        Assert.NotEqual(strike.Id, end.Id);
        Assert.Equal(strike.Id, end.Thread);
        Assert.Equal(strike.Id, strike.Thread);
        Assert.DoesNotContain(stories, s => s.Id != strike.Id && s.Id != end.Id && s.Thread is not null);
        await page.GotoAsync(new Uri(site.BaseUri, $"story/{end.Id}").ToString());
        var earlier = page.Locator("section.thread-earlier");
        Assert.Equal("Earlier in this thread", await earlier.Locator("h2").InnerTextAsync());
        Assert.Equal(1, await earlier.Locator("li").CountAsync());
        Assert.Equal($"/story/{strike.Id}", await earlier.Locator("li a").GetAttributeAsync("href"));
        Assert.Contains(start.ToString("d MMM yyyy", ic), await earlier.Locator("li > time").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "thread-earlier");
        await earlier.Locator("li a").ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, url => url.EndsWith($"/story/{strike.Id}", StringComparison.Ordinal));
        Assert.Equal(1, await page.Locator("section.thread-later li").CountAsync());
    }
}
