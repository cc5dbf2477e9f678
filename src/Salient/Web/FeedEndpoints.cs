using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Salient.Storage;
using Salient.Text;

namespace Salient.Web;

/// <summary>The significant stories as feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1, with <c>min_score</c> and <c>topic</c>.</summary>
internal sealed class FeedEndpoints : IEndpointModule
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/feed.xml", (HttpContext http, SiteStore store, SiteOptions options, TimeProvider clock, CancellationToken ct) => ServeAsync(http, store, options, clock, Rss, "application/rss+xml; charset=utf-8", ct));
        endpoints.MapGet("/feed.atom", (HttpContext http, SiteStore store, SiteOptions options, TimeProvider clock, CancellationToken ct) => ServeAsync(http, store, options, clock, Atom, "application/atom+xml; charset=utf-8", ct));
        endpoints.MapGet("/feed.json", (HttpContext http, SiteStore store, SiteOptions options, TimeProvider clock, CancellationToken ct) => ServeAsync(http, store, options, clock, JsonFeed, "application/feed+json; charset=utf-8", ct));
    }

    /// <summary>What a feed is written from; <see cref="Built"/> is the time of its newest story.</summary>
    internal sealed record FeedContext(string BaseUrl, string SelfUrl, double MinScore, string? Topic, IReadOnlyList<StoryCard> Stories, DateTimeOffset Built, string SiteLanguage = "en");

    private static async Task<IResult> ServeAsync(HttpContext http, SiteStore store, SiteOptions options, TimeProvider clock, Func<FeedContext, string> write, string type, CancellationToken ct)
    {
        var (asked, badScore) = SitePages.ScoreParameter(http);
        if (badScore is not null)
        {
            return Results.Text($"The {badScore}.", "text/plain; charset=utf-8", Encoding.UTF8, StatusCodes.Status400BadRequest);
        }
        var min = asked ?? options.DefaultMinScore;
        var topic = http.Request.Query["topic"].ToString().Trim();
        if (topic.Length > 200)
        {
            topic = topic[..200];
        }
        // ?topic= naming a desk and ?region= are sections; any other topic is words to search for, as before sections.
        var (language, badLanguage) = Languages.Parse(http);
        if (badLanguage is not null)
        {
            return Results.Text(badLanguage, "text/plain; charset=utf-8", Encoding.UTF8, StatusCodes.Status400BadRequest);
        }
        var (section, unknown) = SectionPages.Parse(http);
        if (unknown == "region")
        {
            return Results.Text($"There is no region '{PlainText.Shorten(http.Request.Query["region"].ToString(), 60)}'; see /sections for every region.", "text/plain; charset=utf-8", Encoding.UTF8, StatusCodes.Status404NotFound);
        }
        if (section.Desk is { } desk)
        {
            topic = desk.Name;
        }
        if (section.Region is { } region)
        {
            topic = topic.Length > 0 ? $"{topic} in {region.Name}" : region.Name;
        }
        var stories = await store.StoriesAsync(section.Apply(new StoryQuery
        {
            MinScore = min, Text = topic.Length > 0 && section.IsEmpty ? topic : null, Limit = Math.Clamp(options.FeedItems, 1, 500), BySignificance = false,
            Language = language,
        }), ct).ConfigureAwait(false);
        var baseUrl = BaseUrl(http, options);
        var self = baseUrl + http.Request.Path.Value + http.Request.QueryString.Value;
        // The feed's own time is its newest story's, so the same stories give the same bytes and the same validator;
        // an empty feed's is the site's clock.
        var built = stories.Count > 0 ? stories.Max(s => s.LastActivity) : clock.GetUtcNow();
        var body = write(new FeedContext(baseUrl, self, min, topic.Length > 0 ? topic : null, stories, built, options.Language));
        var headers = http.Response.Headers;
        headers.CacheControl = "public, max-age=300";
        if (stories.Count == 0)
        {
            // An empty feed is built "now" and costs nothing to send: no validator that would change every second.
            return Results.Text(body, type, Encoding.UTF8);
        }
        headers.ETag = ETagOf(body);
        headers.LastModified = built.ToString("r", CultureInfo.InvariantCulture);
        // Feed readers poll: one that already has this version gets 304 and no body.
        return Matches(http.Request.Headers.IfNoneMatch, headers.ETag.ToString())
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Text(body, type, Encoding.UTF8);
    }

    /// <summary>A weak validator over the feed's text (weak: the same text compressed differently is the same feed).</summary>
    internal static string ETagOf(string body)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(body));
        return "W/\"" + Convert.ToHexString(hash, 0, 12).ToLowerInvariant() + "\"";
    }

    /// <summary>Whether an If-None-Match header names <paramref name="etag"/> (weak comparison) or is "*".</summary>
    internal static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        var opaque = etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag;
        foreach (var value in ifNoneMatch)
        {
            foreach (var tag in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (tag == "*" || (tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag) == opaque)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>The site's absolute address without a trailing slash (<see cref="SiteAddress"/>).</summary>
    internal static string BaseUrl(HttpContext http, SiteOptions options) => SiteAddress.BaseUrl(http, options);

    private static string FeedTitle(FeedContext f) =>
        $"Salient: stories at or above {f.MinScore.ToString("0.0", CultureInfo.InvariantCulture)}" + (f.Topic is null ? string.Empty : $" about “{PlainText.Clean(f.Topic)}”");

    /// <summary>The item's title: the story's, or its machine translation into the readers' language when it has one.</summary>
    private static string ItemTitle(StoryCard s, string siteLanguage) => $"[{SiteLayout.Score(s.Score)}] {s.TranslationFor(siteLanguage)?.Title ?? s.Title}";

    /// <summary>The item's text: the summary (when translated: the translation, labelled, then the original) and the story's facts.</summary>
    private static string ItemText(StoryCard s, string siteLanguage)
    {
        var outlets = SiteLayout.Outlets(s.Outlets, s.OutletCount);
        var facts = $"Significance {SiteLayout.Score(s.Score)} · {Counted.Of(s.ArticleCount, "article")}" + (outlets.Length > 0 ? $" from {outlets}" : string.Empty);
        if (s.TranslationFor(siteLanguage) is { } t)
        {
            var translated = t.Summary.Length > 0 ? $"{t.Summary}\n\n" : string.Empty;
            return $"{translated}{StoryTranslation.Label(s.Language, s.Title, s.Summary)}\n\n{facts}";
        }
        return s.Summary.Length > 0 ? $"{s.Summary}\n\n{facts}" : facts;
    }

    private static XmlWriterSettings Settings => new() { Encoding = new UTF8Encoding(false), Indent = false, OmitXmlDeclaration = false, CheckCharacters = true };

    internal static string Rss(FeedContext f)
    {
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(new StringWriterUtf8(sb), Settings))
        {
            w.WriteStartDocument();
            new RssChannel(FeedTitle(f), f.BaseUrl + "/", "The most significant news, rated from 0 to 10 on seven factors by Salient.")
            {
                Language = f.SiteLanguage,
                LastBuildDate = f.Built,
                Ttl = 15,
                SelfUrl = f.SelfUrl,
            }.Start(w);
            foreach (var s in f.Stories)
            {
                var url = $"{f.BaseUrl}/story/{s.Id}";
                RssChannel.Item(w, ItemTitle(s, f.SiteLanguage), url, url, guidIsPermaLink: true, s.Published, ItemText(s, f.SiteLanguage), s.Outlets.Take(10));
            }
            RssChannel.End(w);
            w.WriteEndDocument();
        }
        return sb.ToString();
    }

    internal static string Atom(FeedContext f)
    {
        const string ns = "http://www.w3.org/2005/Atom";
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(new StringWriterUtf8(sb), Settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("feed", ns);
            w.WriteElementString("title", ns, FeedTitle(f));
            w.WriteElementString("subtitle", ns, "The most significant news, rated from 0 to 10 on seven factors by Salient.");
            w.WriteElementString("id", ns, f.SelfUrl);
            var updated = f.Stories.Count > 0 ? f.Stories.Max(s => s.LastActivity) : f.Built;
            w.WriteElementString("updated", ns, Rfc3339(updated));
            Link(w, ns, f.SelfUrl, "self", "application/atom+xml");
            Link(w, ns, f.BaseUrl + "/", "alternate", "text/html");
            w.WriteStartElement("author", ns);
            w.WriteElementString("name", ns, "Salient");
            w.WriteEndElement();
            w.WriteElementString("generator", ns, "Salient");
            foreach (var s in f.Stories)
            {
                var url = $"{f.BaseUrl}/story/{s.Id}";
                w.WriteStartElement("entry", ns);
                w.WriteElementString("title", ns, Xml(ItemTitle(s, f.SiteLanguage)));
                w.WriteElementString("id", ns, url);
                Link(w, ns, url, "alternate", "text/html");
                w.WriteElementString("published", ns, Rfc3339(s.Published));
                w.WriteElementString("updated", ns, Rfc3339(s.LastActivity));
                w.WriteStartElement("summary", ns);
                w.WriteAttributeString("type", "text");
                w.WriteString(Xml(ItemText(s, f.SiteLanguage)));
                w.WriteEndElement();
                foreach (var outlet in s.Outlets.Take(10))
                {
                    w.WriteStartElement("category", ns);
                    w.WriteAttributeString("term", Xml(outlet));
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return sb.ToString();
    }

    internal static string JsonFeed(FeedContext f)
    {
        var items = new JsonArray();
        foreach (var s in f.Stories)
        {
            var url = $"{f.BaseUrl}/story/{s.Id}";
            items.Add(new JsonObject
            {
                ["id"] = url,
                ["url"] = url,
                ["title"] = ItemTitle(s, f.SiteLanguage),
                ["content_text"] = ItemText(s, f.SiteLanguage),
                ["summary"] = s.TranslationFor(f.SiteLanguage)?.Summary ?? s.Summary,
                ["date_published"] = Rfc3339(s.Published),
                ["date_modified"] = Rfc3339(s.LastActivity),
                ["tags"] = new JsonArray(s.Outlets.Take(10).Select(o => (JsonNode?)JsonValue.Create(o)).ToArray()),
                ["_salient"] = new JsonObject { ["score"] = s.Score, ["article_count"] = s.ArticleCount, ["outlet_count"] = s.OutletCount },
            });
        }
        var feed = new JsonObject
        {
            ["version"] = "https://jsonfeed.org/version/1.1",
            ["title"] = FeedTitle(f),
            ["home_page_url"] = f.BaseUrl + "/",
            ["feed_url"] = f.SelfUrl,
            ["description"] = "The most significant news, rated from 0 to 10 on seven factors by Salient.",
            ["language"] = f.SiteLanguage,
            ["authors"] = new JsonArray(new JsonObject { ["name"] = "Salient" }),
            ["items"] = items,
        };
        return feed.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static void Link(XmlWriter w, string ns, string href, string rel, string type)
    {
        w.WriteStartElement("link", ns);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", type);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }

    private static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>Drops characters XML 1.0 cannot carry.</summary>
    internal static string Xml(string s)
    {
        if (s.All(XmlConvert.IsXmlChar))
        {
            return s;
        }
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (XmlConvert.IsXmlChar(s[i]))
            {
                sb.Append(s[i]);
            }
            else if (i + 1 < s.Length && XmlConvert.IsXmlSurrogatePair(s[i + 1], s[i]))
            {
                sb.Append(s[i]).Append(s[i + 1]);
                i++;
            }
        }
        return sb.ToString();
    }

    internal sealed class StringWriterUtf8(StringBuilder sb) : StringWriter(sb, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
