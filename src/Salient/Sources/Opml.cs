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
        var problems = new List<string>();
        XDocument doc;
        try
        {
            doc = Load(Encoding.UTF8.GetString(StripBom(bytes)));
        }
        catch (XmlException first)
        {
            try
            {
                doc = Load(Repair(Charset.Decode(bytes, null)));
                problems.Add("repaired broken XML (bare '&', HTML entities or control characters)");
            }
            catch (XmlException)
            {
                throw new OpmlException($"'{name}' is not valid OPML: {first.Message}; fix the file (nothing was imported)", first);
            }
        }
        var root = doc.Root;
        if (root is null || !root.Name.LocalName.Equals("opml", StringComparison.OrdinalIgnoreCase))
        {
            if (root is null || !root.Descendants().Any(e => e.Name.LocalName.Equals("outline", StringComparison.OrdinalIgnoreCase)))
            {
                throw new OpmlException($"'{name}' is not an OPML file: its root element is <{root?.Name.LocalName}>, not <opml> (nothing was imported)");
            }
            problems.Add($"root element is <{root.Name.LocalName}>, not <opml>");
        }
        var sources = new List<NewSource>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var body = root.Elements().Where(e => e.Name.LocalName.Equals("body", StringComparison.OrdinalIgnoreCase)).DefaultIfEmpty(root).SelectMany(b => b.Elements());
        // An explicit stack, not recursion: how deep a file nests its folders is the file's choice.
        var pending = new Stack<(XElement Outline, string? Folder)>(body.Reverse().Select(e => (e, (string?)null)));
        while (pending.Count > 0)
        {
            var (outline, folder) = pending.Pop();
            if (Visit(outline, folder, sources, seen, problems, out var childFolder))
            {
                foreach (var child in outline.Elements().Reverse())
                {
                    pending.Push((child, childFolder));
                }
            }
        }
        return new OpmlDocument(sources, problems);
    }

    /// <summary>Takes the feed an outline names, if any, and says which folder its children belong to; false when it is no outline.</summary>
    private static bool Visit(XElement element, string? folder, List<NewSource> sources, HashSet<string> seen, List<string> problems, out string? childFolder)
    {
        childFolder = null;
        if (!element.Name.LocalName.Equals("outline", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var text = Attr(element, "title") ?? Attr(element, "text");
        var type = Attr(element, "type")?.ToLowerInvariant();
        var feedUrl = Attr(element, "xmlUrl") ?? (type is "rss" or "atom" or "feed" or "json" ? Attr(element, "url") : null);
        if (feedUrl is not null)
        {
            if (!Uri.TryCreate(feedUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"skipped '{text ?? feedUrl}': feed URL '{feedUrl}' is not an absolute http(s) URL");
            }
            else if (seen.Add(uri.AbsoluteUri))
            {
                var category = Attr(element, "category")?.Split(',')[0].Trim('/', ' ') is { Length: > 0 } c ? c : folder;
                var tier = int.TryParse(Attr(element, "tier"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) && t is >= 1 and <= 3 ? t : 2;
                sources.Add(new NewSource(uri.AbsoluteUri, text ?? uri.Host, Attr(element, "htmlUrl"), Attr(element, "country")?.ToUpperInvariant(),
                    (Attr(element, "language") ?? Attr(element, "lang"))?.ToLowerInvariant(), tier, category));
            }
        }
        // A folder's children (and, leniently, a feed's children) belong to the folder named by the nearest outline without a feed.
        childFolder = feedUrl is null ? text ?? folder : folder;
        return true;
    }

    private static string? Attr(XElement e, string name)
    {
        foreach (var a in e.Attributes())
        {
            if (a.Name.LocalName.Equals(name, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(a.Value))
            {
                return a.Value.Trim();
            }
        }
        return null;
    }

    private static XDocument Load(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, CheckCharacters = true };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        return XDocument.Load(reader, LoadOptions.SetLineInfo);
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
