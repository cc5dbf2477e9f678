using System.Globalization;
using System.Text;
using Salient.Feeds;

namespace Salient.Tests.Feeds;

/// <summary>
/// How tolerant the feed parser is of what real feeds do with entities and structure: HTML entities without a DTD,
/// character references, escaped and double-escaped markup, CDATA, broken nesting, odd case and namespaces,
/// link relations, xml:base, encodings that lie. Each row is one feed and the one field it must get right.
/// </summary>
public sealed class FeedParserToleranceTests
{
    private static readonly FeedParser Parser = new();

    private static ParsedFeed Parse(string xml) => Parser.Parse(Encoding.UTF8.GetBytes(xml), null, null);

    /// <summary>One field of a parsed feed by a short path: title, link, description, items, item0.title, item1.link …</summary>
    private static string? Field(ParsedFeed feed, string path)
    {
        if (path == "items")
        {
            return feed.Items.Count.ToString(CultureInfo.InvariantCulture);
        }
        if (!path.StartsWith("item", StringComparison.Ordinal))
        {
            return path switch
            {
                "title" => feed.Title,
                "link" => feed.Link,
                "description" => feed.Description,
                _ => throw new ArgumentException($"unknown field {path}", nameof(path)),
            };
        }
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        var index = int.Parse(path[4..dot], CultureInfo.InvariantCulture);
        if (index >= feed.Items.Count)
        {
            return $"<no item {index}: the feed has {feed.Items.Count}>";
        }
        var item = feed.Items[index];
        return path[(dot + 1)..] switch
        {
            "title" => item.Title,
            "link" => item.Link,
            "id" => item.Id,
            "author" => item.Author,
            "summary" => item.Summary,
            "content" => item.Content,
            "published" => item.Published?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "categories" => item.Categories.Count == 0 ? null : string.Join('|', item.Categories),
            "enclosures" => item.Enclosures.Count == 0 ? null : string.Join('|', item.Enclosures.Select(e => e.Url)),
            _ => throw new ArgumentException($"unknown field {path}", nameof(path)),
        };
    }

