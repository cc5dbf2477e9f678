using System.Globalization;
using System.Xml;

namespace Salient.Web;

/// <summary>
/// The head of every RSS 2.0 feed the site serves (the site's feed, a story's and a thread's): the <c>rss</c> element, the
/// channel and its fields in one order, and the items, written by one writer so the feeds cannot drift apart. Text is
/// stripped of characters XML cannot hold; optional fields are written only when given.
/// </summary>
internal sealed record RssChannel(string Title, string Link, string Description)
{
    private const string AtomNamespace = "http://www.w3.org/2005/Atom";

    /// <summary>The channel's language (an ISO 639-1 code), when the feed names one.</summary>
    public string? Language { get; init; }

    /// <summary>When the feed's content last changed.</summary>
    public DateTimeOffset? LastBuildDate { get; init; }

    /// <summary>Minutes a reader may keep the feed before asking again.</summary>
    public int? Ttl { get; init; }

    /// <summary>The feed's own address (an <c>atom:link rel="self"</c>), when given.</summary>
    public string? SelfUrl { get; init; }

    /// <summary>Opens <c>rss</c> and <c>channel</c> and writes the channel's fields; the items follow, then <see cref="End"/>.</summary>
    public void Start(XmlWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartElement("rss");
        w.WriteAttributeString("version", "2.0");
        if (SelfUrl is not null)
        {
            w.WriteAttributeString("xmlns", "atom", null, AtomNamespace);
        }
        w.WriteStartElement("channel");
        w.WriteElementString("title", FeedEndpoints.Xml(Title));
        w.WriteElementString("link", Link);
        w.WriteElementString("description", FeedEndpoints.Xml(Description));
        if (Language is not null)
        {
            w.WriteElementString("language", Language);
        }
        if (LastBuildDate is { } built)
        {
            w.WriteElementString("lastBuildDate", Date(built));
        }
        w.WriteElementString("generator", "Salient");
        if (Ttl is { } ttl)
        {
            w.WriteElementString("ttl", ttl.ToString(CultureInfo.InvariantCulture));
        }
        if (SelfUrl is not null)
        {
            w.WriteStartElement("atom", "link", AtomNamespace);
            w.WriteAttributeString("href", SelfUrl);
            w.WriteAttributeString("rel", "self");
            w.WriteAttributeString("type", "application/rss+xml");
            w.WriteEndElement();
        }
    }

    /// <summary>One item: its title, link, guid (a permalink or an opaque id), date, text and categories.</summary>
    public static void Item(XmlWriter w, string title, string link, string guid, bool guidIsPermaLink, DateTimeOffset published, string description,
        IEnumerable<string>? categories = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartElement("item");
        w.WriteElementString("title", FeedEndpoints.Xml(title));
        w.WriteElementString("link", link);
        w.WriteStartElement("guid");
        w.WriteAttributeString("isPermaLink", guidIsPermaLink ? "true" : "false");
        w.WriteString(guid);
        w.WriteEndElement();
        w.WriteElementString("pubDate", Date(published));
        w.WriteElementString("description", FeedEndpoints.Xml(description));
        foreach (var category in categories ?? [])
        {
            w.WriteElementString("category", FeedEndpoints.Xml(category));
        }
        w.WriteEndElement();
    }

    /// <summary>Closes the channel and the <c>rss</c> element.</summary>
    public static void End(XmlWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>A date as RSS writes it (RFC 822, in GMT).</summary>
    private static string Date(DateTimeOffset at) => at.ToString("r", CultureInfo.InvariantCulture);
}
