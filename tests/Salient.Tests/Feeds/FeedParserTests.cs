using System.Text;
using Salient.Feeds;

namespace Salient.Tests.Feeds;

public sealed class FeedParserTests
{
    private static readonly FeedParser Parser = new();

    private static ParsedFeed Parse(string xml, string? contentType = null, string? url = null) =>
        Parser.Parse(Encoding.UTF8.GetBytes(xml), contentType, url is null ? null : new Uri(url));

    public static TheoryData<string, string> Formats => new()
    {
        { "<rss version=\"0.91\"><channel><title>T</title><item><title>A</title></item></channel></rss>", "rss0.9x" },
        { "<rss version=\"0.94\"><channel><title>T</title><item><title>A</title></item></channel></rss>", "rss0.9x" },
        { "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"><channel><title>T</title></channel><item><title>A</title></item></rdf:RDF>", "rss0.9x" },
        { "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><channel><title>T</title></channel><item><title>A</title></item></rdf:RDF>", "rss1.0" },
        { "<rss version=\"2.0\"><channel><title>T</title><item><title>A</title></item></channel></rss>", "rss2.0" },
        { "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>T</title><entry><title>A</title></entry></feed>", "atom0.3" },
        { "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>A</title></entry></feed>", "atom1.0" },
        { "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"T\",\"items\":[{\"id\":\"1\",\"title\":\"A\"}]}", "jsonfeed1" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_supported_format_is_recognised_with_its_title_and_item(string body, string format)
    {
        var feed = Parse(body);
        Assert.Equal(format, feed.Format);
        Assert.Equal("T", feed.Title);
        Assert.Equal("A", Assert.Single(feed.Items).Title);
    }

    public static TheoryData<string, string, string> Repairs => new()
    {
        // body, the repair recorded, the title of the item that must survive
        { "<rss version=\"2.0\"><channel><item><title>Caf&eacute;&nbsp;one</title></item><item><title>two</title></item></channel></rss>", "html-entities", "Café\u00a0one" },
        { "<rss version=\"2.0\"><channel><item><title>Q&A time</title></item><item><title>two</title></item></channel></rss>", "bare-ampersand", "Q&A time" },
        { "<rss version=\"2.0\"><channel><item><title>one</title><media:thumbnail url=\"x\"/><dc:creator>Me</dc:creator></item><item><title>two</title></item></channel></rss>", "undeclared-namespace-prefix", "one" },
        { "<rss version=\"2.0\"><channel><item><title>o\u0001n\u001Fe</title></item><item><title>two</title></item></channel></rss>", "control-characters", "one" },
        { "<rss version=\"2.0\"><channel><item><title>one</title></item><item><title>two</title></item></channel></rss><html>oops</html>", "junk-after-root", "one" },
        { "<rss version=\"2.0\"><channel><item><title>one</title></item><item><title>two</title></item><item><title>thr", "truncated", "one" },
        { "<rss version=\"2.0\"><item><title>one</title></item><item><title>two</title></item></rss>", "missing-channel", "one" },
        { "<rss version=\"2.0\"><channel><item><title>one</title><pubDate>not a date at all</pubDate></item><item><title>two</title></item></channel></rss>", "invalid-date", "one" },
        { "<rss version=\"2.0\"><channel><item><title>one</b></title></item><item><title>two</title></item></channel></rss>", "mismatched-tags", "one" },
        { "<rs version=\"2.0\"><item><title>one</title></item><item><title>two</title></item></rs>", "unknown-root-element", "one" },
        { "<xml><entry><title>one</title></entry><entry><title>two</title></entry></xml>", "unknown-root-element", "one" },
    };

    [Theory]
    [MemberData(nameof(Repairs))]
    public void Broken_feed_is_repaired_records_the_repair_and_keeps_its_items(string body, string repair, string firstTitle)
    {
        var feed = Parse(body);
        Assert.Contains(repair, feed.Recovered);
        Assert.True(feed.Items.Count >= 2, $"expected the items to survive, got {feed.Items.Count}");
        Assert.Equal(firstTitle, feed.Items[0].Title);
        Assert.Equal("two", feed.Items[1].Title);
    }

    [Fact]
    public void Feed_with_undefined_entity_is_repaired_and_keeps_its_items()
    {
        var feed = Parse("<rss version=\"2.0\"><channel><title>A &notanentity; B</title><item><title>x</title></item></channel></rss>");
        Assert.Equal("A &notanentity; B", feed.Title);
        Assert.Contains("unknown-entity", feed.Recovered);
        Assert.Single(feed.Items);
    }

    [Fact]
    public void Well_formed_feed_records_no_repairs()
    {
        var feed = Parse("<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>T &amp; U</title><item><title>x</title><dc:creator>Me</dc:creator></item></channel></rss>");
        Assert.Empty(feed.Recovered);
        Assert.Equal("T & U", feed.Title);
        Assert.Equal("Me", feed.Items[0].Author);
    }

    public static TheoryData<byte[], string?, string> Encodings => new()
    {
        // windows-1252 bytes with no declaration: not UTF-8, so read as windows-1252
        { Concat("<rss><channel><title>", [0x93, 0x43, 0x61, 0x66, 0xE9, 0x94], "</title></channel></rss>"), null, "\u201cCafé\u201d" },
        // a latin-1 label reads as windows-1252 (0x93 is a curly quote, not a control character)
        { Concat("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>", [0x93, 0x41, 0x94], "</title></channel></rss>"), null, "\u201cA\u201d" },
        // the HTTP charset wins over the declaration
        { Concat("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><title>", [0xE9], "</title></channel></rss>"), "text/xml; charset=iso-8859-1", "é" },
        // UTF-8 with a byte order mark
        { [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("<rss><channel><title>\u00e9</title></channel></rss>")], null, "é" },
        // a UTF-8 document that says UTF-8
        { Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel><title>Zürich – 東京</title></channel></rss>"), null, "Zürich – 東京" },
        // UTF-16 with a byte order mark
        { Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<rss><channel><title>Ωmega</title></channel></rss>")).ToArray(), null, "Ωmega" },
        // windows-1252 punctuation stored as C1 control characters inside UTF-8
        { Encoding.UTF8.GetBytes("<rss><channel><title>don\u0092t</title></channel></rss>"), null, "don\u2019t" },
        // code page labels .NET does not know by name
        { Concat("<?xml version=\"1.0\" encoding=\"cp1251\"?><rss><channel><title>", [0xC0, 0xE1], "</title></channel></rss>"), null, "Аб" },
        { Concat("<?xml version=\"1.0\" encoding=\"437\"?><rss><channel><title>", [0x80], "</title></channel></rss>"), null, "Ç" },
        // EBCDIC, recognised from the first bytes
        { Encoding.GetEncoding(37).GetBytes("<?xml version=\"1.0\" encoding=\"cp037\"?><rss><channel><title>é</title></channel></rss>"), null, "é" },
        // an encoding named only in the declaration
        { Encoding.GetEncoding("iso-8859-7", EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback) is var greek ? greek.GetBytes("<?xml version=\"1.0\" encoding=\"iso-8859-7\"?><rss><channel><title>Αθήνα</title></channel></rss>") : [], null, "Αθήνα" },
    };

    private static byte[] Concat(string a, byte[] middle, string b) => [.. Encoding.ASCII.GetBytes(a), .. middle, .. Encoding.ASCII.GetBytes(b)];

    static FeedParserTests()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Encoding_is_detected_from_bom_http_charset_declaration_and_validity(byte[] body, string? contentType, string title)
    {
        var feed = Parser.Parse(body, contentType, null);
        Assert.Equal(title, feed.Title);
    }

    public static TheoryData<string, string?> Dates => new()
    {
        { "Sun, 04 Jan 2004 16:29:06 GMT", "2004-01-04T16:29:06Z" },
        { "Sun, 04 Jan 2004 16:29:06 EST", "2004-01-04T21:29:06Z" },
        { "Sun, 04 Jan 2004 16:29:06 PDT", "2004-01-04T23:29:06Z" },
        { "Sun, 04 Jan 2004 16:29:06 CEST", "2004-01-04T14:29:06Z" },
        { "Sun, 04 Jan 2004 16:29:06 +0130", "2004-01-04T14:59:06Z" },
        { "Sun, 04 Jan 2004 16:29:06", "2004-01-04T16:29:06Z" },
        { "4 Jan 04 16:29 GMT", "2004-01-04T16:29:00Z" },
        { "Sun,04 Jan 2004 16:29:06 GMT", "2004-01-04T16:29:06Z" },
        { "Jan 04 2004 16:29:06 GMT", "2004-01-04T16:29:06Z" },
        { "04 Jan 2004", "2004-01-04T00:00:00Z" },
        { "2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z" },
        { "2003-12-31T10:14:55.123-08:00", "2003-12-31T18:14:55Z" },
        { "2003-12-31T10:14:55+0100", "2003-12-31T09:14:55Z" },
        { "2003-12-31T10:14", "2003-12-31T10:14:00Z" },
        { "2003-12-31", "2003-12-31T00:00:00Z" },
        { "2003-12", "2003-12-01T00:00:00Z" },
        { "20031231T101455Z", "2003-12-31T10:14:55Z" },
        { "2003-12-31 10:14:55 EST", "2003-12-31T15:14:55Z" },
        { "Sun Jan  4 16:29:06 2004", "2004-01-04T16:29:06Z" },
        { "yesterday", null },
        { "2003-13-45", null },
        { "", null },
    };

    [Theory]
    [MemberData(nameof(Dates))]
    public void Dates_are_read_in_common_formats_and_zones(string text, string? expected)
    {
        Assert.Equal(expected, FeedCommands.Iso(FeedDates.Parse(text)));
    }

    [Fact]
    public void Links_resolve_against_xml_base_and_then_the_feed_url()
    {
        var feed = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/blog/">
              <link href="index.html"/>
              <entry xml:base="posts/"><title>A</title><link href="a.html"/>
                <content type="html">&lt;a href="b.html"&gt;b&lt;/a&gt; &lt;img src="/i.png"&gt;</content>
                <link rel="enclosure" href="a.mp3" type="audio/mpeg" length="42"/></entry>
            </feed>
            """, url: "http://feeds.example.com/atom.xml");
        Assert.Equal("http://example.org/blog/index.html", feed.Link);
        var item = feed.Items[0];
        Assert.Equal("http://example.org/blog/posts/a.html", item.Link);
        Assert.Equal("<a href=\"http://example.org/blog/posts/b.html\">b</a> <img src=\"http://example.org/i.png\" />", item.Content);
        var enclosure = Assert.Single(item.Enclosures);
        Assert.Equal(new FeedEnclosure("http://example.org/blog/posts/a.mp3", "audio/mpeg", 42), enclosure);

        var rss = Parse("<rss version=\"2.0\"><channel><link>/</link><item><link>news/1</link></item></channel></rss>", url: "https://site.test/feed/rss.xml");
        Assert.Equal("https://site.test/", rss.Link);
        Assert.Equal("https://site.test/feed/news/1", rss.Items[0].Link);
    }

    public static TheoryData<string, string> Sanitising => new()
    {
        { "safe<script>alert(1)</script> description", "safe description" },
        { "<img src=\"http://e.test/i.jpg\" onclick=\"steal()\" onerror='x()'>", "<img src=\"http://e.test/i.jpg\" />" },
        { "<a href=\"javascript:alert(1)\">x</a>", "<a href=\"\">x</a>" },
        { "<a href=\" JaVaScRiPt:alert(1)\">x</a>", "<a href=\"\">x</a>" },
        { "safe<iframe src=\"http://evil.test/\"></iframe> description", "safe description" },
        { "safe<frameset><frame src=\"x\"></frameset> description", "safe description" },
        { "safe<object data=\"x.swf\"><param name=\"a\" value=\"b\"></object> description", "safe description" },
        { "<div style=\"position:fixed;top:0;left:0;z-index:99;color:red\">x</div>", "<div style=\"color: red;\">x</div>" },
        { "<div style=\"background:url(javascript:alert(1))\">x</div>", "<div>x</div>" },
        { "<p class=\"lead\">Hello <b>world</b></p>", "<p class=\"lead\">Hello <b>world</b></p>" },
        { "<style>body{display:none}</style>safe", "safe" },
        { "safe <blink>description</blink>", "safe description" },
        { "<form action=\"http://e.test/\"><input type=\"submit\" formaction=\"javascript:x()\"></form>", "<form action=\"http://e.test/\"><input type=\"submit\" /></form>" },
    };

    [Theory]
    [MemberData(nameof(Sanitising))]
    public void Item_html_is_sanitised_for_display(string html, string expected)
    {
        var feed = Parse("<rss version=\"2.0\"><channel><item><description><![CDATA[" + html + "]]></description></item></channel></rss>");
        Assert.Equal(expected, feed.Items[0].Summary);
    }

    [Fact]
    public void Markup_our_filter_keeps_but_HtmlSanitizer_rejects_comes_out_as_HtmlSanitizer_leaves_it()
    {
        // gopher: passes our scheme list but not HtmlSanitizer's, so HtmlSanitizer's stricter result is used
        var feed = Parse("<rss version=\"2.0\"><channel><item><description><![CDATA[<p title=\"t\"><a href=\"gopher://old.test/\">g</a></p>]]></description></item></channel></rss>");
        Assert.Equal("<p title=\"t\"><a>g</a></p>", feed.Items[0].Summary);
    }

    [Fact]
    public void Unclosed_or_misnested_markup_is_balanced_by_the_sanitiser()
    {
        var feed = Parse("<rss version=\"2.0\"><channel><item><description><![CDATA[<b>bold <i>both</b> after]]></description></item></channel></rss>");
        var summary = feed.Items[0].Summary!;
        Assert.DoesNotContain("<script", summary, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("bold", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Atom_item_reads_author_categories_dates_and_prefers_summary_over_content()
    {
        var feed = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title type="html">Example &amp;amp; Co</title>
              <updated>2004-01-02T03:04:05Z</updated>
              <entry>
                <id>tag:example.org,2004:1</id>
                <title>Entry</title>
                <author><name>Ann</name><email>ann@example.org</email></author>
                <category term="world"/><category term="politics" label="Politics"/>
                <published>2004-01-01T00:00:00+02:00</published>
                <updated>2004-01-02T00:00:00Z</updated>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Full <em>text</em></p></div></content>
                <summary>Short &lt;text&gt;</summary>
                <link rel="alternate" type="text/html" href="http://example.org/1"/>
                <link rel="self" href="http://example.org/1.atom"/>
              </entry>
            </feed>
            """);
        Assert.Equal("Example &amp; Co", feed.Title);
        Assert.Equal(new DateTimeOffset(2004, 1, 2, 3, 4, 5, TimeSpan.Zero), feed.Updated);
        var item = Assert.Single(feed.Items);
        Assert.Equal("tag:example.org,2004:1", item.Id);
        Assert.Equal("Ann (ann@example.org)", item.Author);
        Assert.Equal(["world", "politics"], item.Categories);
        Assert.Equal(new DateTimeOffset(2003, 12, 31, 22, 0, 0, TimeSpan.Zero), item.Published);
        Assert.Equal("<p>Full <em>text</em></p>", item.Content);
        Assert.Equal("Short &lt;text>", item.Summary);
        Assert.Equal("http://example.org/1", item.Link);
    }

    [Fact]
    public void Rss_guid_is_the_link_when_it_is_a_permalink()
    {
        var feed = Parse("<rss version=\"2.0\"><channel><item><guid>http://e.test/1</guid></item><item><guid isPermaLink=\"false\">abc</guid><link>http://e.test/2</link></item></channel></rss>");
        Assert.Equal("http://e.test/1", feed.Items[0].Link);
        Assert.Equal("http://e.test/1", feed.Items[0].Id);
        Assert.Equal("abc", feed.Items[1].Id);
        Assert.Equal("http://e.test/2", feed.Items[1].Link);
    }

    [Fact]
    public void Json_feed_items_keep_their_content_authors_tags_and_attachments()
    {
        var feed = Parse("""
            {"version":"https://jsonfeed.org/version/1","title":"J","home_page_url":"https://j.test/","language":"en",
             "items":[{"id":7,"url":"/p/7","title":"Seven","content_html":"<p onclick='x()'>Hi</p>","date_published":"2020-05-06T07:08:09+02:00",
                       "author":{"name":"Bo"},"tags":["a","b"],"attachments":[{"url":"https://j.test/a.mp3","mime_type":"audio/mpeg","size_in_bytes":9}]},
                      {"id":"8","content_text":"a < b","date_modified":"garbage"}]}
            """);
        Assert.Equal("jsonfeed1", feed.Format);
        Assert.Equal("https://j.test/", feed.Link);
        var first = feed.Items[0];
        Assert.Equal("7", first.Id);
        Assert.Equal("https://j.test/p/7", first.Link);
        Assert.Equal("<p>Hi</p>", first.Content);
        Assert.Equal("Bo", first.Author);
        Assert.Equal(["a", "b"], first.Categories);
        Assert.Equal(new DateTimeOffset(2020, 5, 6, 5, 8, 9, TimeSpan.Zero), first.Published);
        Assert.Equal(9, first.Enclosures[0].Length);
        Assert.Equal("a &lt; b", feed.Items[1].Content);
        Assert.Contains("invalid-date", feed.Recovered);
    }

    public static TheoryData<string> NotFeeds => new()
    {
        "<!DOCTYPE html><html><head><title>Page</title></head><body><p>Hello</p></body></html>",
        "just some text",
        "",
        "   ",
        "{\"not\":\"a feed\"}",
        "{broken json",
        "<?xml version=\"1.0\"?><!-- nothing -->",
    };

    [Theory]
    [MemberData(nameof(NotFeeds))]
    public void Input_that_is_not_a_feed_is_refused_with_a_reason(string body)
    {
        var e = Assert.Throws<FeedParseException>(() => Parse(body));
        Assert.StartsWith("not a feed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entity_expansion_in_the_doctype_cannot_blow_up()
    {
        var bomb = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
            + "<rss version=\"2.0\"><channel><title>&c;&c;&c;</title><item><title>x</title></item></channel></rss>";
        var feed = Parse(bomb);
        Assert.True(feed.Title!.Length < 10_000);
        Assert.Single(feed.Items);
    }

    [Fact]
    public void Parsing_is_thread_safe_and_deterministic()
    {
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 40).Select(i =>
            $"<item><title>Item {i} &amp; more</title><link>http://e.test/{i}</link><description><![CDATA[<p>Body {i} <script>x</script></p>]]></description><pubDate>Sun, 04 Jan 2004 16:29:{i % 60:00} GMT</pubDate></item>"))
            .Insert(0, "<rss version=\"2.0\"><channel><title>T</title>") + "</channel></rss>");
        var expected = System.Text.Json.JsonSerializer.Serialize(FeedCommands.ToOutput("x", Parser.Parse(body, null, null)), Salient.Cli.CliJson.Options);
        var results = new string[32];
        Parallel.For(0, results.Length, i => results[i] = System.Text.Json.JsonSerializer.Serialize(FeedCommands.ToOutput("x", Parser.Parse(body, null, null)), Salient.Cli.CliJson.Options));
        Assert.All(results, r => Assert.Equal(expected, r));
        Assert.Contains("<p>Body 3 </p>", expected, StringComparison.Ordinal);
    }
}
