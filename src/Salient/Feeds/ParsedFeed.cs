namespace Salient.Feeds;

/// <summary>A feed as parsed, whatever its format; the contract between the feed parser and everything that reads feeds.</summary>
/// <param name="Format">rss0.9x, rss1.0, rss2.0, atom0.3, atom1.0 or jsonfeed1.</param>
/// <param name="Recovered">What was repaired to parse it (for example "html-entities", "bare-ampersand"), empty when nothing.</param>
/// <param name="TtlMinutes">The feed's own refresh hint (RSS ttl), when it gives one.</param>
internal sealed record ParsedFeed(
    string Format,
    string? Title,
    string? Link,
    string? Description,
    string? Language,
    DateTimeOffset? Updated,
    IReadOnlyList<string> Recovered,
    IReadOnlyList<FeedItem> Items,
    int? TtlMinutes = null);

/// <summary>One item of a feed. Links are absolute; Summary and Content are sanitised HTML.</summary>
internal sealed record FeedItem(
    string? Id,
    string? Title,
    string? Link,
    DateTimeOffset? Published,
    DateTimeOffset? Updated,
    string? Author,
    string? Summary,
    string? Content,
    IReadOnlyList<string> Categories,
    IReadOnlyList<FeedEnclosure> Enclosures);

internal sealed record FeedEnclosure(string Url, string? Type, long? Length);

/// <summary>The input is not a feed that can be read, even after repair; the message says why.</summary>
internal sealed class FeedParseException(string message, Exception? inner = null) : Exception(message, inner);
