using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Salient.Text;

namespace Salient.Feeds;

/// <summary>
/// Parses feed bytes of any supported format into a <see cref="ParsedFeed"/>: RSS 0.90–0.94, RSS 1.0, RSS 2.0,
/// Atom 0.3 and 1.0, JSON Feed 1.0/1.1. Broken feeds are repaired rather than rejected, and every repair is named
/// in <see cref="ParsedFeed.Recovered"/>. Stateless and thread-safe.
/// </summary>
internal sealed partial class FeedParser
{
    /// <summary>Parses a feed. Throws <see cref="FeedParseException"/> when the bytes are not a feed.</summary>
    /// <param name="body">The raw bytes as served.</param>
    /// <param name="contentType">The HTTP Content-Type, when known (its charset counts in encoding detection).</param>
    /// <param name="feedUrl">Where the feed came from, for resolving relative links.</param>
    public ParsedFeed Parse(byte[] body, string? contentType, Uri? feedUrl)
    {
        ArgumentNullException.ThrowIfNull(body);
        var repairs = new SortedSet<string>(StringComparer.Ordinal);
        var text = Charset.DecodeXml(body, contentType, repairs);
        var fixedText = Markup.FixC1(text);
        if (!ReferenceEquals(fixedText, text))
        {
            // windows-1252 punctuation stored as C1 control characters (a double-encoding mistake)
            repairs.Add("windows-1252-characters");
            text = fixedText;
        }
        var start = 0;
        while (start < text.Length && (char.IsWhiteSpace(text[start]) || text[start] == '\uFEFF'))
        {
            start++;
        }
        if (start >= text.Length)
        {
            throw new FeedParseException("not a feed: the document is empty");
        }
        if (text[start] is '{' or '[')
        {
            return JsonFeedReader.Read(text, feedUrl, repairs);
        }
        var xml = LenientXml.Parse(text, feedUrl);
        repairs.UnionWith(xml.Repairs);
        if (xml.Root is null)
        {
            throw new FeedParseException("not a feed: no XML element found");
        }
        return new XmlFeedReader(repairs).Read(xml.Root);
    }
}

