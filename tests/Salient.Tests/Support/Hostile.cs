using System.IO.Compression;
using System.Text;

namespace Salient.Tests.Support;

/// <summary>
/// Inputs an attacker would serve: feeds that nest without end, expand entities without end, read local files, or
/// decompress to gigabytes; pages that nest a hundred thousand levels deep. Built here, never downloaded.
/// </summary>
internal static class Hostile
{
    /// <summary>An RSS feed whose one item's description holds <paramref name="depth"/> nested elements.</summary>
    public static string NestedRss(int depth, string element = "x", string? link = null) =>
        $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Deep</title><link>http://deep.example/</link><description>d</description>" +
        $"<item><title>Deep item</title><link>{link ?? "http://deep.example/a"}</link><description>" +
        Repeat($"<{element}>", depth) + "core" + Repeat($"</{element}>", depth) +
        "</description></item><item><title>Second item</title><link>http://deep.example/b</link></item></channel></rss>";

    /// <summary>An Atom feed whose entry's <c>type="xhtml"</c> content nests <paramref name="depth"/> divs.</summary>
    public static string NestedAtomXhtml(int depth) =>
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Deep</title><entry><title>Deep entry</title>" +
        "<link href=\"http://deep.example/x\"/><id>urn:x</id><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">" +
        Repeat("<div>", depth) + "core" + Repeat("</div>", depth) + "</div></content></entry></feed>";

    /// <summary>An RSS feed whose description holds markup escaped as text: <paramref name="depth"/> nested &lt;div&gt;s once unescaped.</summary>
    public static string EscapedNestingRss(int depth) =>
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Escaped</title><item><title>Escaped item</title><link>http://deep.example/e</link><description>" +
        Repeat("&lt;div class=&quot;a&quot;&gt;", depth) + "core" + Repeat("&lt;/div&gt;", depth) + "</description></item></channel></rss>";

    /// <summary>A 1 KB entity referenced <paramref name="times"/> times (100,000 times: a 300 KB feed that expands to 100 million characters).</summary>
    public static string EntityExpansionRss(int times = 100_000) =>
        $"<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"{new string('A', 1024)}\">]><rss version=\"2.0\"><channel><title>Bomb</title>" +
        "<item><title>Bomb item</title><link>http://bomb.example/a</link><description>" + Repeat("&a;", times) + "</description></item></channel></rss>";

    /// <summary>The billion laughs: ten levels of entities, each ten references to the one below.</summary>
    public static string BillionLaughsRss()
    {
        var dtd = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            dtd.Append($"<!ENTITY lol{i} \"{Repeat($"&lol{i - 1};", 10)}\">");
        }
        return $"<?xml version=\"1.0\"?><!DOCTYPE rss [{dtd}]><rss version=\"2.0\"><channel><title>Laughs</title>" +
            "<item><title>Laughs &lol9;</title><link>http://laughs.example/a</link><description>&lol9;</description></item></channel></rss>";
    }

    /// <summary>External entities: a local file, and a URL on loopback.</summary>
    public static string XxeRss(string internalUrl = "http://127.0.0.1:1/secret") =>
        $"<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\"><!ENTITY net SYSTEM \"{internalUrl}\"><!ENTITY % pe SYSTEM \"file:///etc/passwd\"> %pe;]>" +
        "<rss version=\"2.0\"><channel><title>XXE &xxe;</title><item><title>XXE item &xxe;</title><link>http://xxe.example/a</link>" +
        "<description>passwd: &xxe; net: &net;</description></item></channel></rss>";

    /// <summary>Gzip of <paramref name="bytes"/> zero bytes after an XML prologue (1 GB compresses to about 1 MB).</summary>
    public static byte[] GzipBomb(long bytes)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gz.Write("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>"u8);
            var zeros = new byte[1 << 20];
            Array.Fill(zeros, (byte)'A');
            for (long written = 0; written < bytes; written += zeros.Length)
            {
                gz.Write(zeros, 0, (int)Math.Min(zeros.Length, bytes - written));
            }
        }
        return output.ToArray();
    }

    /// <summary>An HTML page of <paramref name="depth"/> nested divs (100,000: 1.1 MB).</summary>
    public static string NestedPage(int depth) =>
        "<!DOCTYPE html><html><head><title>Deep page</title></head><body>" + Repeat("<div>", depth) + "core" + Repeat("</div>", depth) + "</body></html>";

    /// <summary>An OPML file whose one feed sits <paramref name="depth"/> outlines deep.</summary>
    public static string NestedOpml(int depth, string feedUrl = "http://deep.example/feed.xml") =>
        "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>Deep</title></head><body>" +
        Repeat("<outline text=\"folder\">", depth) + $"<outline text=\"Deep feed\" xmlUrl=\"{feedUrl}\"/>" + Repeat("</outline>", depth) +
        "<outline text=\"Shallow feed\" xmlUrl=\"http://shallow.example/feed.xml\"/></body></opml>";

    public static string Repeat(string s, int times)
    {
        var sb = new StringBuilder(s.Length * times);
        for (var i = 0; i < times; i++)
        {
            sb.Append(s);
        }
        return sb.ToString();
    }

    /// <summary>Runs <paramref name="work"/> on a thread with an ordinary 1 MB stack, as a pool thread has: recursion that input drives deep overflows it.</summary>
    public static T OnSmallStack<T>(Func<T> work)
    {
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                error = e;
            }
        }, 1024 * 1024);
        thread.Start();
        thread.Join();
        if (error is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
        return result;
    }
}
