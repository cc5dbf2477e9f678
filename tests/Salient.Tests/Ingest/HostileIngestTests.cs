using System.Text;
using Microsoft.AspNetCore.Http;
using Salient.Bench;
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
}
