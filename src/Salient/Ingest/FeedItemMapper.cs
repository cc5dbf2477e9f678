using System.Security.Cryptography;
using System.Text;
using Salient.Dedup;
using Salient.Feeds;
using Salient.Storage;
using Salient.Text;

namespace Salient.Ingest;

/// <summary>
/// Turns a parsed feed's items into what the store keeps: a stable id per item, an absolute link and its
/// canonical form, a hash of the item (to notice edits) and a hash of its content (to notice copies).
/// Items with no usable link are left out: an article is a page.
/// </summary>
internal static class FeedItemMapper
{
    /// <summary>
    /// The feed's items as the store keeps them, each once. <paramref name="unusable"/> counts the items left out for
    /// want of a usable link (none, not http(s), or longer than <see cref="MaxLinkLength"/>); an item listed twice is
    /// not counted.
    /// </summary>
    public static IReadOnlyList<IncomingItem> Map(ParsedFeed feed, Uri feedUrl, out int unusable)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(feedUrl);
        var list = new List<IncomingItem>(feed.Items.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        unusable = 0;
        foreach (var item in feed.Items)
        {
            var mapped = Map(item, feedUrl);
            if (mapped is null)
            {
                unusable++;
                continue;
            }
            // A feed that lists one item twice stores it once.
            if (seen.Add(mapped.Guid))
            {
                list.Add(mapped);
            }
        }
        return list;
    }

    /// <summary>What a poll records, beside the parser's repairs, when it left items out for want of a usable link.</summary>
    public const string UnusableLinkSkipped = "item-without-usable-link-skipped";

    /// <summary>
    /// The longest link an item may have, as long as a feed's own address may be (<see cref="SourceStore.MaxUrlLength"/>):
    /// PostgreSQL cannot index a longer one, and stored, it would fail the whole feed.
    /// </summary>
    public const int MaxLinkLength = SourceStore.MaxUrlLength;

    /// <summary>An item id longer than this is kept as its hash: it only has to tell the feed's items apart.</summary>
    public const int MaxGuidLength = 500;

    public static IncomingItem? Map(FeedItem item, Uri feedUrl)
    {
        ArgumentNullException.ThrowIfNull(item);
        var link = Absolute(item.Link, feedUrl) ?? Absolute(item.Id, feedUrl, requireHttp: true);
        var canonical = UrlCanonicalizer.Canonicalize(link);
        if (link is null || canonical is null || link.Length > MaxLinkLength || canonical.Length > MaxLinkLength)
        {
            return null;
        }
        var title = Clean(item.Title) ?? FirstWords(PlainText.Words(item.Summary ?? item.Content)) ?? link;
        var guid = Clean(item.Id) ?? canonical;
        if (guid.Length > MaxGuidLength)
        {
            guid = "sha256:" + Hash(guid);
        }
        var body = item.Content ?? item.Summary;
        var categories = item.Categories.Count == 0 ? null : string.Join(", ", item.Categories.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()));
        var itemHash = Hash(string.Join('\u001f', title, link, item.Summary, item.Content, item.Author, categories,
            item.Published?.ToUnixTimeSeconds(), item.Updated?.ToUnixTimeSeconds()));
        return new IncomingItem(guid, link, canonical, itemHash, ContentHash.Of(title, body), Truncate(title, 1000), Searchable(item.Summary), item.Content,
            Clean(item.Author), categories, item.Published ?? item.Updated, item.Updated);
    }

    private static string? Absolute(string? link, Uri feedUrl, bool requireHttp = false)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            return null;
        }
        var trimmed = link.Trim();
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var abs) && (abs.Scheme == Uri.UriSchemeHttp || abs.Scheme == Uri.UriSchemeHttps))
        {
            return abs.AbsoluteUri;
        }
        if (requireHttp || trimmed.Contains(':', StringComparison.Ordinal) && !trimmed.StartsWith('/'))
        {
            return null;
        }
        return Uri.TryCreate(feedUrl, trimmed, out var resolved) ? resolved.AbsoluteUri : null;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string? FirstWords(string words)
    {
        if (words.Length == 0)
        {
            return null;
        }
        if (words.Length <= 80)
        {
            return words;
        }
        var cut = words.LastIndexOf(' ', 80);
        return (cut > 0 ? words[..cut] : words[..80]) + "…";
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    /// <summary>The most of an item's summary that is kept as it is.</summary>
    public const int MaxSummaryChars = 200_000;

    /// <summary>
    /// A summary longer than <see cref="MaxSummaryChars"/> as the start of its plain text. PostgreSQL's search index
    /// reads the summary, and one of megabytes of words (over its 1 MB tsvector limit) would fail the whole feed's poll.
    /// </summary>
    private static string? Searchable(string? summary) =>
        summary is null || summary.Length <= MaxSummaryChars ? summary : Markup.Escape(Truncate(PlainText.Words(summary), MaxSummaryChars / 2));

    private static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..32];
}
