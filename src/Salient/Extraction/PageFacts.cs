using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;

namespace Salient.Extraction;

/// <summary>
/// What a page says about itself in its markup rather than its prose: schema.org JSON-LD, meta tags and the
/// root element's language. Read before the reader view removes scripts.
/// </summary>
/// <param name="ArticleBody">The JSON-LD <c>articleBody</c>, when an article object carries one.</param>
/// <param name="Published">The publication time the page declares, with its offset.</param>
/// <param name="DeclaredLanguage">The language the page declares (ISO 639-1), when any.</param>
/// <param name="NotFree">The page marks its content <c>isAccessibleForFree: false</c> (a paywall).</param>
internal sealed record PageFacts(string? ArticleBody, DateTimeOffset? Published, string? DeclaredLanguage, string? Author, string? SiteName, bool NotFree)
{
    public static PageFacts Empty { get; } = new(null, null, null, null, null, false);

    private static readonly string[] PublishedMeta =
    [
        "article:published_time", "og:article:published_time", "datepublished", "article.published", "published_time", "pubdate",
        "publishdate", "publish-date", "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date",
        "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime", "og:published_time",
    ];

    private static readonly JsonDocumentOptions JsonOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    /// <summary>How far after the time of reading a declared publication time may lie and still be believed.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(2);

    /// <summary>Reads the facts from a parsed document; a declared date later than <paramref name="now"/> plus two days is not believed.</summary>
    public static PageFacts Read(IElement documentElement, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(documentElement);
        var ld = new LdFacts();
        foreach (var script in documentElement.QuerySelectorAll("script[type]"))
        {
            var type = script.GetAttribute("type");
            if (type is not null && type.Trim().Equals("application/ld+json", StringComparison.OrdinalIgnoreCase))
            {
                ReadJsonLd(script.TextContent, ld);
            }
        }
        var published = MetaDate(documentElement, now) ?? ParseDate(ld.Published, now) ?? ItempropDate(documentElement, now);
        var language = NormaliseLanguage(documentElement.GetAttribute("lang"))
            ?? NormaliseLanguage(documentElement.GetAttribute("xml:lang"))
            ?? NormaliseLanguage(Meta(documentElement, "content-language"))
            ?? NormaliseLanguage(ld.Language)
            ?? NormaliseLanguage(Meta(documentElement, "og:locale"));
        return new PageFacts(ld.Body, published, language, ld.Author, ld.Publisher, ld.NotFree);
    }

    /// <summary>"en-US", "en_GB", "EN" → "en"; null for anything that is not a two- or three-letter code.</summary>
    public static string? NormaliseLanguage(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var code = value.Trim().Split('-', '_', ',', ';', ' ')[0].ToLowerInvariant();
        return code.Length is 2 or 3 && code.All(char.IsAsciiLetterLower) ? code : null;
    }

