using System.Text.Json;
using Salient.Bench;
using Salient.Tests.Support;

namespace Salient.Tests.Feeds;

public sealed class FeedCommandsTests
{
    [Fact]
    public async Task Parse_feed_writes_one_line_per_input_in_order_and_exits_1_when_some_fail()
    {
        using var dir = new TempDir();
        await File.WriteAllTextAsync(dir.File("a.xml"), "<rss version=\"2.0\"><channel><title>A</title><item><title>One</title><pubDate>Thu, 01 Jan 2004 12:00:00 GMT</pubDate><category>x</category><enclosure url=\"http://e.test/a.mp3\" type=\"audio/mpeg\" length=\"5\"/></item></channel></rss>");
        await File.WriteAllTextAsync(dir.File("page.html"), "<html><body>no feed</body></html>");
        await using var site = await LoopbackSite.StartAsync();
        site.MapContent("/feed", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Remote</title><entry><title>R</title><link href=\"/r\"/></entry></feed>", "application/atom+xml");

        var (exit, lines, stderr) = await SalientProcess.RunAsync(["parse-feed", dir.File("a.xml"), dir.File("page.html"), site.Url("/feed"), dir.File("missing.xml")]);

        Assert.Equal(1, exit);
        Assert.Equal(4, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Equal(dir.File("a.xml"), root.GetProperty("input").GetString());
        Assert.Equal("rss2.0", root.GetProperty("format").GetString());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("recovered").ValueKind);
        var item = root.GetProperty("items")[0];
        Assert.Equal("2004-01-01T12:00:00Z", item.GetProperty("published").GetString());
        Assert.Equal("x", item.GetProperty("categories")[0].GetString());
        Assert.Equal(5, item.GetProperty("enclosures")[0].GetProperty("length").GetInt64());
        foreach (var name in new[] { "id", "title", "link", "updated", "author", "summary", "content" })
        {
            Assert.True(item.TryGetProperty(name, out _), name);
        }
        using var second = JsonDocument.Parse(lines[1]);
        Assert.True(second.RootElement.TryGetProperty("error", out _));
        using var third = JsonDocument.Parse(lines[2]);
        Assert.Equal("atom1.0", third.RootElement.GetProperty("format").GetString());
        Assert.Equal(site.Url("/r"), third.RootElement.GetProperty("items")[0].GetProperty("link").GetString());
        using var fourth = JsonDocument.Parse(lines[3]);
        Assert.Equal(dir.File("missing.xml"), fourth.RootElement.GetProperty("input").GetString());
        Assert.Contains("missing.xml", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_among_the_inputs_is_named_as_a_folder_and_the_others_are_still_parsed()
    {
        using var dir = new TempDir();
        await File.WriteAllTextAsync(dir.File("a.xml"), "<rss version=\"2.0\"><channel><title>A</title><item><title>One</title></item></channel></rss>");
        Directory.CreateDirectory(dir.File("feeds"));

        var (exit, lines, stderr) = await SalientProcess.RunAsync(["parse-feed", dir.File("feeds"), dir.File("a.xml")]);

        Assert.Equal(1, exit);
        SalientProcess.NoStackTrace(stderr);
        Assert.Equal(2, lines.Length);
        using var folder = JsonDocument.Parse(lines[0]);
        Assert.Equal($"{dir.File("feeds")} is a folder; give a feed file or an http(s) URL", folder.RootElement.GetProperty("error").GetString());
        using var feed = JsonDocument.Parse(lines[1]);
        Assert.Equal("rss2.0", feed.RootElement.GetProperty("format").GetString());
    }

    [Fact]
    public async Task Parse_feed_without_inputs_is_a_usage_error()
    {
        var (exit, lines, _) = await SalientProcess.RunAsync(["parse-feed"]);
        Assert.Equal(2, exit);
        Assert.Empty(lines);
    }

    [Fact]
    public async Task Parse_feed_refuses_a_gz_file_that_decompresses_past_the_cap_and_goes_on_to_the_next_input()
    {
        using var dir = new TempDir();
        await File.WriteAllBytesAsync(dir.File("bomb.xml.gz"), Hostile.GzipBomb(1L << 30));
        await File.WriteAllTextAsync(dir.File("ok.xml"), "<rss version=\"2.0\"><channel><title>Fine</title><item><title>One</title></item></channel></rss>");

        var (exit, lines, stderr) = await SalientProcess.RunAsync(["parse-feed", dir.File("bomb.xml.gz"), dir.File("ok.xml")]);

        Assert.Equal(1, exit);
        Assert.Equal(2, lines.Length);
        using var bomb = JsonDocument.Parse(lines[0]);
        Assert.Contains("decompresses to more than 10 MB", bomb.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        using var ok = JsonDocument.Parse(lines[1]);
        Assert.Equal("Fine", ok.RootElement.GetProperty("title").GetString());
        SalientProcess.NoStackTrace(stderr);
    }
}
