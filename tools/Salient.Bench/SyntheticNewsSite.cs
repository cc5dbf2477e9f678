using System.Globalization;
using System.Net;
using System.Text;

namespace Salient.Bench;

/// <summary>
/// A made-up news site for benchmarks and tests: feeds in several formats, each listing article pages
/// with several paragraphs of text among navigation and footer boilerplate. Deterministic for a seed.
/// Paths: <c>/feeds/{n}.xml</c> and <c>/articles/{feed}/{item}.html</c>; feeds link to pages by absolute URL.
/// </summary>
internal sealed class SyntheticNewsSite
{
    private static readonly string[] Words =
    [
        "government", "minister", "election", "market", "energy", "climate", "health", "hospital", "court", "ruling", "parliament", "vote",
        "economy", "inflation", "bank", "rates", "trade", "exports", "talks", "summit", "president", "agreement", "storm", "flood", "city",
        "council", "report", "study", "scientists", "researchers", "vaccine", "disease", "school", "students", "workers", "strike", "union",
        "company", "shares", "profits", "investors", "technology", "software", "security", "police", "officials", "border", "refugees",
        "army", "ceasefire", "village", "region", "province", "capital", "budget", "tax", "reform", "protest", "crowd", "league", "season",
        "water", "drought", "harvest", "farmers", "prices", "fuel", "oil", "gas", "power", "grid", "satellite", "launch", "mission", "data",
    ];

    private readonly Dictionary<string, (byte[] Body, string ContentType)> _files = new(StringComparer.Ordinal);

