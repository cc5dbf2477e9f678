using System.Globalization;
using System.Net;
using System.Security;
using System.Text;
using System.Text.Json;
using Salient.Bench;

namespace Salient.Tests.Support;

/// <summary>
/// Real outlets' news served from 127.0.0.1: the AllSides articles of the shared data as one RSS feed per
/// outlet, each item linking to a local article page with its headline and lead, plus one hostile feed
/// whose items carry scripts, event handlers, javascript: links, frames and overlaying styles.
/// </summary>
internal sealed class AllSidesLocalSite
{
    public sealed record Article(string Id, string StoryId, string Source, string Title, string Lead, DateTimeOffset Published);

    private AllSidesLocalSite(IReadOnlyList<Article> articles, IReadOnlyDictionary<string, string> feedPaths)
    {
        Articles = articles;
        FeedPaths = feedPaths;
    }

    public IReadOnlyList<Article> Articles { get; }

    /// <summary>Outlet name → feed path.</summary>
    public IReadOnlyDictionary<string, string> FeedPaths { get; }

    public const string HostileFeedPath = "/feeds/hostile.xml";
    public const int HostileItems = 3;

    public static AllSidesLocalSite Load(string articlesJsonl)
    {
        var articles = new List<Article>();
        foreach (var line in File.ReadLines(articlesJsonl))
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            articles.Add(new Article(r.GetProperty("article_id").GetString()!, r.GetProperty("story_id").GetString()!, r.GetProperty("source").GetString()!,
                r.GetProperty("title").GetString()!, r.GetProperty("lead").GetString() ?? string.Empty,
                DateTimeOffset.Parse(r.GetProperty("date").GetString()!, CultureInfo.InvariantCulture)));
        }
        var paths = articles.Select(a => a.Source).Distinct(StringComparer.Ordinal)
            .Select((s, i) => (s, $"/feeds/{i}.xml")).ToDictionary(x => x.s, x => x.Item2, StringComparer.Ordinal);
        return new AllSidesLocalSite(articles, paths);
    }

    public void Serve(LoopbackSite site)
    {
        foreach (var (source, path) in FeedPaths)
        {
            var items = new StringBuilder();
            foreach (var a in Articles.Where(a => a.Source == source))
            {
                var link = site.Url($"/a/{a.Id}.html");
                var firstSentence = a.Lead.Split(". ", 2)[0];
                items.Append(CultureInfo.InvariantCulture, $"""
                    <item><title>{SecurityElement.Escape(a.Title)}</title><link>{link}</link><guid isPermaLink="true">{link}</guid>
                    <pubDate>{a.Published.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture)}</pubDate>
                    <description>{SecurityElement.Escape(firstSentence)}</description></item>
                    """);
                site.MapContent($"/a/{a.Id}.html", Page(a), "text/html; charset=utf-8");
            }
            site.MapContent(path, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <rss version="2.0"><channel><title>{SecurityElement.Escape(source)}</title><link>{site.Url("/")}</link>
                <description>News from {SecurityElement.Escape(source)}</description>{items}</channel></rss>
                """, "application/rss+xml; charset=utf-8");
        }
        site.MapContent(HostileFeedPath, HostileFeed(site), "application/rss+xml; charset=utf-8");
        for (var i = 0; i < HostileItems; i++)
        {
            site.MapContent($"/hostile/{i}.html", HostilePage(i), "text/html; charset=utf-8");
        }
    }

    public string Opml(LoopbackSite site)
    {
        var outlines = string.Concat(FeedPaths.Select(kv =>
            $"<outline type=\"rss\" text=\"{WebUtility.HtmlEncode(kv.Key)}\" title=\"{WebUtility.HtmlEncode(kv.Key)}\" xmlUrl=\"{site.Url(kv.Value)}\"/>\n"));
        outlines += $"<outline type=\"rss\" text=\"Hostile Outlet\" xmlUrl=\"{site.Url(HostileFeedPath)}\"/>\n";
        return $"<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head><title>AllSides outlets</title></head><body>\n{outlines}</body></opml>";
    }

    private static string Page(Article a) => $"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(a.Title)} | {WebUtility.HtmlEncode(a.Source)}</title>
        <meta property="og:site_name" content="{WebUtility.HtmlEncode(a.Source)}"></head>
        <body><nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/world">World</a></nav>
        <article><h1>{WebUtility.HtmlEncode(a.Title)}</h1><p class="byline">By Staff</p>
        {string.Concat(a.Lead.Split(". ").Chunk(2).Select(c => "<p>" + WebUtility.HtmlEncode(string.Join(". ", c)) + "</p>\n"))}
        </article><footer>© Outlet. All rights reserved. <a href="/privacy">Privacy</a></footer></body></html>
        """;

    /// <summary>Markup that must never run or show on any of our pages.</summary>
    public static readonly string[] HostileMarkers = ["HOSTILE-SCRIPT-RAN", "hostile-overlay", "javascript:alert"];

    private static string HostileFeed(LoopbackSite site)
    {
        var now = DateTimeOffset.UtcNow;
        string Item(int i, string title, string html) => $"""
            <item><title>{SecurityElement.Escape(title)}</title><link>{site.Url($"/hostile/{i}.html")}</link>
            <pubDate>{now.AddMinutes(-i).ToString("r", CultureInfo.InvariantCulture)}</pubDate>
            <description>{SecurityElement.Escape(html)}</description></item>
            """;
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Hostile &lt;script&gt;document.title='HOSTILE-SCRIPT-RAN'&lt;/script&gt; Outlet</title><link>{site.Url("/")}</link>
            {Item(0, "Senate passes <script>document.title='HOSTILE-SCRIPT-RAN'</script> budget bill <img src=x onerror=\"document.title='HOSTILE-SCRIPT-RAN'\">",
                "<p onclick=\"document.title='HOSTILE-SCRIPT-RAN'\">Lawmakers voted.</p><script>document.title='HOSTILE-SCRIPT-RAN'</script><a href=\"javascript:alert(1)\">more</a>")}
            {Item(1, "Storm hits coast <iframe src=\"javascript:alert(1)\"></iframe>",
                "<iframe src=\"http://127.0.0.1:1/\"></iframe><div class=\"hostile-overlay\" style=\"position:fixed;top:0;left:0;width:100%;height:100%;background:red;z-index:9999\">overlay</div>")}
            {Item(2, "Markets fall <svg onload=\"document.title='HOSTILE-SCRIPT-RAN'\"></svg>",
                "<img src=\"x\" onerror=\"document.title='HOSTILE-SCRIPT-RAN'\"><style>body{display:none}</style><form action=\"javascript:alert(1)\"><input></form>")}
            </channel></rss>
            """;
    }

    private static string HostilePage(int i) => $"""
        <!doctype html><html><head><title>Hostile page {i}</title><script>document.title='HOSTILE-SCRIPT-RAN'</script></head>
        <body onload="document.title='HOSTILE-SCRIPT-RAN'"><article><h1>Hostile page {i}</h1>
        <p>Officials said the measure passed after a long debate in the chamber, with several amendments adopted late at night.</p>
        <p onmouseover="document.title='HOSTILE-SCRIPT-RAN'">The vote followed weeks of negotiation between the parties and was welcomed by business groups.</p>
        <div class="hostile-overlay" style="position:fixed;inset:0;background:red;z-index:99999">overlay</div>
        <iframe src="javascript:alert(1)"></iframe><a href="javascript:alert(1)">click</a>
        <p>Critics argued the bill did too little for families facing rising prices, and promised to revisit it next year.</p>
        </article></body></html>
        """;
}