    private static string? Meta(IElement root, string name)
    {
        foreach (var meta in root.QuerySelectorAll("meta"))
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("http-equiv") ?? meta.GetAttribute("itemprop");
            if (key is not null && key.Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return meta.GetAttribute("content");
            }
        }
        return null;
    }

    private static DateTimeOffset? MetaDate(IElement root, DateTimeOffset now)
    {
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var meta in root.QuerySelectorAll("meta[content]"))
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop");
            if (key is not null)
            {
                found.TryAdd(key.Trim(), meta.GetAttribute("content")!);
            }
        }
        foreach (var name in PublishedMeta)
        {
            if (found.TryGetValue(name, out var value) && ParseDate(value, now) is { } date)
            {
                return date;
            }
        }
        return null;
    }

    private static DateTimeOffset? ItempropDate(IElement root, DateTimeOffset now)
    {
        var node = root.QuerySelector("[itemprop=datePublished]");
        var value = node?.GetAttribute("datetime") ?? node?.GetAttribute("content");
        if (ParseDate(value, now) is { } date)
        {
            return date;
        }
        var times = root.QuerySelectorAll("time[pubdate][datetime]");
        return times.Length == 1 ? ParseDate(times[0].GetAttribute("datetime"), now) : null;
    }

    /// <summary>
    /// Parses an ISO 8601 or RFC 1123 time; a time without an offset is taken as UTC. Null for a time that is not
    /// <see cref="Plausible"/> as of <paramref name="now"/>, the time the page is read.
    /// </summary>
    public static DateTimeOffset? ParseDate(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        value = value.Trim();
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var date))
        {
            return null;
        }
        return Plausible(date, now) ? date : null;
    }

    /// <summary>
    /// Whether <paramref name="date"/> can be a publication time for a page read at <paramref name="now"/>: dates before
    /// the web or more than <see cref="FutureTolerance"/> ahead are template placeholders, not publication times.
    /// </summary>
    public static bool Plausible(DateTimeOffset date, DateTimeOffset now) => date.Year >= 1990 && date <= now + FutureTolerance;

    private static void ReadJsonLd(string json, LdFacts into)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return;
        }
        try
        {
            // Half a character ("\ud800") parses but throws when read: it is read as the replacement character.
            using var doc = JsonDocument.Parse(Cli.JsonLines.MendSurrogates(json.Trim().TrimEnd(';')), JsonOptions);
            Visit(doc.RootElement, into, depth: 0);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Broken JSON-LD is common; the page's other signals remain.
        }
    }

    private static void Visit(JsonElement node, LdFacts into, int depth)
    {
        if (depth > 8)
        {
            return;
        }
        if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray())
            {
                Visit(item, into, depth + 1);
            }
            return;
        }
        if (node.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        if (IsArticle(node))
        {
            if (into.Body is null && Str(node, "articleBody") is { Length: > 0 } body)
            {
                into.Body = body;
            }
            into.Published ??= Str(node, "datePublished") ?? Str(node, "dateCreated");
            into.Language ??= Str(node, "inLanguage");
            into.Author ??= NameOf(node, "author");
            into.Publisher ??= NameOf(node, "publisher");
            if (node.TryGetProperty("isAccessibleForFree", out var free)
                && (free.ValueKind == JsonValueKind.False || (free.ValueKind == JsonValueKind.String && free.GetString()!.Trim().Equals("false", StringComparison.OrdinalIgnoreCase))))
            {
                into.NotFree = true;
            }
        }
        foreach (var name in (ReadOnlySpan<string>)["@graph", "mainEntity", "mainEntityOfPage", "itemListElement"])
        {
            if (node.TryGetProperty(name, out var child))
            {
                Visit(child, into, depth + 1);
            }
        }
    }

    private static bool IsArticle(JsonElement node)
    {
        if (!node.TryGetProperty("@type", out var type))
        {
            return node.TryGetProperty("articleBody", out _);
        }
        static bool Matches(string? t) => t is not null && (t.EndsWith("Article", StringComparison.OrdinalIgnoreCase)
            || t.Equals("BlogPosting", StringComparison.OrdinalIgnoreCase) || t.Equals("LiveBlogPosting", StringComparison.OrdinalIgnoreCase)
            || t.Equals("Report", StringComparison.OrdinalIgnoreCase));
        return type.ValueKind switch
        {
            JsonValueKind.String => Matches(type.GetString()),
            JsonValueKind.Array => type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && Matches(t.GetString())),
            _ => false,
        };
    }

    private static string? Str(JsonElement node, string name) =>
        node.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()).FirstOrDefault(),
            _ => null,
        } : null;

    private static string? NameOf(JsonElement node, string name)
    {
        if (!node.TryGetProperty(name, out var value))
        {
            return null;
        }
        var names = new List<string>();
        void Add(JsonElement v)
        {
            if (v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s)
            {
                names.Add(s.Trim());
            }
            else if (v.ValueKind == JsonValueKind.Object && v.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() is { Length: > 0 } ns)
            {
                names.Add(ns.Trim());
            }
        }
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var v in value.EnumerateArray())
            {
                Add(v);
            }
        }
        else
        {
            Add(value);
        }
        return names.Count == 0 ? null : string.Join(", ", names.Distinct(StringComparer.Ordinal));
    }

    private sealed class LdFacts
    {
        public string? Body { get; set; }
        public string? Published { get; set; }
        public string? Language { get; set; }
        public string? Author { get; set; }
        public string? Publisher { get; set; }
        public bool NotFree { get; set; }
    }
}