    /// <param name="itemsPerFeed">Items in each feed; with <paramref name="totalItems"/>, the total is spread over the feeds instead.</param>
    public SyntheticNewsSite(Uri baseUri, int feeds, int itemsPerFeed, int seed = 1, int paragraphs = 8, int? totalItems = null)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        var articles = 0;
        var random = new Random(seed);
        for (var f = 0; f < feeds; f++)
        {
            var items = new List<(string Link, string Title, string Summary, DateTimeOffset Published)>();
            var count = totalItems is { } total ? total / feeds + (f < total % feeds ? 1 : 0) : itemsPerFeed;
            articles += count;
            for (var i = 0; i < count; i++)
            {
                var path = $"/articles/{f}/{i}.html";
                var title = Sentence(random, 6, 10).TrimEnd('.');
                var text = Enumerable.Range(0, paragraphs).Select(_ => string.Join(' ', Enumerable.Range(0, 4).Select(_ => Sentence(random, 10, 22)))).ToList();
                var published = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(-(f * 37 + i * 11));
                _files[path] = (Encoding.UTF8.GetBytes(Page(title, text, published, f)), "text/html; charset=utf-8");
                items.Add((new Uri(baseUri, path).AbsoluteUri, title, text[0], published));
            }
            var (body, type) = (f % 3) switch
            {
                0 => (Rss2(f, items), "application/rss+xml; charset=utf-8"),
                1 => (Atom(f, items), "application/atom+xml; charset=utf-8"),
                _ => (Rdf(f, items), "application/rdf+xml"),
            };
            _files[FeedPath(f)] = (Encoding.UTF8.GetBytes(body), type);
        }
        Feeds = feeds;
        Articles = articles;
    }

    public int Feeds { get; }

    public int Articles { get; }

    public IReadOnlyDictionary<string, (byte[] Body, string ContentType)> Files => _files;

    public static string FeedPath(int feed) => $"/feeds/{feed}.xml";

    public IEnumerable<string> FeedPaths => Enumerable.Range(0, Feeds).Select(FeedPath);

    public IEnumerable<string> PagePaths => _files.Keys.Where(k => k.StartsWith("/articles/", StringComparison.Ordinal));

    /// <summary>An OPML file listing every feed at <paramref name="baseUri"/>.</summary>
    public string Opml(Uri baseUri)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head><title>synthetic</title></head><body>\n<outline text=\"News\">\n");
        for (var f = 0; f < Feeds; f++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  <outline type=\"rss\" text=\"Outlet {f}\" xmlUrl=\"{new Uri(baseUri, FeedPath(f).TrimStart('/'))}\"/>\n");
        }
        return sb.Append("</outline>\n</body></opml>\n").ToString();
    }

    private static string Sentence(Random random, int min, int max)
    {
        var n = random.Next(min, max);
        var words = Enumerable.Range(0, n).Select(_ => Words[random.Next(Words.Length)]).ToArray();
        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words) + ".";
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string Page(string title, IReadOnlyList<string> paragraphs, DateTimeOffset published, int feed)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(title)} | Outlet {feed}</title>");
        sb.Append(CultureInfo.InvariantCulture, $"<meta property=\"og:site_name\" content=\"Outlet {feed}\"><meta property=\"article:published_time\" content=\"{published:yyyy-MM-ddTHH:mm:ssZ}\">");
        sb.Append("<link rel=\"stylesheet\" href=\"/style.css\"><script>window.dataLayer=[];</script></head><body>");
        sb.Append("<header><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li><li><a href=\"/business\">Business</a></li>");
        sb.Append("<li><a href=\"/science\">Science</a></li><li><a href=\"/sport\">Sport</a></li></ul></nav></header><main><article>");
        sb.Append(CultureInfo.InvariantCulture, $"<h1>{E(title)}</h1><p class=\"byline\">By Staff Reporter {feed}</p><time datetime=\"{published:yyyy-MM-ddTHH:mm:ssZ}\">{published:d MMM yyyy}</time>");
        foreach (var p in paragraphs)
        {
            sb.Append("<p>").Append(E(p)).Append("</p>");
        }
        sb.Append("</article><aside><h2>Most read</h2><ul><li><a href=\"/a\">Another story</a></li><li><a href=\"/b\">Yet another story</a></li></ul></aside></main>");
        sb.Append("<footer><p>© Outlet. All rights reserved.</p><a href=\"/privacy\">Privacy</a> <a href=\"/terms\">Terms</a></footer></body></html>");
        return sb.ToString();
    }

    private static string Rss2(int f, List<(string Link, string Title, string Summary, DateTimeOffset Published)> items)
    {
        var sb = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Outlet {f}</title><link>http://outlet{f}.example/</link><description>News</description>"));
        foreach (var (link, title, summary, published) in items)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<item><title>{E(title)}</title><link>{E(link)}</link><guid isPermaLink=\"false\">outlet-{f}-{E(link)}</guid>");
            sb.Append(CultureInfo.InvariantCulture, $"<pubDate>{published.ToString("r", CultureInfo.InvariantCulture)}</pubDate><description>{E(summary)}</description></item>");
        }
        return sb.Append("</channel></rss>").ToString();
    }

    private static string Atom(int f, List<(string Link, string Title, string Summary, DateTimeOffset Published)> items)
    {
        var sb = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Outlet {f}</title><id>urn:outlet:{f}</id><updated>2026-11-01T08:00:00Z</updated>"));
        foreach (var (link, title, summary, published) in items)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<entry><title>{E(title)}</title><link href=\"{E(link)}\"/><id>urn:outlet:{f}:{E(link)}</id>");
            sb.Append(CultureInfo.InvariantCulture, $"<updated>{published:yyyy-MM-ddTHH:mm:ssZ}</updated><summary>{E(summary)}</summary></entry>");
        }
        return sb.Append("</feed>").ToString();
    }

    private static string Rdf(int f, List<(string Link, string Title, string Summary, DateTimeOffset Published)> items)
    {
        var sb = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel rdf:about=\"http://outlet{f}.example/\"><title>Outlet {f}</title><link>http://outlet{f}.example/</link><description>News</description></channel>"));
        foreach (var (link, title, summary, published) in items)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<item rdf:about=\"{E(link)}\"><title>{E(title)}</title><link>{E(link)}</link><description>{E(summary)}</description><dc:date>{published:yyyy-MM-ddTHH:mm:ssZ}</dc:date></item>");
        }
        return sb.Append("</rdf:RDF>").ToString();
    }
}
