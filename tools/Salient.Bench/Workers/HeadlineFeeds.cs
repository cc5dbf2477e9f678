using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Salient.Bench.Workers;

/// <summary>
/// Real headlines (JSON Lines {id, title, domain, url, timestamp_utc}) served as one RSS feed per domain, each item
/// linking to a local article page, for the workers check: <c>/feeds/{n}.xml</c> and <c>/news/{n}/{id}.html</c>.
/// </summary>
internal static class HeadlineFeeds
{
    public sealed record Headline(string Id, string Title, string Domain, DateTimeOffset Published);

    public static List<Headline> Read(string path)
    {
        var list = new List<Headline>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            var id = r.GetProperty("id").GetString() ?? throw new SalientException($"{path}: a line has no id");
            var title = r.GetProperty("title").GetString() ?? "";
            var domain = r.TryGetProperty("domain", out var d) && d.GetString() is { Length: > 0 } dom ? dom : "unknown";
            var published = r.TryGetProperty("timestamp_utc", out var t) && DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var p)
                ? p : DateTimeOffset.UnixEpoch;
            list.Add(new Headline(id, title, domain, published));
        }
        return list;
    }

    /// <summary>The site's files and the feeds' URLs (one per domain, in order of first appearance).</summary>
    public static (Dictionary<string, (byte[] Body, string ContentType)> Files, List<(string Name, string Url)> Feeds) Build(Uri baseUri, IReadOnlyList<Headline> headlines)
    {
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        var feeds = new List<(string, string)>();
        var n = 0;
        foreach (var group in headlines.GroupBy(h => h.Domain, StringComparer.OrdinalIgnoreCase))
        {
            var feedPath = $"/feeds/{n}.xml";
            var rss = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
                $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>{E(group.Key)}</title><link>{E(new Uri(baseUri, $"news/{n}/").AbsoluteUri)}</link><description>Headlines from {E(group.Key)}</description>"));
            foreach (var h in group.OrderByDescending(h => h.Published))
            {
                var pagePath = $"/news/{n}/{Uri.EscapeDataString(h.Id)}.html";
                var link = new Uri(baseUri, pagePath.TrimStart('/')).AbsoluteUri;
                rss.Append(CultureInfo.InvariantCulture,
                    $"<item><title>{E(h.Title)}</title><link>{E(link)}</link><guid isPermaLink=\"false\">{E(h.Id)}</guid><pubDate>{h.Published.ToString("r", CultureInfo.InvariantCulture)}</pubDate><description>{E(h.Title)}</description></item>");
                var page = string.Create(CultureInfo.InvariantCulture,
                    $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(h.Title)}</title><meta property=\"og:site_name\" content=\"{E(group.Key)}\"></head>" +
                    $"<body><nav><a href=\"/\">Home</a></nav><main><article><h1>{E(h.Title)}</h1><p>{E(h.Title)}</p></article></main><footer>{E(group.Key)}</footer></body></html>");
                files[pagePath] = (Encoding.UTF8.GetBytes(page), "text/html; charset=utf-8");
            }
            rss.Append("</channel></rss>");
            files[feedPath] = (Encoding.UTF8.GetBytes(rss.ToString()), "application/rss+xml; charset=utf-8");
            feeds.Add((group.Key, new Uri(baseUri, feedPath.TrimStart('/')).AbsoluteUri));
            n++;
        }
        return (files, feeds);
    }

    public static string Opml(IEnumerable<(string Name, string Url)> feeds)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head><title>feeds</title></head><body>\n");
        foreach (var (name, url) in feeds)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  <outline type=\"rss\" text=\"{E(name)}\" xmlUrl=\"{E(url)}\"/>\n");
        }
        return sb.Append("</body></opml>\n").ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
