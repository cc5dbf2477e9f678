using System.Text;
using Microsoft.AspNetCore.Http;
using Salient.Bench;
using Salient.Cli;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Ingest;

/// <summary>
/// <c>salient ingest --once</c>, in a process of its own, over a loopback site whose feeds are a gzip bomb, an XXE, the
/// billion laughs, a 100,000-fold expansion of a 1 KB entity and a 200,000-deep nesting, beside one normal feed.
/// </summary>
public sealed class HostileIngestTests
{
    [Fact]
    public async Task Ingest_once_over_hostile_feeds_ends_normally_records_each_against_its_source_and_ingests_the_normal_feed()
    {
        await using var site = await LoopbackSite.StartAsync();
        string Local(string xml) => xml
            .Replace("http://deep.example/", site.Url("/pages/deep/"), StringComparison.Ordinal)
            .Replace("http://bomb.example/", site.Url("/pages/bomb/"), StringComparison.Ordinal)
            .Replace("http://laughs.example/", site.Url("/pages/laughs/"), StringComparison.Ordinal)
            .Replace("http://xxe.example/", site.Url("/pages/xxe/"), StringComparison.Ordinal);
        var bomb = Hostile.GzipBomb(256L << 20);
        site.Map("/feeds/gzip-bomb.xml", async ctx =>
        {
            ctx.Response.ContentType = "application/rss+xml";
            ctx.Response.Headers.ContentEncoding = "gzip";
            await ctx.Response.Body.WriteAsync(bomb, ctx.RequestAborted);
        });
        site.MapContent("/feeds/xxe.xml", Local(Hostile.XxeRss(site.Url("/internal"))), "application/rss+xml");
        site.MapContent("/feeds/laughs.xml", Local(Hostile.BillionLaughsRss()), "application/rss+xml");
        site.MapContent("/feeds/expansion.xml", Local(Hostile.EntityExpansionRss()), "application/rss+xml");
        site.MapContent("/feeds/deep.xml", Local(Hostile.NestedRss(200_000)), "application/rss+xml");
        site.MapContent("/feeds/normal.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Normal</title>" +
            $"<item><title>Bridge opens</title><link>{site.Url("/pages/normal/bridge.html")}</link><guid>bridge</guid><description>The bridge opened.</description></item>" +
            "</channel></rss>", "application/rss+xml");
        site.MapContent("/pages/normal/bridge.html", "<html><head><title>Bridge opens</title></head><body><article><h1>Bridge opens</h1><p>" +
            string.Join(' ', Enumerable.Repeat("The new bridge over the river opened to traffic on Sunday morning.", 20)) + "</p></article></body></html>", "text/html");
        site.Map("/internal", async ctx => await ctx.Response.WriteAsync("root:x:0:0:internal"));

        var feeds = new[] { "gzip-bomb", "xxe", "laughs", "expansion", "deep", "normal" };
        var opml = new StringBuilder("<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>Hostile</title></head><body>");
        foreach (var feed in feeds)
        {
            opml.Append($"<outline text=\"{feed}\" xmlUrl=\"{site.Url($"/feeds/{feed}.xml")}\"/>");
        }
        opml.Append("</body></opml>");
        using var dir = new TempDir();
        File.WriteAllText(dir.File("hostile.opml"), opml.ToString());
        var db = dir.File("salient.db");

        Assert.Equal(0, (await SalientProcess.RunAsync(["--db", db, "sources", "import", dir.File("hostile.opml")], dir)).Exit);
        var (exit, lines, stderr) = await SalientProcess.RunAsync(["--db", db, "ingest", "--once"], dir);

        Assert.True(exit is 0 or 1, $"exit {exit}: {stderr}");
        SalientProcess.NoStackTrace(stderr);
        var database = Database.Create(db);
        var sources = await new SourceStore(database, TimeProvider.System).ListAsync(CancellationToken.None);
        Source Of(string feed) => sources.Single(s => s.Url.EndsWith($"/feeds/{feed}.xml", StringComparison.Ordinal));
        Assert.Equal("error", Of("gzip-bomb").LastStatus);
        Assert.Contains("limit", Of("gzip-bomb").LastError, StringComparison.Ordinal);
        Assert.Equal("error", Of("expansion").LastStatus);
        Assert.Contains("entity bomb", Of("expansion").LastError, StringComparison.Ordinal);
        Assert.Equal("ok", Of("xxe").LastStatus);
        Assert.Equal("ok", Of("laughs").LastStatus);
        Assert.Equal("ok", Of("deep").LastStatus);
        Assert.Equal("ok", Of("normal").LastStatus);

        var articles = await new ArticleStore(database, TimeProvider.System).AllAsync(CancellationToken.None);
        var bridge = Assert.Single(articles, a => a.Title == "Bridge opens");
        Assert.Equal("page", bridge.Extraction);
        Assert.Contains("new bridge over the river", bridge.Text, StringComparison.Ordinal);
        Assert.Equal(0, site.Count("/internal"));
        await using var conn = await database.OpenAsync(CancellationToken.None);
        Assert.Equal(0L, await Sql.LongAsync(conn, null,
            "SELECT COUNT(*) FROM articles WHERE title LIKE @p OR feed_summary LIKE @p OR feed_content LIKE @p OR text LIKE @p OR html LIKE @p",
            CancellationToken.None, ("p", "%root:x:0:0%")));
        Assert.Equal(0L, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles WHERE LENGTH(feed_summary) > 1000000 OR LENGTH(text) > 1000000", CancellationToken.None));
        Assert.Contains(lines, l => l.StartsWith("polled 6 sources", StringComparison.Ordinal));
    }

    /// <summary>Words of random letters: text that neither compresses nor repeats a word, as a tsvector sees it.</summary>
    private static string RandomWords(int count, int seed)
    {
        var random = new Random(seed);
        var sb = new StringBuilder(count * 7);
        for (var i = 0; i < count; i++)
        {
            var length = random.Next(2, 9);
            for (var k = 0; k < length; k++)
            {
                sb.Append((char)('a' + random.Next(26)));
            }
            sb.Append(' ');
        }
        return sb.ToString();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Items_no_database_keeps_as_given_leave_their_feed_ingesting_its_other_items_on_both_engines(string engine)
    {
        // Kept as given, on PostgreSQL, each of these fails its whole feed at every poll: a NUL in text (22021), a link or id past a
        // btree entry's 2,704 bytes (54000), a summary or page description past a tsvector's 1 MB (54000).
        await using var site = await LoopbackSite.StartAsync();
        var article = "<p>" + string.Join(' ', Enumerable.Repeat("The new bridge over the river opened to traffic on Sunday morning after years of work.", 12)) + "</p>";
        string Page(string title, string head = "") => $"<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>{article}</article></body></html>";
        site.MapContent("/pages/bridge.html", Page("Bridge opens"), "text/html");
        site.MapContent("/pages/tunnel.html", Page("Tunnel opens"), "text/html");
        site.MapContent("/pages/described.html", Page("Ferry resumes", $"<meta name=\"description\" content=\"{RandomWords(300_000, 1)}\">"), "text/html");
        site.MapContent("/pages/nul.html", Page("Harbour reopens"), "text/html");
        var longLink = site.Url("/pages/tunnel.html?") + RandomWords(1_000, 2).Replace(' ', '-');
        var longGuid = RandomWords(1_000, 3).Replace(' ', '-');
        site.MapContent("/feeds/big.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>" +
            $"<item><title>Tunnel opens</title><link>{longLink}</link></item>" +
            $"<item><title>Port reopens</title><link>{site.Url("/pages/bridge.html?port=1")}</link><guid isPermaLink=\"false\">{longGuid}</guid></item>" +
            $"<item><title>Dam report</title><link>{site.Url("/pages/bridge.html?dam=1")}</link><description>{RandomWords(300_000, 4)}</description></item>" +
            $"<item><title>Ferry resumes</title><link>{site.Url("/pages/described.html")}</link></item>" +
            $"<item><title>Bridge opens</title><link>{site.Url("/pages/bridge.html")}</link></item>" +
            "</channel></rss>", "application/rss+xml");
        site.MapContent("/feeds/nul.json", $$"""{"version":"https://jsonfeed.org/version/1.1","title":"Nul\u0000","items":[{"id":"h\u00001","url":"{{site.Url("/pages/nul.html")}}","title":"Harbour\u0000 reopens","content_text":"The harbour\u0000 reopened.","authors":[{"name":"Ann\u0000"}]}]}""", "application/feed+json");
        await using var store = await TestDatabase.CreateAsync(engine, migrate: false);
        var db = store.Target;
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "sources", "add", site.Url("/feeds/big.xml")]));
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "sources", "add", site.Url("/feeds/nul.json")]));

        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "ingest", "--once"]));

        var sources = await new SourceStore(store.Database, TimeProvider.System).ListAsync(CancellationToken.None);
        Assert.All(sources, s => Assert.True(s.LastStatus == "ok", $"{s.Url}: {s.LastStatus} {s.LastError}"));
        var articles = await new ArticleStore(store.Database, TimeProvider.System).AllAsync(CancellationToken.None);
        Assert.Equal(["Bridge opens", "Dam report", "Ferry resumes", "Harbour reopens", "Port reopens"], articles.Select(a => a.Title).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(articles, a => a.Url.Length > 2000);
        Assert.All(articles, a => Assert.True(a.Stage >= Salient.Pipeline.ArticleStage.Extracted, $"{a.Title}: stage {a.Stage}, {a.ExtractError}"));
        Assert.DoesNotContain('\0', string.Concat(articles.Select(a => a.Title + a.Text)));

        // A second poll finds the same items under the same ids (the long one by its hash): nothing new, nothing lost.
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "ingest", "--once"]));
        var again = await new ArticleStore(store.Database, TimeProvider.System).AllAsync(CancellationToken.None);
        Assert.Equal(articles.Select(a => a.Id).Order(), again.Select(a => a.Id).Order());
        Assert.All(await new SourceStore(store.Database, TimeProvider.System).ListAsync(CancellationToken.None), s => Assert.Equal("ok", s.LastStatus));
    }
}
