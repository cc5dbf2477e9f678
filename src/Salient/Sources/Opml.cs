using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Salient.Storage;
using Salient.Text;

namespace Salient.Sources;

/// <summary>An OPML file that cannot be read even after repair; the message names the file and the place.</summary>
internal sealed class OpmlException : SalientException
{
    public OpmlException(string message) : base(message) { }
    public OpmlException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>The feeds an OPML file lists, and what was odd about it.</summary>
internal sealed record OpmlDocument(IReadOnlyList<NewSource> Sources, IReadOnlyList<string> Problems);

/// <summary>
/// Reads and writes OPML subscription lists. Reading is forgiving the way real exports need: outlines nested
/// in folders at any depth (the folder becomes the category), attribute names in any case, missing titles,
/// bare ampersands and HTML entities repaired; what cannot be used is reported, not fatal. Our own
/// attributes (country, language, tier, category) round-trip.
/// </summary>
internal static partial class Opml
{
    public static OpmlDocument Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OpmlException($"cannot read OPML file '{path}': {e.Message}", e);
        }
        return Parse(bytes, path);
    }

    public static OpmlDocument Parse(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            return Walk(Encoding.UTF8.GetString(StripBom(bytes)), name, []);
        }
        catch (XmlException first)
        {
            try
            {
                return Walk(Repair(Charset.Decode(bytes, null)), name, ["repaired broken XML (bare '&', HTML entities or control characters)"]);
            }
            catch (XmlException)
            {
                throw new OpmlException($"'{name}' is not valid OPML: {first.Message}; fix the file (nothing was imported)", first);
            }
        }
    }

    /// <summary>
    /// Reads the whole document in one forward pass and takes the feeds its outlines name, in document order.
    /// </summary>
    /// <remarks>
    /// A reader and a stack of open elements, not an <see cref="XDocument"/>: building a tree costs time in
    /// proportion to the depth for every element added (it looks for its root), so a file nesting 100,000
    /// folders took minutes of CPU; this pass is linear in the file, whatever its depth, and needs no recursion.
    /// </remarks>
    private static OpmlDocument Walk(string xml, string name, List<string> problems)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, CheckCharacters = true };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        // The feeds under <body>, and those directly under the root, which count only when there is no <body>.
        var inBody = new Found();
        var atRoot = new Found();
        string? rootName = null;
        bool sawBody = false, sawOutline = false;
        // One frame per open element below the root: where its outline children go (null: they are not read) and their folder.
        var open = new Stack<(Found? Target, string? Folder)>();
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement)
            {
                if (reader.Depth > 0)
                {
                    open.Pop();
                }
                continue;
            }
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            var isOutline = reader.LocalName.Equals("outline", StringComparison.OrdinalIgnoreCase);
            if (reader.Depth == 0)
            {
                rootName = reader.LocalName;
                continue;
            }
            sawOutline |= isOutline;
            (Found? Target, string? Folder) frame;
            if (reader.Depth == 1 && reader.LocalName.Equals("body", StringComparison.OrdinalIgnoreCase))
            {
                sawBody = true;
                frame = (inBody, null);
            }
            else
            {
                var (target, folder) = reader.Depth == 1 ? ((Found?)atRoot, (string?)null) : open.Peek();
                frame = target is not null && isOutline ? (target, Visit(reader, folder, target)) : (null, null);
            }
            if (!reader.IsEmptyElement)
            {
                open.Push(frame);
            }
        }
        if (rootName is null || !rootName.Equals("opml", StringComparison.OrdinalIgnoreCase))
        {
            if (rootName is null || !sawOutline)
            {
                throw new OpmlException($"'{name}' is not an OPML file: its root element is <{rootName}>, not <opml> (nothing was imported)");
            }
            problems.Add($"root element is <{rootName}>, not <opml>");
        }
        var found = sawBody ? inBody : atRoot;
        return new OpmlDocument(found.Sources, [.. problems, .. found.Problems]);
    }

    /// <summary>What one part of the document lists: its feeds (each URL once) and what was skipped.</summary>
    private sealed class Found
    {
        public List<NewSource> Sources { get; } = [];
        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);
        public List<string> Problems { get; } = [];
    }

    /// <summary>Takes the feed the outline under the reader names, if any, and returns the folder its children belong to.</summary>
    private static string? Visit(XmlReader outline, string? folder, Found found)
    {
        var attributes = new List<(string Name, string Value)>();
        if (outline.MoveToFirstAttribute())
        {
            do
            {
                attributes.Add((outline.LocalName, outline.Value));
            }
            while (outline.MoveToNextAttribute());
            outline.MoveToElement();
        }
        string? Attr(string attribute)
        {
            foreach (var (n, v) in attributes)
            {
                if (n.Equals(attribute, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(v))
                {
                    return v.Trim();
                }
            }
            return null;
        }
        var text = Attr("title") ?? Attr("text");
        var type = Attr("type")?.ToLowerInvariant();
        var feedUrl = Attr("xmlUrl") ?? (type is "rss" or "atom" or "feed" or "json" ? Attr("url") : null);
        if (feedUrl is not null)
        {
            if (!Uri.TryCreate(feedUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                found.Problems.Add($"skipped '{text ?? feedUrl}': feed URL '{feedUrl}' is not an absolute http(s) URL");
            }
            else if (Storage.SourceStore.UrlTooLong(uri.AbsoluteUri) is { } tooLong)
            {
                found.Problems.Add($"skipped '{(text is { Length: > 60 } ? text[..60] + "…" : text ?? "")}': {tooLong}");
            }
            else if (found.Seen.Add(uri.AbsoluteUri))
            {
                var category = Attr("category")?.Split(',')[0].Trim('/', ' ') is { Length: > 0 } c ? c : folder;
                var tier = int.TryParse(Attr("tier"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) && t is >= 1 and <= 3 ? t : 2;
                found.Sources.Add(new NewSource(uri.AbsoluteUri, text ?? uri.Host, Attr("htmlUrl"), Attr("country")?.ToUpperInvariant(),
                    (Attr("language") ?? Attr("lang"))?.ToLowerInvariant(), tier, category));
            }
        }
        // A folder's children (and, leniently, a feed's children) belong to the folder named by the nearest outline without a feed.
        return feedUrl is null ? text ?? folder : folder;
    }

    private static byte[] StripBom(byte[] b) => b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? b[3..] : b;

    /// <summary>Repairs what hand-edited and exported OPML files commonly get wrong.</summary>
    internal static string Repair(string xml)
    {
        var s = ControlChars().Replace(xml, string.Empty);
        s = Entity().Replace(s, m =>
        {
            var name = m.Groups[1].Value;
            if (name is "amp" or "lt" or "gt" or "quot" or "apos" || name.StartsWith('#'))
            {
                return m.Value;
            }
            var decoded = WebUtility.HtmlDecode(m.Value);
            return decoded == m.Value ? "&amp;" + name + ";" : string.Concat(decoded.Select(ch => $"&#{(int)ch};"));
        });
        return BareAmpersand().Replace(s, "&amp;");
    }

    [GeneratedRegex(@"[\x00-\x08\x0B\x0C\x0E-\x1F]")]
    private static partial Regex ControlChars();

    [GeneratedRegex(@"&(#?[A-Za-z0-9]+);")]
    private static partial Regex Entity();

    [GeneratedRegex(@"&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);)")]
    private static partial Regex BareAmpersand();

    /// <summary>Writes the sources as OPML 2.0, grouped in folders by category.</summary>
    public static string Write(IReadOnlyList<Source> sources, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var body = new XElement("body");
        foreach (var group in sources.GroupBy(s => s.Category ?? string.Empty, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var outlines = group.Select(s => new XElement("outline",
                new XAttribute("type", "rss"),
                new XAttribute("text", s.Name),
                new XAttribute("title", s.Name),
                new XAttribute("xmlUrl", s.Url),
                s.SiteUrl is null ? null : new XAttribute("htmlUrl", s.SiteUrl),
                s.Country is null ? null : new XAttribute("country", s.Country),
                s.Language is null ? null : new XAttribute("language", s.Language),
                new XAttribute("tier", s.Tier),
                s.Category is null ? null : new XAttribute("category", s.Category)));
            if (group.Key.Length == 0)
            {
                body.Add(outlines);
            }
            else
            {
                body.Add(new XElement("outline", new XAttribute("text", group.Key), new XAttribute("title", group.Key), outlines));
            }
        }
        var doc = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("opml", new XAttribute("version", "2.0"),
                new XElement("head",
                    new XElement("title", "Salient sources"),
                    new XElement("dateCreated", now.ToString("R", CultureInfo.InvariantCulture))),
                body));
        var sb = new StringBuilder();
        using (var writer = XmlWriter.Create(new StringWriter(sb), new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false }))
        {
            doc.Save(writer);
        }
        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }
}
