using System.Text;
using Microsoft.AspNetCore.Http;
using Salient.Bench;
using Salient.Cli;
using Salient.Ingest;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Ingest;

/// <summary><c>salient sources import</c> then <c>salient ingest --once</c> against a local site of many feeds with article pages.</summary>
public sealed class IngestOnceTests
{
    private const int Feeds = 22;
    private const int ItemsPerFeed = 4;

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Ingest_once_stores_every_article_once_reports_broken_feeds_and_a_second_run_stores_nothing_new(string engine)
    {
        await using var site = await LoopbackSite.StartAsync();
        var news = new SyntheticNewsSite(site.BaseUri, Feeds, ItemsPerFeed, seed: 7);
        foreach (var (path, (body, type)) in news.Files)
        {
            if (path.StartsWith("/feeds/", StringComparison.Ordinal))
            {
                MapWithETag(site, path, body, type);
            }
            else
            {
                site.MapBytes(path, body, type);
            }
        }
        // Pages that cannot be fetched keep their feed's content.
        site.Map("/articles/3/0.html", ctx => { ctx.Response.StatusCode = 404; return Task.CompletedTask; });
        site.Map("/articles/4/1.html", ctx => { ctx.Response.StatusCode = 500; return Task.CompletedTask; });
        // Broken sources: a server error, and an HTML page where a feed should be.
        site.Map("/feeds/broken.xml", ctx => { ctx.Response.StatusCode = 500; return Task.CompletedTask; });
        site.MapContent("/feeds/not-a-feed.xml", "<html><body><p>Our feeds have moved.</p></body></html>", "text/html");
        // A feed repeating articles of feed 0 with tracking parameters and a fragment: the same articles.
        var copies = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Aggregator</title><link>http://agg.example/</link><description>x</description>");
        for (var i = 0; i < ItemsPerFeed; i++)
        {
            copies.Append($"<item><title>Copy {i}</title><link>{site.Url($"/articles/0/{i}.html")}?utm_source=rss&amp;utm_medium=feed&amp;fbclid=abc#top</link><guid>agg-{i}</guid></item>");
        }
        copies.Append("</channel></rss>");
        site.MapContent("/feeds/aggregator.xml", copies.ToString(), "application/rss+xml");

        using var dir = new TempDir();
        var opml = news.Opml(site.BaseUri).Replace("</body>",
            $"<outline text=\"Broken\" xmlUrl=\"{site.Url("/feeds/broken.xml")}\"/><outline text=\"Moved\" xmlUrl=\"{site.Url("/feeds/not-a-feed.xml")}\"/>" +
            $"<outline text=\"Aggregator\" xmlUrl=\"{site.Url("/feeds/aggregator.xml")}\"/></body>", StringComparison.Ordinal);
        File.WriteAllText(dir.File("feeds.opml"), opml);
        await using var store = await TestDatabase.CreateAsync(engine, migrate: false);
        var db = store.Target;

        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "sources", "import", dir.File("feeds.opml")]));
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "ingest", "--once"]));

        var database = store.Database;
        var clock = TimeProvider.System;
        var articles = await new ArticleStore(database, clock).AllAsync(CancellationToken.None);
        Assert.Equal(Feeds * ItemsPerFeed, articles.Count);
        Assert.Equal(articles.Count, articles.Select(a => a.CanonicalUrl).Distinct().Count());
        Assert.All(articles, a => Assert.True(a.Stage >= Salient.Pipeline.ArticleStage.Extracted));
        Assert.Equal(Feeds * ItemsPerFeed - 2, articles.Count(a => a.Extraction == "page"));
        var notFound = Assert.Single(articles, a => a.Url.EndsWith("/articles/3/0.html", StringComparison.Ordinal));
        Assert.Equal("feed", notFound.Extraction);
        Assert.Contains("404", notFound.ExtractError, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(notFound.Text));
        // The text is kept; the page's HTML is not (nothing reads it, and it was a fifth of a store).
        Assert.All(articles, a => Assert.False(string.IsNullOrWhiteSpace(a.Text)));
        await using (var conn = await store.Database.OpenAsync(CancellationToken.None))
        {
            Assert.Equal(0L, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles WHERE html IS NOT NULL", CancellationToken.None));
        }

        var sources = await new SourceStore(database, clock).ListAsync(CancellationToken.None);
        Assert.Equal(Feeds + 3, sources.Count);
        var broken = Assert.Single(sources, s => s.Url.EndsWith("/feeds/broken.xml", StringComparison.Ordinal));
        Assert.Equal("error", broken.LastStatus);
        Assert.Contains("500", broken.LastError, StringComparison.Ordinal);
        var moved = Assert.Single(sources, s => s.Url.EndsWith("/feeds/not-a-feed.xml", StringComparison.Ordinal));
        Assert.Equal("error", moved.LastStatus);
        Assert.All(sources.Where(s => s != broken && s != moved), s => Assert.Equal("ok", s.LastStatus));

        var pageRequests = site.Requests.Count(r => r.Path.StartsWith("/articles/", StringComparison.Ordinal));
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "ingest", "--once"]));
        var again = await new ArticleStore(database, clock).AllAsync(CancellationToken.None);
        Assert.Equal(articles.Select(a => (a.Id, a.Title)), again.Select(a => (a.Id, a.Title)));
        Assert.Equal(pageRequests, site.Requests.Count(r => r.Path.StartsWith("/articles/", StringComparison.Ordinal)));
        var after = await new SourceStore(database, clock).ListAsync(CancellationToken.None);
        Assert.Equal(Feeds, after.Count(s => s.LastStatus == "not-modified"));
        Assert.All(after, s => Assert.True(s.ItemsSeen == sources.Single(x => x.Id == s.Id).ItemsSeen));
    }

    [Fact]
    public async Task A_changed_item_updates_its_article_instead_of_adding_one()
    {
        await using var site = await LoopbackSite.StartAsync();
        var title = "First title";
        site.Map("/feed.xml", async ctx =>
        {
            ctx.Response.ContentType = "application/rss+xml";
            await ctx.Response.WriteAsync($"<rss version=\"2.0\"><channel><title>T</title><link>http://x/</link><description>d</description>" +
                $"<item><title>{title}</title><link>{site.Url("/a.html")}</link><guid>a</guid><description>Body of the item.</description></item></channel></rss>");
        });
        site.MapContent("/a.html", "<html><body><article><p>" + string.Join(" ", Enumerable.Repeat("Words of the article page go on here.", 40)) + "</p></article></body></html>", "text/html");
        using var dir = new TempDir();
        var db = dir.File("salient.db");
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "sources", "add", site.Url("/feed.xml"), "--name", "Local"]));
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "ingest", "--once"]));
        title = "Second title";
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "ingest", "--once"]));
        var article = Assert.Single(await new ArticleStore(Database.Create(db), TimeProvider.System).AllAsync(CancellationToken.None));
        Assert.Equal("Second title", article.Title);
        Assert.Equal("Local", article.SourceName);
    }

    /// <summary>Serves a feed with an ETag and answers 304 to a request that already has it.</summary>
    private static void MapWithETag(LoopbackSite site, string path, byte[] body, string type)
    {
        var etag = $"\"{Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(body))[..16]}\"";
        site.Map(path, async ctx =>
        {
            if (ctx.Request.Headers.IfNoneMatch.ToString() == etag)
            {
                ctx.Response.StatusCode = 304;
                return;
            }
            ctx.Response.Headers.ETag = etag;
            ctx.Response.ContentType = type;
            await ctx.Response.Body.WriteAsync(body);
        });
    }
}