    public static TheoryData<string, string, string?, string> Cases => new()
    {
        { "html named entities in an RSS title", "item0.title", "Caf\u00E9 \u2014 caf\u00E8s\u2026 it\u2019s", "<rss version=\"2.0\"><channel><title>T</title><item><title>Caf&eacute; &mdash; caf&egrave;s&hellip; it&rsquo;s</title></item><item><title>two</title></item></channel></rss>" },
        { "nbsp in a channel title", "title", "A\u00A0B", "<rss version=\"2.0\"><channel><title>A&nbsp;B</title></channel></rss>" },
        { "html entity in a channel description", "description", "Caf\u00E9 news", "<rss version=\"2.0\"><channel><title>T</title><description>Caf&eacute; news</description></channel></rss>" },
        { "html entity in dc:creator", "item0.author", "Jos\u00E9 & Mar\u00EDa", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><dc:creator>Jos&eacute; &amp; Mar&iacute;a</dc:creator></item><item><title>two</title></item></channel></rss>" },
        { "html entity in RSS author", "item0.author", "ren\u00E9@example.com (Ren\u00E9)", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><author>ren&eacute;@example.com (Ren&eacute;)</author></item><item><title>two</title></item></channel></rss>" },
        { "escaped ampersand in a category", "item0.categories", "News & Politics", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><category>News &amp; Politics</category></item><item><title>two</title></item></channel></rss>" },
        { "html entity in a category", "item0.categories", "Soci\u00E9t\u00E9", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><category>Soci&eacute;t&eacute;</category></item><item><title>two</title></item></channel></rss>" },
        { "escaped ampersand in an RSS link", "item0.link", "http://example.com/a?x=1&y=2", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><link>http://example.com/a?x=1&amp;y=2</link></item><item><title>two</title></item></channel></rss>" },
        { "bare ampersand in an RSS link", "item0.link", "http://example.com/a?x=1&y=2", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><link>http://example.com/a?x=1&y=2</link></item><item><title>two</title></item></channel></rss>" },
        { "bare ampersand with a name-like query in an RSS link", "item0.link", "http://example.com/a?x=1&copy=2", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><link>http://example.com/a?x=1&copy=2</link></item><item><title>two</title></item></channel></rss>" },
        { "decimal character reference", "item0.title", "it\u2019s", "<rss version=\"2.0\"><channel><title>T</title><item><title>it&#8217;s</title></item><item><title>two</title></item></channel></rss>" },
        { "hex character reference", "item0.title", "it\u2019s \u2014 ok", "<rss version=\"2.0\"><channel><title>T</title><item><title>it&#x2019;s &#X2014; ok</title></item><item><title>two</title></item></channel></rss>" },
        { "windows-1252 character reference", "item0.title", "it\u2019s", "<rss version=\"2.0\"><channel><title>T</title><item><title>it&#146;s</title></item><item><title>two</title></item></channel></rss>" },
        { "double-escaped markup in an RSS description is escaped text", "item0.summary", "&lt;b&gt;bold&lt;/b&gt;", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><description>&amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt;</description></item><item><title>two</title></item></channel></rss>" },
        { "escaped markup in an RSS description is HTML", "item0.summary", "<b>bold</b> text", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><description>&lt;b&gt;bold&lt;/b&gt; text</description></item><item><title>two</title></item></channel></rss>" },
        { "entities inside CDATA in a description stay as written", "item0.summary", "<p>AT&amp;T &lt;3</p>", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><description><![CDATA[<p>AT&amp;T &lt;3</p>]]></description></item><item><title>two</title></item></channel></rss>" },
        { "CDATA title keeps a literal ampersand", "item0.title", "Q&A: one < two", "<rss version=\"2.0\"><channel><title>T</title><item><title><![CDATA[Q&A: one < two]]></title></item><item><title>two</title></item></channel></rss>" },
        { "escaped ampersand in an enclosure url", "item0.enclosures", "http://example.com/a.mp3?x=1&y=2", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><enclosure url=\"http://example.com/a.mp3?x=1&amp;y=2\" type=\"audio/mpeg\" length=\"5\"/></item><item><title>two</title></item></channel></rss>" },
        { "escaped ampersand in an Atom link href", "item0.link", "http://example.com/a?x=1&y=2", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title><link href=\"http://example.com/a?x=1&amp;y=2\"/></entry></feed>" },
        { "html entity in an attribute", "item0.categories", "caf\u00E9", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title><category term=\"caf&eacute;\"/></entry></feed>" },
        { "undefined entity stays literal", "item0.title", "A &bogus; B", "<rss version=\"2.0\"><channel><title>T</title><item><title>A &bogus; B</title></item><item><title>two</title></item></channel></rss>" },
        { "Atom text title decodes entities", "item0.title", "AT&T <b> \u00E9", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title type=\"text\">AT&amp;T &lt;b&gt; &eacute;</title></entry></feed>" },
        { "Atom html title is markup", "item0.title", "<b>Bold</b> &amp; more", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title type=\"html\">&lt;b&gt;Bold&lt;/b&gt; &amp;amp; more</title></entry></feed>" },
        { "Atom xhtml title", "item0.title", "AT&amp;T <b>x</b>", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">AT&amp;T <b>x</b></div></title></entry></feed>" },
        { "Atom text summary with angle brackets stays text", "item0.summary", "1 < 2 && &lt;b>", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title><summary type=\"text\">1 &lt; 2 &amp;&amp; &lt;b&gt;</summary></entry></feed>" },
        { "Atom html content with entity", "item0.content", "<p>caf&eacute;</p>", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title><content type=\"html\">&lt;p&gt;caf&amp;eacute;&lt;/p&gt;</content></entry></feed>" },
        { "Atom xhtml content with html entity", "item0.content", "<p>caf\u00E9 &amp; bar</p>", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>caf&eacute; &amp; bar</p></div></content></entry></feed>" },
        { "content:encoded with entities", "item0.content", "<p>caf&eacute; &amp; co</p>", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><content:encoded>&lt;p&gt;caf&amp;eacute; &amp;amp; co&lt;/p&gt;</content:encoded></item><item><title>two</title></item></channel></rss>" },
        { "the five XML entities in a title", "item0.title", "<>&\"'", "<rss version=\"2.0\"><channel><title>T</title><item><title>&lt;&gt;&amp;&quot;&apos;</title></item><item><title>two</title></item></channel></rss>" },
        { "the five XML entities in an attribute", "item0.categories", "<>&\"'", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title><category term=\"&lt;&gt;&amp;&quot;&apos;\"/></entry></feed>" },
        { "uppercase named entity", "item0.title", "\u00C9t\u00E9 & \u00A9", "<rss version=\"2.0\"><channel><title>T</title><item><title>&Eacute;t&eacute; &AMP; &COPY;</title></item><item><title>two</title></item></channel></rss>" },
        { "entity in Atom author name", "item0.author", "J\u00E9r\u00F4me", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title><author><name>J&eacute;r&ocirc;me</name></author></entry></feed>" },
        { "html entity in link text", "item0.link", "http://example.com/caf\u00E9", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><link>http://example.com/caf&eacute;</link></item><item><title>two</title></item></channel></rss>" },
        { "entities in a guid", "item0.id", "tag:a&b", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><guid isPermaLink=\"false\">tag:a&amp;b</guid></item><item><title>two</title></item></channel></rss>" },
        { "DTD declared entity", "title", "Example Co", "<!DOCTYPE rss [<!ENTITY co \"Example Co\">]><rss version=\"2.0\"><channel><title>&co;</title><item><title>x</title></item></channel></rss>" },
        { "Netscape RSS 0.91 DTD with html entities", "item0.title", "na\u00EFve", "<?xml version=\"1.0\"?><!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss version=\"0.91\"><channel><title>T</title><item><title>na&iuml;ve</title></item></channel></rss>" },
        { "double escaped nbsp in description", "item0.summary", "a&nbsp;b", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><description>a&amp;nbsp;b</description></item><item><title>two</title></item></channel></rss>" },
        { "unclosed title before the end of the item", "item1.title", "two", "<rss version=\"2.0\"><channel><title>T</title><item><title>one</item><item><title>two</title></item></channel></rss>" },
        { "unclosed item before the next item", "items", "2", "<rss version=\"2.0\"><channel><title>T</title><item><title>one</title><item><title>two</title></item></channel></rss>" },
        { "unclosed item keeps its own title", "item0.title", "one", "<rss version=\"2.0\"><channel><title>T</title><item><title>one</title><item><title>two</title></item></channel></rss>" },
        { "unclosed Atom entry before the next entry", "items", "2", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>one</title><entry><title>two</title></entry></feed>" },
        { "mismatched nesting in an unescaped description", "item0.summary", "<b><i>bold italic</i></b> rest", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><description><b><i>bold italic</b></i> rest</description></item><item><title>two</title></item></channel></rss>" },
        { "less-than in text", "item0.title", "1 < 2 and 3 <4", "<rss version=\"2.0\"><channel><title>T</title><item><title>1 < 2 and 3 <4</title></item><item><title>two</title></item></channel></rss>" },
        { "stray text after the root", "item0.title", "one", "<rss version=\"2.0\"><channel><title>T</title><item><title>one</title></item></channel></rss> trailing words" },
        { "BOM and whitespace before the declaration", "item0.title", "one", "\uFEFF \n <?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>T</title><item><title>one</title></item><item><title>two</title></item></channel></rss>" },
        { "whitespace before the declaration", "item0.title", "one", "\n\n  <?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>one</title></item><item><title>two</title></item></channel></rss>" },
        { "missing declaration", "item0.title", "caf\u00E9", "<rss version=\"2.0\"><channel><title>T</title><item><title>caf\u00E9</title></item><item><title>two</title></item></channel></rss>" },
        { "control characters in text", "item0.title", "abcde", "<rss version=\"2.0\"><channel><title>T</title><item><title>a\u0001b\u000Bc\u000Cd\u001Ee</title></item><item><title>two</title></item></channel></rss>" },
        { "null character in text", "item0.title", "ab", "<rss version=\"2.0\"><channel><title>T</title><item><title>a\u0000b</title></item><item><title>two</title></item></channel></rss>" },
        { "default namespace on rss", "item0.title", "one", "<rss version=\"2.0\" xmlns=\"http://backend.userland.com/rss2\"><channel><title>T</title><item><title>one</title></item></channel></rss>" },
        { "unknown default namespace on rss", "item0.link", "http://example.com/1", "<rss version=\"2.0\" xmlns=\"http://example.com/rss-ish\"><channel><title>T</title><item><title>one</title><link>http://example.com/1</link></item></channel></rss>" },
        { "uppercase RSS elements", "item0.link", "http://example.com/1", "<RSS version=\"2.0\"><CHANNEL><TITLE>T</TITLE><ITEM><TITLE>one</TITLE><LINK>http://example.com/1</LINK></ITEM></CHANNEL></RSS>" },
        { "mixed case RSS elements", "item0.published", "2004-01-05T10:14:55Z", "<Rss version=\"2.0\"><Channel><Title>T</Title><Item><Title>one</Title><Link>http://example.com/1</Link><PubDate>Mon, 05 Jan 2004 10:14:55 GMT</PubDate></Item></Channel></Rss>" },
        { "mixed case channel title", "title", "T", "<rss version=\"2.0\"><Channel><Title>T</Title><item><title>one</title></item></Channel></rss>" },
        { "RDF items outside the channel", "item0.link", "http://example.com/1", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><channel rdf:about=\"http://example.com/\"><title>T</title></channel><item rdf:about=\"http://example.com/1\"><title>one</title><link>http://example.com/1</link></item></rdf:RDF>" },
        { "RDF item id is rdf:about", "item0.id", "http://example.com/1", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><channel rdf:about=\"http://example.com/\"><title>T</title></channel><item rdf:about=\"http://example.com/1\"><title>one</title></item></rdf:RDF>" },
        { "item with only a description", "item0.summary", "only words", "<rss version=\"2.0\"><channel><title>T</title><item><description>only words</description></item></channel></rss>" },
        { "two links, the first wins", "item0.link", "http://example.com/1", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><link>http://example.com/1</link><link>http://example.com/2</link></item><item><title>two</title></item></channel></rss>" },
        { "two enclosures", "item0.enclosures", "http://example.com/a.mp3|http://example.com/b.mp3", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><enclosure url=\"http://example.com/a.mp3\"/><enclosure url=\"http://example.com/b.mp3\"/></item><item><title>two</title></item></channel></rss>" },
        { "two categories", "item0.categories", "a|b", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><category>a</category><category domain=\"d\">b</category></item><item><title>two</title></item></channel></rss>" },
        { "Atom alternate link without rel", "item0.link", "http://example.com/1", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title><link href=\"http://example.com/1\"/></entry></feed>" },
        { "Atom self link is not the link", "item0.link", "http://example.com/1", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title><link rel=\"self\" href=\"http://example.com/self\"/><link rel=\"alternate\" href=\"http://example.com/1\"/></entry></feed>" },
        { "Atom upper case rel", "item0.link", "http://example.com/1", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title><link rel=\"self\" href=\"http://example.com/self\"/><link rel=\"ALTERNATE\" href=\"http://example.com/1\"/></entry></feed>" },
        { "Atom IANA rel URI", "item0.link", "http://example.com/1", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title><link rel=\"http://www.iana.org/assignments/relation/alternate\" href=\"http://example.com/1\"/><link rel=\"edit\" href=\"http://example.com/e\"/></entry></feed>" },
        { "Atom related only is no link", "item0.link", null, "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title><link rel=\"related\" href=\"http://example.com/r\"/></entry></feed>" },
        { "Atom rel enclosure becomes an enclosure", "item0.enclosures", "http://example.com/a.mp3", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title><link rel=\"enclosure\" href=\"http://example.com/a.mp3\" type=\"audio/mpeg\" length=\"10\"/></entry></feed>" },
        { "Atom relative link resolved against xml:base", "item0.link", "http://example.com/blog/1.html", "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://example.com/blog/\"><title>T</title><entry><title>x</title><link href=\"1.html\"/></entry></feed>" },
        { "Atom nested xml:base", "item0.link", "http://example.com/blog/posts/1.html", "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://example.com/blog/\"><title>T</title><entry xml:base=\"posts/\"><title>x</title><link href=\"1.html\"/></entry></feed>" },
        { "Atom xml:base on the link itself", "item0.link", "http://example.com/root/1.html", "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://example.com/blog/\"><title>T</title><entry xml:base=\"posts/\"><title>x</title><link xml:base=\"/root/\" href=\"1.html\"/></entry></feed>" },
        { "Atom xml:base on content resolves links in it", "item0.content", "<a href=\"http://example.com/c/p.html\">p</a>", "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://example.com/blog/\"><title>T</title><entry xml:base=\"posts/\"><title>x</title><content type=\"html\" xml:base=\"/c/\">&lt;a href=\"p.html\"&gt;p&lt;/a&gt;</content></entry></feed>" },
        { "Atom feed link relative to xml:base", "link", "http://example.com/blog/", "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://example.com/blog/\"><title>T</title><link href=\"./\"/></feed>" },
        { "Atom content with src", "item0.link", "http://example.com/full.html", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title><content src=\"http://example.com/full.html\" type=\"text/html\"/></entry></feed>" },
        { "guid isPermaLink false is not a link", "item0.link", null, "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><guid isPermaLink=\"false\">http://example.com/g</guid></item><item><title>two</title></item></channel></rss>" },
        { "guid permalink is the link", "item0.link", "http://example.com/g", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><guid>http://example.com/g</guid></item><item><title>two</title></item></channel></rss>" },
        { "guid isPermaLink true with a link keeps the link", "item0.link", "http://example.com/l", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><link>http://example.com/l</link><guid isPermaLink=\"true\">http://example.com/g</guid></item><item><title>two</title></item></channel></rss>" },
        { "nested HTML in an RSS description is HTML", "item0.summary", "<p>Hello <a href=\"http://example.com/\">world</a></p>", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><description><p>Hello <a href=\"http://example.com/\">world</a></p></description></item><item><title>two</title></item></channel></rss>" },
        { "source element is not the title", "item0.title", "mine", "<rss version=\"2.0\"><channel><title>T</title><item><source url=\"http://example.com/feed\">Other feed</source><title>mine</title></item><item><title>two</title></item></channel></rss>" },
        { "source element is not the link", "item0.link", null, "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><source url=\"http://example.com/feed\">Other</source><comments>http://example.com/c</comments></item><item><title>two</title></item></channel></rss>" },
        { "comments element is not the link", "item0.link", "http://example.com/1", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><comments>http://example.com/c</comments><link>http://example.com/1</link></item><item><title>two</title></item></channel></rss>" },
        { "duplicate titles, the first wins", "item0.title", "first", "<rss version=\"2.0\"><channel><title>T</title><item><title>first</title><title>second</title></item><item><title>two</title></item></channel></rss>" },
        { "empty title", "item0.title", null, "<rss version=\"2.0\"><channel><title>T</title><item><title/><link>http://example.com/1</link></item><item><title>two</title></item></channel></rss>" },
        { "empty link falls back to the guid", "item0.link", "http://example.com/g", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><link></link><guid>http://example.com/g</guid></item><item><title>two</title></item></channel></rss>" },
        { "whitespace around a title", "item0.title", "Hello   world", "<rss version=\"2.0\"><channel><title>T</title><item><title>\n   Hello   world \n </title></item><item><title>two</title></item></channel></rss>" },
        { "whitespace and newlines around a link", "item0.link", "http://example.com/1", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><link>\n  http://example.com/1\n  </link></item><item><title>two</title></item></channel></rss>" },
        { "whitespace around a guid", "item0.id", "abc", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><guid isPermaLink=\"false\">\n  abc \n</guid></item><item><title>two</title></item></channel></rss>" },
        { "CDATA split across sections", "item0.title", "a ]]> b", "<rss version=\"2.0\"><channel><title>T</title><item><title><![CDATA[a ]]]]><![CDATA[> b]]></title></item><item><title>two</title></item></channel></rss>" },
        { "CDATA mixed with text", "item0.title", "AT&T & co", "<rss version=\"2.0\"><channel><title>T</title><item><title>AT<![CDATA[&]]>T &amp; co</title></item><item><title>two</title></item></channel></rss>" },
        { "comment inside a title", "item0.title", "Hello", "<rss version=\"2.0\"><channel><title>T</title><item><title>Hel<!-- note -->lo</title></item><item><title>two</title></item></channel></rss>" },
        { "processing instruction inside a title", "item0.title", "Hello", "<rss version=\"2.0\"><channel><title>T</title><item><title><?php echo 1; ?>Hello</title></item><item><title>two</title></item></channel></rss>" },
        { "comment before the root and after it", "item0.title", "one", "<!-- generated --><?xml-stylesheet href=\"s.xsl\"?><rss version=\"2.0\"><channel><title>T</title><item><title>one</title></item><item><title>two</title></item></channel></rss><!-- end -->" },
        { "comment between items", "items", "2", "<rss version=\"2.0\"><channel><title>T</title><item><title>one</title></item><!-- <item><title>hidden</title></item> --><item><title>two</title></item></channel></rss>" },
        { "comment with markup inside a link", "item0.link", "http://example.com/1", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><link><!-- x -->http://example.com/1</link></item><item><title>two</title></item></channel></rss>" },
        { "items directly under rss", "item0.title", "one", "<rss version=\"2.0\"><item><title>one</title></item></rss>" },
        { "element with prefix mapped to the RSS 1.0 namespace", "item0.title", "one", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:rss=\"http://purl.org/rss/1.0/\"><rss:channel><rss:title>T</rss:title></rss:channel><rss:item><rss:title>one</rss:title></rss:item></rdf:RDF>" },
        { "Atom prefixed elements", "item0.link", "http://example.com/1", "<atom:feed xmlns:atom=\"http://www.w3.org/2005/Atom\"><atom:title>T</atom:title><atom:entry><atom:title>one</atom:title><atom:link href=\"http://example.com/1\"/></atom:entry></atom:feed>" },
        { "Atom feed in the wrong namespace still read", "item0.link", "http://example.com/1", "<feed xmlns=\"http://example.com/not-atom\"><title>T</title><entry><title>one</title><link href=\"http://example.com/1\"/></entry></feed>" },
        { "unquoted attribute", "item0.enclosures", "http://example.com/a.mp3", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><enclosure url=http://example.com/a.mp3 type=audio/mpeg/></item><item><title>two</title></item></channel></rss>" },
        { "attribute with single quotes", "item0.link", "http://example.com/1", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title><link href='http://example.com/1'/></entry></feed>" },
        { "truncated document keeps the first item", "item0.title", "one", "<rss version=\"2.0\"><channel><title>T</title><item><title>one</title></item><item><title>tw" },
        { "html page wrapper junk before root", "item0.title", "one", "<html><body><rss version=\"2.0\"><channel><title>T</title><item><title>one</title></item></channel></rss></body></html>" },
        { "unescaped markup in an RSS title is sanitised HTML", "item0.title", "Hello <b>world</b>", "<rss version=\"2.0\"><channel><title>T</title><item><title>Hello <b>world</b></title></item><item><title>two</title></item></channel></rss>" },
        { "script in an RSS title is removed", "item0.title", "Hi", "<rss version=\"2.0\"><channel><title>T</title><item><title>Hi<script>alert(1)</script></title></item><item><title>two</title></item></channel></rss>" },
        { "Atom 0.3 escaped content", "item0.content", "<p>hi</p>", "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>T</title><entry><title>x</title><content type=\"text/html\" mode=\"escaped\">&lt;p&gt;hi&lt;/p&gt;</content></entry></feed>" },
        { "description and content:encoded both kept", "item0.summary", "short", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><description>short</description><content:encoded><![CDATA[<p>long</p>]]></content:encoded></item><item><title>two</title></item></channel></rss>" },
        { "content:encoded is the content", "item0.content", "<p>long</p>", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><description>short</description><content:encoded><![CDATA[<p>long</p>]]></content:encoded></item><item><title>two</title></item></channel></rss>" },
        { "relative RSS link against xml:base on channel", "item0.link", "http://example.com/news/story/1", "<rss version=\"2.0\"><channel xml:base=\"http://example.com/news/\"><title>T</title><item><title>x</title><link>story/1</link></item></channel></rss>" },
        { "relative guid permalink against xml:base", "item0.link", "http://example.com/news/story/2", "<rss version=\"2.0\"><channel xml:base=\"http://example.com/news/\"><title>T</title><item><title>x</title><guid>story/2</guid></item></channel></rss>" },
        { "Atom html alternate preferred over feed alternate", "item0.link", "http://example.com/x.html", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title><link rel=\"alternate\" type=\"application/atom+xml\" href=\"http://example.com/x.atom\"/><link rel=\"alternate\" type=\"text/html\" href=\"http://example.com/x.html\"/></entry></feed>" },
        { "duplicate enclosures kept once", "item0.enclosures", "http://example.com/a.mp3", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><enclosure url=\"http://example.com/a.mp3\"/><enclosure url=\"http://example.com/a.mp3\"/></item><item><title>two</title></item></channel></rss>" },
        { "category label when term is empty", "item0.categories", "World", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title><category term=\"\" label=\"World\"/></entry></feed>" },
        { "dc:subject as category", "item0.categories", "Politics", "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><dc:subject>Politics</dc:subject></item><item><title>two</title></item></channel></rss>" },
        { "Atom author name and email", "item0.author", "Ann (ann@example.com)", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title><author><name>Ann</name><email>ann@example.com</email></author></entry></feed>" },
        { "entry author falls back to the feed author", "item0.author", "Feed Author", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><author><name>Feed Author</name></author><entry><title>x</title></entry></feed>" },
        { "RSS channel managingEditor is not an item author", "item0.author", null, "<rss version=\"2.0\"><channel><title>T</title><managingEditor>ed@example.com</managingEditor><item><title>x</title></item></channel></rss>" },
        { "Atom summary type xhtml", "item0.summary", "Hi <em>there</em>", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title><summary type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">Hi <em>there</em></div></summary></entry></feed>" },
        { "Atom title with CDATA in html type", "item0.title", "A &amp; B <i>c</i>", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title type=\"html\"><![CDATA[A &amp; B <i>c</i>]]></title></entry></feed>" },
        { "Atom text title with CDATA keeps ampersand literal", "item0.title", "A &amp; B", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title type=\"text\"><![CDATA[A &amp; B]]></title></entry></feed>" },
        { "item title with nested dc:title only", "item0.title", "dc one", "<rss version=\"2.0\"><channel><title>T</title><item><dc:title>dc one</dc:title></item><item><title>two</title></item></channel></rss>" },
        { "RSS 0.91 with image and textinput elements", "title", "T", "<rss version=\"0.91\"><channel><title>T</title><image><title>img</title><link>http://example.com/img</link></image><textinput><title>s</title></textinput><item><title>one</title></item></channel></rss>" },
        { "channel link not taken from the image", "link", "http://example.com/", "<rss version=\"0.91\"><channel><title>T</title><image><link>http://example.com/img</link></image><link>http://example.com/</link><item><title>one</title></item></channel></rss>" },
        { "atom:link self inside RSS is not the channel link", "link", "http://example.com/", "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>T</title><atom:link href=\"http://example.com/feed\" rel=\"self\"/><link>http://example.com/</link></channel></rss>" },
        { "whitespace-only description", "item0.summary", null, "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><description>   </description></item><item><title>two</title></item></channel></rss>" },
        { "empty RSS channel is a feed with no items", "items", "0", "<rss version=\"2.0\"><channel><title>T</title></channel></rss>" },
        { "XML declaration after leading comment", "item0.title", "one", "<!-- hi -->\n<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>one</title></item><item><title>two</title></item></channel></rss>" },
        { "RSS with a DOCTYPE for HTML entities", "item0.title", "caf\u00E9", "<!DOCTYPE rss [<!ENTITY % HTMLlat1 PUBLIC \"-//W3C//ENTITIES Latin 1 for XHTML//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml-lat1.ent\"> %HTMLlat1;]><rss version=\"2.0\"><channel><title>T</title><item><title>caf&eacute;</title></item><item><title>two</title></item></channel></rss>" },
        { "numeric reference to a control character", "item0.title", "a&#1;b", "<rss version=\"2.0\"><channel><title>T</title><item><title>a&#1;b</title></item><item><title>two</title></item></channel></rss>" },
        { "numeric reference too large", "item0.title", "a&#99999999;b", "<rss version=\"2.0\"><channel><title>T</title><item><title>a&#99999999;b</title></item><item><title>two</title></item></channel></rss>" },
        { "entity without semicolon followed by text", "item0.title", "AT&T rocks", "<rss version=\"2.0\"><channel><title>T</title><item><title>AT&T rocks</title></item><item><title>two</title></item></channel></rss>" },
        { "ampersand-hash without digits", "item0.title", "No &# here", "<rss version=\"2.0\"><channel><title>T</title><item><title>No &# here</title></item><item><title>two</title></item></channel></rss>" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Feed_that_real_publishers_write_is_read_as_they_meant_it(string what, string field, string? expected, string body)
    {
        var feed = Parse(body);
        Assert.True(Field(feed, field) == expected, $"{what}: {field} is {Field(feed, field) ?? "null"}, expected {expected ?? "null"} (recovered: {string.Join(", ", feed.Recovered)})");
    }

    [Fact]
    public void Item_left_open_before_the_next_one_is_read_as_two_items_and_the_repair_is_recorded()
    {
        var feed = Parse("<rss version=\"2.0\"><channel><title>T</title><item><title>one</title><link>http://example.com/1</link>"
            + "<item><title>two</title><link>http://example.com/2</link></item><item><title>three</title></item></channel></rss>");
        Assert.Equal(["one", "two", "three"], feed.Items.Select(i => i.Title));
        Assert.Equal(["http://example.com/1", "http://example.com/2", null], feed.Items.Select(i => i.Link));
        Assert.Contains("unclosed-item", feed.Recovered);
    }

    [Fact]
    public void Entries_that_close_properly_record_no_unclosed_item()
    {
        var feed = Parse("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>one</title></entry><entry><title>two</title></entry></feed>");
        Assert.Equal(2, feed.Items.Count);
        Assert.Empty(feed.Recovered);
    }

    [Fact]
    public void Upper_case_rss_is_read_without_calling_the_channel_missing()
    {
        var feed = Parse("<RSS VERSION=\"2.0\"><CHANNEL><TITLE>T</TITLE><LINK>http://example.com/</LINK><ITEM><TITLE>one</TITLE>"
            + "<GUID ISPERMALINK=\"false\">a1</GUID><PUBDATE>Mon, 05 Jan 2004 10:14:55 GMT</PUBDATE></ITEM></CHANNEL></RSS>");
        Assert.Equal("rss2.0", feed.Format);
        Assert.Equal("T", feed.Title);
        Assert.Equal("http://example.com/", feed.Link);
        var item = Assert.Single(feed.Items);
        Assert.Equal("a1", item.Id);
        Assert.Null(item.Link);
        Assert.Equal(new DateTimeOffset(2004, 1, 5, 10, 14, 55, TimeSpan.Zero), item.Published);
        Assert.DoesNotContain("missing-channel", feed.Recovered);
    }

    [Fact]
    public void Elements_of_a_known_extension_keep_their_meaning_beside_an_unknown_default_namespace()
    {
        var feed = Parse("<rss version=\"2.0\" xmlns=\"http://example.com/rss-ish\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>T</title>"
            + "<item><title>one</title><dc:creator>Ann</dc:creator><creator>not this</creator></item></channel></rss>");
        Assert.Equal("Ann", Assert.Single(feed.Items).Author);
    }

    [Fact]
    public void Feed_declaring_latin1_but_serving_utf8_is_read_as_utf8_and_the_mismatch_is_recorded()
    {
        var body = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss version=\"2.0\"><channel><title>Caf\u00e9 \u2014 news</title></channel></rss>");
        var feed = Parser.Parse(body, null, null);
        Assert.Equal("Caf\u00e9 \u2014 news", feed.Title);
        Assert.Contains("encoding-mismatch", feed.Recovered);
    }

    [Fact]
    public void Http_charset_latin1_on_utf8_bytes_is_overruled_as_well()
    {
        var body = Encoding.UTF8.GetBytes("<rss version=\"2.0\"><channel><title>na\u00efve</title></channel></rss>");
        var feed = Parser.Parse(body, "application/rss+xml; charset=ISO-8859-1", null);
        Assert.Equal("na\u00efve", feed.Title);
        Assert.Contains("encoding-mismatch", feed.Recovered);
    }

    [Fact]
    public void Latin1_bytes_that_are_not_utf8_keep_their_declared_encoding()
    {
        var body = Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss version=\"2.0\"><channel><title>Caf\u00e9</title></channel></rss>");
        var feed = Parser.Parse(body, null, null);
        Assert.Equal("Caf\u00e9", feed.Title);
        Assert.DoesNotContain("encoding-mismatch", feed.Recovered);
    }

    [Fact]
    public void Utf8_document_that_claims_utf16_is_read_as_utf8()
    {
        var body = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-16\"?><rss version=\"2.0\"><channel><title>Caf\u00e9</title></channel></rss>");
        Assert.Equal("Caf\u00e9", Parser.Parse(body, null, null).Title);
    }

    [Fact]
    public void Byte_order_mark_and_blank_lines_before_the_declaration_are_skipped()
    {
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("\r\n  <?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Caf\u00e9</title></channel></rss>")).ToArray();
        var feed = Parser.Parse(body, null, null);
        Assert.Equal("Caf\u00e9", feed.Title);
    }

    [Fact]
    public void Invalid_bytes_inside_a_title_lose_nothing_around_them()
    {
        var body = Encoding.UTF8.GetBytes("<rss version=\"2.0\"><channel><title>T</title><item><title>aXXb</title></item><item><title>two</title></item></channel></rss>");
        var at = Array.IndexOf(body, (byte)'X');
        body[at] = 0xFF;
        body[at + 1] = 0xFE;
        var feed = Parser.Parse(body, null, null);
        Assert.Equal(2, feed.Items.Count);
        Assert.StartsWith("a", feed.Items[0].Title, StringComparison.Ordinal);
        Assert.EndsWith("b", feed.Items[0].Title, StringComparison.Ordinal);
        Assert.Contains("encoding-fallback", feed.Recovered);
    }

    [Theory]
    [InlineData("&AMP;", "&")]
    [InlineData("&COPY; 2024", "\u00a9 2024")]
    [InlineData("&TRADE;", "\u2122")]
    [InlineData("a&colon;b", "a:b")]
    [InlineData("&hyphen;", "\u2010")]
    public void Html5_entity_names_that_html4_lacks_are_decoded(string written, string meant)
    {
        var feed = Parse($"<rss version=\"2.0\"><channel><title>{written}</title></channel></rss>");
        Assert.Equal(meant, feed.Title);
        Assert.Contains("html-entities", feed.Recovered);
    }

    [Fact]
    public void Markup_in_an_author_name_stays_text()
    {
        var feed = Parse("<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><author>&lt;script&gt;alert(1)&lt;/script&gt; Ann</author></item></channel></rss>");
        Assert.Equal("<script>alert(1)</script> Ann", Assert.Single(feed.Items).Author);
    }

    [Fact]
    public void Content_src_does_not_replace_an_alternate_link()
    {
        var feed = Parse("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title><link href=\"http://example.com/page\"/>"
            + "<content src=\"http://example.com/full.html\" type=\"text/html\"/></entry></feed>");
        Assert.Equal("http://example.com/page", Assert.Single(feed.Items).Link);
    }

    [Fact]
    public void Empty_title_reads_as_no_title_and_the_item_is_kept()
    {
        var feed = Parse("<rss version=\"2.0\"><channel><title>  </title><item><title></title><description>words</description></item></channel></rss>");
        Assert.Null(feed.Title);
        var item = Assert.Single(feed.Items);
        Assert.Null(item.Title);
        Assert.Equal("words", item.Summary);
    }
}
