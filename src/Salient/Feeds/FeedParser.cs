using System.Text;

namespace Salient.Feeds;

/// <summary>Parses feed bytes of any supported format into a <see cref="ParsedFeed"/>.</summary>
internal sealed class FeedParser
{
    /// <summary>Parses a feed. Throws <see cref="FeedParseException"/> when the bytes are not a feed.</summary>
    /// <param name="body">The raw bytes as served.</param>
    /// <param name="contentType">The HTTP Content-Type, when known (its charset counts in encoding detection).</param>
    /// <param name="feedUrl">Where the feed came from, for resolving relative links.</param>
    public ParsedFeed Parse(byte[] body, string? contentType, Uri? feedUrl)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = Encoding.UTF8.GetString(body);
        CodeHollow.FeedReader.Feed feed;
        try
        {
            feed = CodeHollow.FeedReader.FeedReader.ReadFromString(text);
        }
        catch (Exception e)
        {
            throw new FeedParseException($"not a feed: {e.Message}", e);
        }
        var items = feed.Items.Select(i => new FeedItem(i.Id, i.Title, i.Link, i.PublishingDate, null, i.Author, i.Description, i.Content,
            i.Categories.ToList(), Array.Empty<FeedEnclosure>())).ToList();
        return new ParsedFeed("rss2.0", feed.Title, feed.Link, feed.Description, feed.Language, feed.LastUpdatedDate, Array.Empty<string>(), items);
    }
}
