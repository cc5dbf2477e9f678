using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Salient.Bench;
using Salient.Cli;
using Salient.Pipeline;
using Salient.Polling;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Ingest;

/// <summary>
/// A public feed (the test's network policy makes the loopback site count as the internet under the name
/// <c>news.test</c>) whose items link to this machine, the private network and the metadata service, directly and
/// through redirects: those articles are refused and recorded, nothing is fetched from them, stored or shown.
/// </summary>
public sealed class InternalAddressTests
{
    private const string Secret = "INTERNAL-ONLY-7f3a";

    [Fact]
    public async Task Items_of_a_public_feed_linking_to_internal_addresses_are_refused_recorded_and_never_shown()
    {
        await using var site = await LoopbackSite.StartAsync();
        var port = site.BaseUri.Port.ToString(CultureInfo.InvariantCulture);
        var internalLinks = new[]
        {
            $"http://127.0.0.1:{port}/secret/1",
            $"http://localhost:{port}/secret/2",
            $"http://[::1]:{port}/secret/3",
            $"http://0x7f000001:{port}/secret/4",
            $"http://2130706433:{port}/secret/5",
            $"http://intranet.test:{port}/secret/6",
            "http://10.0.0.1/secret/7",
            "http://169.254.169.254/latest/meta-data/8",
            $"http://news.test:{port}/moved/1",
            $"http://news.test:{port}/moved/2",
            $"http://news.test:{port}/moved/3",
        };
        var redirects = new[] { $"http://127.0.0.1:{port}/secret/9", $"http://intranet.test:{port}/secret/10", "http://169.254.169.254/latest/meta-data/11" };
        for (var i = 0; i < redirects.Length; i++)
        {
            var target = redirects[i];
            site.Map($"/moved/{i + 1}", ctx => { ctx.Response.Redirect(target); return Task.CompletedTask; });
        }
        for (var i = 1; i <= 11; i++)
        {
            site.MapContent($"/secret/{i}", $"<html><body><article><p>{Secret} {string.Join(' ', Enumerable.Repeat("words of an internal page", 40))}</p></article></body></html>", "text/html");
        }
        var story = $"http://news.test:{port}/story.html";
        site.MapContent("/story.html", "<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1><p>" +
            string.Join(' ', Enumerable.Repeat("The harbour reopened on Monday after a week of repairs to the sea wall.", 20)) + "</p></article></body></html>", "text/html");
        var rss = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title><link>http://news.test/</link><description>d</description>");
        foreach (var (link, i) in internalLinks.Select((l, i) => (l, i)))
        {
            rss.Append(CultureInfo.InvariantCulture, $"<item><title>Internal {i}</title><link>{System.Net.WebUtility.HtmlEncode(link)}</link><guid>internal-{i}</guid><description>Teaser {i}.</description></item>");
        }
        rss.Append(CultureInfo.InvariantCulture, $"<item><title>Harbour reopens</title><link>{story}</link><guid>story</guid><description>The harbour reopened.</description></item></channel></rss>");
        site.MapContent("/feed.xml", rss.ToString(), "application/rss+xml");

        var policy = new PublicNamePolicy(new Dictionary<string, bool> { ["news.test"] = true, ["intranet.test"] = false });
        using var dir = new TempDir();
        await using var app = await SalientApp.OpenAsync(dir.File("salient.db"), null, CancellationToken.None,
            configure: s => s.AddSingleton<NetworkPolicy>(policy));
        await app.Get<SourceStore>().AddAsync([new NewSource($"http://news.test:{port}/feed.xml", "News")], byUser: true, 900, CancellationToken.None);

        var summary = await app.Get<PipelineRunner>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, summary.Ok);
        var articles = await app.Get<ArticleStore>().AllAsync(CancellationToken.None);
        Assert.Equal(internalLinks.Length + 1, articles.Count);
        var refused = articles.Where(a => a.Url != story).ToList();
        Assert.All(refused, a =>
        {
            Assert.Equal(ArticleStage.Refused, a.Stage);
            Assert.Equal("refused", a.Extraction);
            Assert.Contains("refused to fetch", a.ExtractError, StringComparison.Ordinal);
            Assert.Null(a.Text);
        });
        var harbour = Assert.Single(articles, a => a.Url == story);
        Assert.Equal("page", harbour.Extraction);
        Assert.True(harbour.Stage >= ArticleStage.Extracted && harbour.Stage <= ArticleStage.Grouped);

        // Nothing was fetched from an internal address, so nothing of it can be stored.
        Assert.DoesNotContain(site.Requests, r => r.Path.StartsWith("/secret", StringComparison.Ordinal));
        Assert.Equal(3, site.Requests.Count(r => r.Path.StartsWith("/moved/", StringComparison.Ordinal)));
        await using (var conn = await app.Database.OpenAsync(CancellationToken.None))
        {
            Assert.Equal(0L, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles WHERE text LIKE @s OR html LIKE @s OR excerpt LIKE @s",
                CancellationToken.None, ("s", $"%{Secret}%")));
            Assert.Equal(0L, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles WHERE stage = @r AND story_id IS NOT NULL",
                CancellationToken.None, ("r", ArticleStage.Refused)));
        }

        // Not shown: the site's article list (behind the API and search) has the harbour story's article only.
        var shown = await app.Get<SiteStore>().ArticlesAsync(null, null, null, null, null, null, 100, CancellationToken.None);
        Assert.Equal([story], shown.Select(a => a.Url));
    }
}
