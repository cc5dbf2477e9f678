using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Salient.Embeddings;
using Salient.Feeds;
using Salient.Storage;
using Salient.Tests.Support;
using Salient.Web;

namespace Salient.Tests.Web;

public sealed class RssChannelTests
{
    private static readonly XName AtomLink = XName.Get("link", "http://www.w3.org/2005/Atom");

    private static string Write(RssChannel channel, Action<XmlWriter>? items = null)
    {
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(new FeedEndpoints.StringWriterUtf8(sb), new XmlWriterSettings { OmitXmlDeclaration = true, CheckCharacters = true }))
        {
            channel.Start(w);
            items?.Invoke(w);
            RssChannel.End(w);
        }
        return sb.ToString();
    }

    [Fact]
    public void A_channel_without_optional_fields_writes_title_link_description_and_generator_only()
    {
        var rss = Write(new RssChannel("Talks & <b>truce</b>\u0001", "https://salient.example/story/7", "Both sides \u0002signed."));
        Assert.Equal(
            "<rss version=\"2.0\"><channel><title>Talks &amp; &lt;b&gt;truce&lt;/b&gt;</title><link>https://salient.example/story/7</link>" +
            "<description>Both sides signed.</description><generator>Salient</generator></channel></rss>", rss);
    }

    [Fact]
    public void A_channel_with_every_field_writes_them_in_one_order_and_declares_the_atom_namespace_for_its_self_link()
    {
        var built = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(2));
        var rss = Write(new RssChannel("Salient", "https://salient.example/", "News")
        {
            Language = "de", LastBuildDate = built, Ttl = 15, SelfUrl = "https://salient.example/feed.xml?topic=a&b",
        }, w => RssChannel.Item(w, "[7.0] Talks", "https://salient.example/story/1", "urn:x", false, built, "Text", ["Reuters", "BBC\u0001"]));
        var channel = XDocument.Parse(rss).Root!.Element("channel")!;
        Assert.Equal(["title", "link", "description", "language", "lastBuildDate", "generator", "ttl", AtomLink.ToString(), "item"],
            channel.Elements().Select(e => e.Name.ToString()));
        Assert.Equal("Mon, 02 Mar 2026 07:30:00 GMT", channel.Element("lastBuildDate")!.Value);
        Assert.Equal("https://salient.example/feed.xml?topic=a&b", channel.Element(AtomLink)!.Attribute("href")!.Value);
        var item = channel.Element("item")!;
        Assert.Equal("false", item.Element("guid")!.Attribute("isPermaLink")!.Value);
        Assert.Equal(["Reuters", "BBC"], item.Elements("category").Select(c => c.Value));
    }

    [Fact]
    public async Task The_sites_a_storys_and_a_threads_feeds_read_back_as_rss_with_the_same_channel_fields()
    {
        var clock = new ManualClock();
        await using var site = await SiteFixture.CreateAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var start = clock.GetUtcNow().AddDays(-20);
        var trial = await site.AddStoryAsync("Derek Chauvin murder trial opens in Minneapolis", 6.1, at: start);
        var verdict = await site.AddStoryAsync("Jury finds Derek Chauvin guilty of <b>murder</b> \u0001", 7.2, at: start.AddDays(7));
        var seed = 1;
        foreach (var id in new[] { trial, verdict })
        {
            await site.ExecuteAsync("UPDATE stories SET centroid = @c WHERE id = @id", ("c", TextEmbedder.ToBytes(TestModels.Vector(0.8, seed++))), ("id", id));
        }
        var store = site.Site.Services.GetRequiredService<StoryStore>();
        foreach (var id in new[] { trial, verdict })
        {
            await store.LinkThreadsAsync([id], CancellationToken.None);
        }

        var expected = new Dictionary<string, (string Link, string[] Header)>
        {
            ["/feed.xml"] = ($"{site.BaseUri}", ["title", "link", "description", "language", "lastBuildDate", "generator", "ttl", AtomLink.ToString()]),
            [$"/story/{verdict}/feed.xml"] = ($"{site.BaseUri}story/{verdict}", ["title", "link", "description", "generator"]),
            [$"/thread/{trial}/feed.xml"] = ($"{site.BaseUri}thread/{trial}", ["title", "link", "description", "generator"]),
        };
        foreach (var (path, (link, header)) in expected)
        {
            var (status, body, response) = await site.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, status);
            var feed = new FeedParser().Parse(Encoding.UTF8.GetBytes(body), response.Content.Headers.ContentType!.ToString(), new Uri(site.BaseUri, path));
            Assert.Equal("rss2.0", feed.Format);
            Assert.Empty(feed.Recovered);
            Assert.Equal(link, feed.Link);
            Assert.False(string.IsNullOrWhiteSpace(feed.Title), path);
            Assert.False(string.IsNullOrWhiteSpace(feed.Description), path);
            Assert.NotEmpty(feed.Items);
            var channel = XDocument.Parse(body).Root!.Element("channel")!;
            Assert.Equal(header, channel.Elements().TakeWhile(e => e.Name != "item").Select(e => e.Name.ToString()));
            Assert.Equal("Salient", channel.Element("generator")!.Value);
            Assert.All(channel.Elements("item"), i => Assert.Equal(["title", "link", "guid", "pubDate", "description"], i.Elements().Select(e => e.Name.ToString()).Where(n => n != "category")));
        }
        // Markup in a story's title is text in the feeds, and a control character is dropped, not a broken feed.
        var story = XDocument.Parse((await site.GetAsync($"/story/{verdict}/feed.xml")).Body).Root!.Element("channel")!;
        Assert.StartsWith("Jury finds Derek Chauvin guilty of murder", story.Element("title")!.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0001", story.Element("title")!.Value, StringComparison.Ordinal);
    }
}