/// <summary>Maps a parsed XML tree of any RSS or Atom flavour onto <see cref="ParsedFeed"/>.</summary>
internal sealed partial class XmlFeedReader(SortedSet<string> repairs)
{
    private static readonly Dictionary<string, string> NamespaceKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        [""] = "",
        ["http://backend.userland.com/rss"] = "",
        ["http://backend.userland.com/rss2"] = "",
        ["http://blogs.law.harvard.edu/tech/rss"] = "",
        ["http://purl.org/rss/1.0/"] = "",
        ["http://my.netscape.com/rdf/simple/0.9/"] = "",
        ["http://purl.org/atom/ns#"] = "",
        ["http://www.w3.org/2005/Atom"] = "",
        ["http://purl.org/rss/1.0/modules/rss091#"] = "",
        ["http://example.com/newformat#"] = "",
        ["http://example.com/necho"] = "",
        ["http://purl.org/echo/"] = "",
        ["uri/of/echo/namespace#"] = "",
        ["http://purl.org/pie/"] = "",
        ["http://purl.org/dc/elements/1.1/"] = "dc",
        ["http://purl.org/dc/terms/"] = "dcterms",
        ["http://purl.org/rss/1.0/modules/content/"] = "content",
        ["http://www.w3.org/1999/xhtml"] = "xhtml",
        ["http://www.itunes.com/dtds/podcast-1.0.dtd"] = "itunes",
        ["http://example.com/dtds/podcast-1.0.dtd"] = "itunes",
        ["http://search.yahoo.com/mrss"] = "media",
        ["http://search.yahoo.com/mrss/"] = "media",
        ["http://www.w3.org/1999/02/22-rdf-syntax-ns#"] = "rdf",
    };

    private const string IanaRelations = "http://www.iana.org/assignments/relation/";

    private bool _atom;
    private bool _atom10;
    // A namespace no one knows, on the feed's own root element: its elements are the format's own ("<rss xmlns=…>").
    private string? _feedNs;
    // Atom: an entry without an author has the feed's (RFC 4287, 4.2.1).
    private string? _feedAuthor;

    /// <summary>
    /// The name an element is known by: its local name in lower case (feeds write <c>&lt;Title&gt;</c> and
    /// <c>&lt;PUBDATE&gt;</c>), prefixed with the usual prefix of its namespace when that is not the format's own.
    /// </summary>
    private string Key(XmlNode e)
    {
        string? ns;
        if (!NamespaceKeys.TryGetValue(e.Ns, out ns))
        {
            ns = e.Ns.StartsWith("urn:undeclared:", StringComparison.Ordinal) ? e.Ns[15..]
                : e.Ns.Contains("backend.userland.com/rss", StringComparison.OrdinalIgnoreCase) || string.Equals(e.Ns, _feedNs, StringComparison.Ordinal) ? ""
                : e.Ns;
        }
        var local = e.Local.ToLowerInvariant();
        return ns.Length == 0 ? local : ns + ":" + local;
    }

    /// <summary>A link's relation, lower case, with the IANA registry's URI form read as the short name.</summary>
    private static string Rel(XmlNode link)
    {
        var rel = link.Attr("rel")?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(rel))
        {
            return "alternate";
        }
        return rel.StartsWith(IanaRelations, StringComparison.Ordinal) ? rel[IanaRelations.Length..] : rel;
    }

    public ParsedFeed Read(XmlNode root)
    {
        var top = FindFeedElement(root);
        if (top is null)
        {
            // a feed whose root element was mangled still counts when its items are there
            if (!root.Elements().Any(e => Key(e) is "item" or "entry"))
            {
                throw new FeedParseException($"not a feed: the document's root element is <{root.Name}>");
            }
            repairs.Add("unknown-root-element");
            top = root;
        }
        var local = top.Local;
        if (top.Ns.Length > 0 && !NamespaceKeys.ContainsKey(top.Ns) && !top.Ns.StartsWith("urn:undeclared:", StringComparison.Ordinal))
        {
            _feedNs = top.Ns;
        }
        string format;
        XmlNode channel;
        List<XmlNode> entries;
        var atomEntries = !local.Equals("feed", StringComparison.OrdinalIgnoreCase) && !ReferenceEquals(top, FindFeedElement(root))
            && top.Elements().Any(e => Key(e) == "entry") && !top.Elements().Any(e => Key(e) == "item");
        if (local.Equals("feed", StringComparison.OrdinalIgnoreCase) || atomEntries)
        {
            _atom = true;
            var version = top.Attr("version");
            _atom10 = top.Ns.Equals("http://www.w3.org/2005/Atom", StringComparison.OrdinalIgnoreCase)
                || ((top.Ns.Length == 0 || _feedNs is not null) && (version is null || version.StartsWith('1')));
            format = _atom10 ? "atom1.0" : "atom0.3";
            channel = top;
            entries = Flatten(top.Elements().Where(e => Key(e) == "entry"), "entry");
        }
        else
        {
            if (local.Equals("RDF", StringComparison.Ordinal) || top.Ns.Contains("purl.org/rss/1.0", StringComparison.OrdinalIgnoreCase))
            {
                format = top.Ns.Contains("netscape.com/rdf/simple/0.9", StringComparison.OrdinalIgnoreCase)
                    || top.Elements().Any(e => e.Ns.Contains("netscape.com/rdf/simple/0.9", StringComparison.OrdinalIgnoreCase))
                    ? "rss0.9x" : "rss1.0";
            }
            else
            {
                var version = top.Attr("version")?.Trim();
                format = version is not null && version.StartsWith("0.9", StringComparison.Ordinal) ? "rss0.9x" : "rss2.0";
            }
            var found = local.Equals("channel", StringComparison.OrdinalIgnoreCase) ? top : top.Elements().FirstOrDefault(e => Key(e) == "channel");
            if (found is null)
            {
                repairs.Add("missing-channel");
                channel = top;
            }
            else
            {
                channel = found;
            }
            var rssItems = channel.Elements().Where(e => Key(e) == "item");
            if (!ReferenceEquals(channel, top))
            {
                // RSS 1.0 keeps items beside the channel; broken RSS 2.0 sometimes does too
                rssItems = rssItems.Concat(top.Elements().Where(e => Key(e) == "item"));
            }
            entries = Flatten(rssItems, "item");
        }

        if (_atom)
        {
            _feedAuthor = Author(channel);
        }
        var items = new List<FeedItem>(entries.Count);
        foreach (var entry in entries)
        {
            try
            {
                items.Add(ReadItem(entry));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                repairs.Add("bad-item-skipped");
            }
        }

        var title = TitleOf(channel);
        var link = _atom ? AtomLink(channel) : RssLink(channel);
        var description = ContentHtml(First(channel, "subtitle", "tagline", "description", "dc:description", "itunes:summary", "itunes:subtitle"), _atom ? "text/plain" : "text/html");
        var language = First(channel, "language", "dc:language")?.Text().Trim() ?? channel.Lang ?? top.Lang;
        var updated = Date(First(channel, "lastbuilddate", "updated", "modified", "dc:date", "dcterms:modified"))
            ?? Date(First(channel, "pubdate", "published", "issued", "dcterms:issued", "dcterms:created"));
        int? ttl = int.TryParse(First(channel, "ttl")?.Text().Trim(), out var t) && t > 0 ? t : null;
        return new ParsedFeed(format, title, link, description, string.IsNullOrEmpty(language) ? null : language, updated, repairs.ToList(), items, ttl);
    }

    /// <summary>
    /// The items in document order, with items nested in an item read as items of their own: a feed that leaves an
    /// item open ("&lt;item&gt;…&lt;item&gt;…") nests the next one inside it (<c>unclosed-item</c>).
    /// </summary>
    private List<XmlNode> Flatten(IEnumerable<XmlNode> top, string key)
    {
        var result = new List<XmlNode>();
        // An explicit stack, not recursion: how deep a feed nests is the feed's choice.
        var stack = new Stack<XmlNode>(top.Reverse());
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            result.Add(node);
            var nested = node.Elements().Where(e => Key(e) == key).ToList();
            if (nested.Count > 0)
            {
                repairs.Add("unclosed-item");
                for (var i = nested.Count - 1; i >= 0; i--)
                {
                    stack.Push(nested[i]);
                }
            }
        }
        return result;
    }

    private static XmlNode? FindFeedElement(XmlNode root)
    {
        var queue = new Queue<(XmlNode Node, int Depth)>();
        queue.Enqueue((root, 0));
        while (queue.Count > 0)
        {
            var (node, depth) = queue.Dequeue();
            if (node.Local is "RDF" || node.Local.ToLowerInvariant() is "rss" or "feed" or "channel")
            {
                return node;
            }
            if (depth < 3)
            {
                foreach (var child in node.Elements())
                {
                    queue.Enqueue((child, depth + 1));
                }
            }
        }
        return null;
    }

    private FeedItem ReadItem(XmlNode item)
    {
        var title = TitleOf(item);
        string? link;
        string? id = null;
        var guid = First(item, "guid");
        if (_atom)
        {
            link = AtomLink(item);
            id = First(item, "id")?.Text().Trim();
            if (link is null && id is not null && (id.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || id.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            {
                link = id;
            }
            if (link is null && First(item, "content") is { } outOfLine && outOfLine.Attr("src") is { } src && src.Trim().Length > 0)
            {
                // content kept elsewhere (<content src="…"/>) is the entry's page when nothing else names one
                link = Links.Resolve(outOfLine.Base, src.Trim());
            }
        }
        else
        {
            link = RssLink(item);
            if (guid is not null)
            {
                var permalink = !string.Equals(guid.Attr("isPermaLink")?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
                var value = guid.Text().Trim();
                id = permalink ? Links.Resolve(guid.Base, value) : value;
                if (permalink && link is null && value.Length > 0)
                {
                    link = id;
                }
            }
            id ??= First(item, "id", "dc:identifier")?.Text().Trim() ?? item.Attr("rdf:about");
        }

        var contentNode = First(item, "content", "content:encoded", "xhtml:body", "body", "fullitem");
        var content = ContentHtml(contentNode, _atom ? "text/plain" : "text/html");
        var summary = ContentHtml(First(item, "summary", "description", "dc:description", "abstract", "itunes:summary"), _atom ? "text/plain" : "text/html")
            ?? content;

        var published = Date(First(item, "published", "pubdate", "issued", "dcterms:issued", "dcterms:created", "created"));
        var updated = Date(First(item, "updated", "modified", "dc:date", "dcterms:modified", "lastbuilddate"));

        var categories = new List<string>();
        foreach (var e in item.Elements())
        {
            var key = Key(e);
            string? term = key switch
            {
                "category" => e.Attr("term") ?? (e.HasElementChildren ? null : e.Text()),
                "dc:subject" => e.Text(),
                _ => null,
            };
            if (string.IsNullOrWhiteSpace(term) && key == "category")
            {
                term = e.Attr("label") ?? e.Text();
            }
            term = term?.Trim();
            if (!string.IsNullOrEmpty(term) && !categories.Contains(term))
            {
                categories.Add(term);
            }
        }

        var enclosures = new List<FeedEnclosure>();
        foreach (var e in item.Elements())
        {
            var key = Key(e);
            string? url = null;
            if (key == "enclosure")
            {
                url = e.Attr("url") ?? e.Attr("href");
            }
            else if (key == "link" && Rel(e) == "enclosure")
            {
                url = e.Attr("href");
            }
            if (string.IsNullOrWhiteSpace(url))
            {
                continue;
            }
            var resolved = Links.Resolve(e.Base, url)!;
            var type = e.Attr("type")?.Trim();
            long? length = long.TryParse(e.Attr("length")?.Trim(), out var l) && l >= 0 ? l : null;
            if (!enclosures.Exists(x => x.Url == resolved))
            {
                enclosures.Add(new FeedEnclosure(resolved, string.IsNullOrEmpty(type) ? null : type, length));
            }
        }

        return new FeedItem(
            string.IsNullOrEmpty(id) ? null : id,
            title,
            link,
            published ?? updated,
            updated ?? published,
            Author(item) ?? _feedAuthor,
            summary,
            content,
            categories,
            enclosures);
    }

    private string? Author(XmlNode item)
    {
        foreach (var e in item.Elements())
        {
            var key = Key(e);
            if (key is "author" or "dc:creator" or "dc:author" or "itunes:author" or "creator")
            {
                if (e.HasElementChildren)
                {
                    var name = First(e, "name")?.Text().Trim();
                    var email = First(e, "email")?.Text().Trim();
                    if (!string.IsNullOrEmpty(name) && !string.IsNullOrEmpty(email))
                    {
                        return $"{name} ({email})";
                    }
                    if (!string.IsNullOrEmpty(name))
                    {
                        return name;
                    }
                    if (!string.IsNullOrEmpty(email))
                    {
                        return email;
                    }
                    continue;
                }
                var text = e.Text().Trim();
                if (text.Length > 0)
                {
                    return text;
                }
            }
        }
        return null;
    }

    private string? TitleOf(XmlNode parent)
    {
        var node = First(parent, "title", "dc:title");
        if (node is null)
        {
            return null;
        }
        var (value, html) = TextConstruct(node, "text/plain");
        var title = html ? SafeHtml.Clean(value, node.Base) : value.Trim();
        return string.IsNullOrWhiteSpace(title) ? null : title;
    }

    private string? RssLink(XmlNode parent)
    {
        string? atomStyle = null;
        foreach (var e in parent.Elements())
        {
            if (Key(e) != "link")
            {
                continue;
            }
            var href = e.Attr("href");
            if (href is null)
            {
                var text = e.Text().Trim();
                if (text.Length > 0)
                {
                    return Links.Resolve(e.Base, text);
                }
                continue;
            }
            if (atomStyle is null && Rel(e) == "alternate")
            {
                atomStyle = Links.Resolve(e.Base, href);
            }
        }
        return atomStyle;
    }

    private string? AtomLink(XmlNode parent)
    {
        string? best = null;
        string? anyAlternate = null;
        foreach (var e in parent.Elements())
        {
            if (Key(e) != "link")
            {
                continue;
            }
            var href = e.Attr("href") ?? e.Attr("url") ?? e.Attr("uri");
            var rel = Rel(e);
            if (href is null)
            {
                var text = e.Text().Trim();
                if (text.Length > 0 && rel == "alternate")
                {
                    anyAlternate ??= Links.Resolve(e.Base, text);
                }
                continue;
            }
            if (rel != "alternate")
            {
                continue;
            }
            var type = e.Attr("type")?.Trim().ToLowerInvariant() ?? "text/html";
            var resolved = Links.Resolve(e.Base, href);
            anyAlternate ??= resolved;
            if (type is "text/html" or "application/xhtml+xml" or "html" or "xhtml")
            {
                best = resolved; // the last alternate HTML link wins, as in Universal Feed Parser
            }
        }
        return best ?? anyAlternate;
    }

    /// <summary>Summary, content or description as sanitised HTML.</summary>
    private string? ContentHtml(XmlNode? node, string defaultType)
    {
        if (node is null)
        {
            return null;
        }
        // plain text goes through the sanitiser as well: text without markup comes out as it was, and text that
        // carries tags anyway (common in feeds that say "text") can never reach a page unsanitised
        var (value, html) = TextConstruct(node, defaultType);
        if (!html && value.Contains('<', StringComparison.Ordinal) && !LooksLikeHtml(value))
        {
            // text whose angle brackets are not markup ("a <b> c" in a type="text" summary) stays text
            value = TagOpen().Replace(value, "&lt;");
        }
        var clean = SafeHtml.Clean(value, node.Base);
        return string.IsNullOrWhiteSpace(clean) ? null : clean;
    }

    /// <summary>The value of a text construct and whether it is HTML, following the element's type and mode.</summary>
    private (string Value, bool Html) TextConstruct(XmlNode node, string defaultType)
    {
        var type = MapType(node.Attr("type")?.Trim() ?? defaultType);
        var mode = node.Attr("mode")?.Trim().ToLowerInvariant();
        if (node.HasElementChildren)
        {
            var children = node.Elements().ToList();
            if (type is "text/plain" or "text/html" && children.Count == 1 && children[0].Local == "div")
            {
                type = "application/xhtml+xml";
            }
            var markup = node;
            if (_atom10 && type == "application/xhtml+xml")
            {
                var nonBlank = node.Children.Where(c => c is XmlNode || !string.IsNullOrWhiteSpace((string)c)).ToList();
                if (nonBlank.Count == 1 && nonBlank[0] is XmlNode { Local: "div" } div)
                {
                    markup = div;
                }
            }
            return (markup.InnerMarkup(), true);
        }
        var text = node.Text();
        var base64 = mode == "base64" || (node.Attr("type") is not null && !type.StartsWith("text/", StringComparison.Ordinal)
            && !type.EndsWith("xml", StringComparison.Ordinal) && type != "application/xhtml+xml");
        if (base64)
        {
            try
            {
                text = Encoding.UTF8.GetString(Convert.FromBase64String(text.Trim()));
            }
            catch (FormatException)
            {
                repairs.Add("bad-base64");
            }
            if (type.StartsWith("text/", StringComparison.Ordinal) is false)
            {
                type = "text/html";
            }
        }
        if (type is "text/html" or "application/xhtml+xml")
        {
            return (text, true);
        }
        if (!_atom && type == "text/plain" && LooksLikeHtml(text))
        {
            return (text, true);
        }
        if (type.EndsWith("xml", StringComparison.Ordinal))
        {
            return (text, true);
        }
        return (text, false);
    }

    private static string MapType(string type)
    {
        var t = type.ToLowerInvariant();
        var semi = t.IndexOf(';', StringComparison.Ordinal);
        if (semi >= 0)
        {
            t = t[..semi].Trim();
        }
        return t switch
        {
            "text" or "plain" => "text/plain",
            "html" => "text/html",
            "xhtml" => "application/xhtml+xml",
            _ => t,
        };
    }

    [GeneratedRegex(@"<(?=[A-Za-z/!?])")]
    private static partial Regex TagOpen();

    [GeneratedRegex(@"</(\w+)>")]
    private static partial Regex CloseTag();

    [GeneratedRegex(@"</?(\w+)")]
    private static partial Regex AnyTag();

    private static bool LooksLikeHtml(string s)
    {
        if (s.IndexOf('<', StringComparison.Ordinal) < 0 || !CloseTag().IsMatch(s))
        {
            return false;
        }
        foreach (Match m in AnyTag().Matches(s))
        {
            if (!SafeHtml.IsAllowedElement(m.Groups[1].Value.ToLowerInvariant()))
            {
                return false;
            }
        }
        return true;
    }

    private DateTimeOffset? Date(XmlNode? node)
    {
        if (node is null)
        {
            return null;
        }
        var text = node.Text();
        var parsed = FeedDates.Parse(text);
        if (parsed is null && !string.IsNullOrWhiteSpace(text))
        {
            repairs.Add("invalid-date");
        }
        return parsed;
    }

    private XmlNode? First(XmlNode parent, params string[] keys)
    {
        foreach (var key in keys)
        {
            foreach (var e in parent.Elements())
            {
                if (Key(e) == key)
                {
                    return e;
                }
            }
        }
        return null;
    }
}
