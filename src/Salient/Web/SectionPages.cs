using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Salient.Sections;
using Salient.Storage;
using static Salient.Web.SiteLayout;

namespace Salient.Web;

/// <summary>A section asked for by a page, feed or API call: a desk, a region, or both.</summary>
internal sealed record SectionFilter(Desk? Desk, Region? Region)
{
    public bool IsEmpty => Desk is null && Region is null;

    public string Name => (Desk, Region) switch
    {
        ({ } d, { } r) => $"{d.Name} in {r.Name}",
        ({ } d, null) => d.Name,
        (null, { } r) => r.Name,
        _ => "All sections",
    };

    /// <summary>The section's own threshold key: the region's slug, else the desk's.</summary>
    public string? Slug => Region?.Slug ?? Desk?.Slug;

    public StoryQuery Apply(StoryQuery query) => query with { Desk = Desk?.Slug, Countries = Region?.Countries };
}

/// <summary>
/// The section pages: <c>/sections</c> (every desk and region), <c>/topic/{slug}</c>, <c>/region/{slug}</c> and the front
/// page with <c>?topic=</c> or <c>?region=</c>. A section lists its stories of the last 24 hours (or <c>?date=</c>) by
/// significance at the section's threshold, and on a quiet day still its own top stories, shown apart with their
/// global score. Unknown or malformed slugs are 404.
/// </summary>
internal sealed class SectionPages : IEndpointModule
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sections", IndexPage);
        endpoints.MapGet("/topic/{slug}", (string slug, HttpContext http, CancellationToken ct) =>
            Desks.Find(slug.ToLowerInvariant()) is { } desk ? ServeAsync(http, new SectionFilter(desk, RegionOf(http)), ct) : Task.FromResult(Missing("topic", slug)));
        endpoints.MapGet("/region/{slug}", (string slug, HttpContext http, RegionCatalog regions, CancellationToken ct) =>
            regions.Find(slug) is { } region ? ServeAsync(http, new SectionFilter(TopicOf(http), region), ct) : Task.FromResult(Missing("region", slug)));
    }

    /// <summary>True when the request names a section by <c>?topic=</c> or <c>?region=</c>.</summary>
    public static bool Wants(HttpContext http) =>
        http.Request.Query.ContainsKey("topic") || http.Request.Query.ContainsKey("region");

    /// <summary>
    /// Reads <c>?topic=</c> and <c>?region=</c>: the section, or the name of the parameter that holds no known section
    /// (an empty value is no filter).
    /// </summary>
    public static (SectionFilter Filter, string? Unknown) Parse(HttpContext http)
    {
        var q = http.Request.Query;
        var topicText = q["topic"].ToString().Trim();
        var regionText = q["region"].ToString().Trim();
        var desk = topicText.Length == 0 ? null : Desks.Find(topicText.ToLowerInvariant());
        var region = regionText.Length == 0 ? null : http.RequestServices.GetRequiredService<RegionCatalog>().Find(regionText);
        var unknown = topicText.Length > 0 && desk is null ? "topic" : regionText.Length > 0 && region is null ? "region" : null;
        return (new SectionFilter(desk, region), unknown);
    }

    /// <summary>Hidden form fields that keep a section's filter across a form (search).</summary>
    public static Html HiddenInputs(SectionFilter f)
    {
        var b = new HtmlBuilder(128);
        if (f.Desk is { } d)
        {
            b.Append($"<input type=\"hidden\" name=\"topic\" value=\"{d.Slug}\">");
        }
        if (f.Region is { } r)
        {
            b.Append($"<input type=\"hidden\" name=\"region\" value=\"{r.Slug}\">");
        }
        return b.ToHtml();
    }

    private static Region? RegionOf(HttpContext http) => Parse(http).Filter.Region;

    private static Desk? TopicOf(HttpContext http) => Parse(http).Filter.Desk;

    /// <summary>The front page's <c>?topic=</c> / <c>?region=</c>: the section's page, or 404 for an unknown one.</summary>
    public static Task<IResult> FrontAsync(HttpContext http, CancellationToken ct)
    {
        var (filter, unknown) = Parse(http);
        if (unknown is not null)
        {
            return Task.FromResult(Missing(unknown, http.Request.Query[unknown].ToString()));
        }
        return ServeAsync(http, filter, ct);
    }

    internal static IResult Missing(string kind, string slug) =>
        Page("Not found", Html.Of($"<h1>Not found</h1><p>There is no {kind} '{(slug.Length > 60 ? slug[..60] + "…" : slug)}'. See <a href=\"/sections\">every topic and region</a>.</p>"),
            StatusCodes.Status404NotFound);

    private static async Task<IResult> ServeAsync(HttpContext http, SectionFilter filter, CancellationToken ct)
    {
        var services = http.RequestServices;
        var store = services.GetRequiredService<SiteStore>();
        var options = services.GetRequiredService<SiteOptions>();
        var sections = services.GetRequiredService<SectionsOptions>();
        var clock = services.GetRequiredService<TimeProvider>();
        var dateText = http.Request.Query["date"].ToString();
        var date = SitePages.ParseDate(dateText);
        if (dateText.Length > 0 && date is null)
        {
            return Page("Not a date", Html.Of($"<h1>Not a date</h1><p>Give the day as YYYY-MM-DD, from 1970-01-01 to 9999-12-30.</p>"), StatusCodes.Status400BadRequest);
        }
        var (language, badLanguage) = Languages.Parse(http);
        if (badLanguage is not null)
        {
            return Page("Not a language", Html.Of($"<h1>Not a language</h1><p>The {badLanguage}. <a href=\"{SectionPath(filter, null)}\">{filter.Name} in every language</a></p>"), StatusCodes.Status400BadRequest);
        }
        if (SitePages.ScoreParameter(http).Error is { } badScore)
        {
            return SitePages.NotAScore(badScore, SectionPath(filter, language));
        }
        var min = filter.Slug is { } slug && sections.Thresholds.TryGetValue(slug, out var own) && SitePages.ScoreParameter(http).Score is null
            ? own
            : SitePages.Threshold(http, options, remember: false);
        var now = clock.GetUtcNow();
        var from = date is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : now.AddDays(-1);
        var to = date is not null ? from.AddDays(1) : now.AddMinutes(1);
        var stories = await store.StoriesAsync(filter.Apply(new StoryQuery { From = from, To = to, BySignificance = true, Limit = 100, Language = language }), ct).ConfigureAwait(false);
        var above = stories.Where(s => s.Score >= min).ToList();
        // A quiet day: the section's own top stories still show, apart and with their global score.
        var below = above.Count >= sections.MinStories ? [] : stories.Where(s => !(s.Score >= min)).Take(sections.MinStories - above.Count).ToList();
        var minText = min.ToString("0.0", CultureInfo.InvariantCulture);
        var b = new HtmlBuilder(16_384);
        b.Append($"<div class=\"day\"><h1>{filter.Name}</h1><p class=\"meta\">");
        b.Append($"{(date is { } day ? day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture) : "The last 24 hours")} · {above.Count} at or above {minText}");
        if (filter.Region is { Kind: not "country" } r)
        {
            b.Append($" · {r.Countries.Count} {(r.Countries.Count == 1 ? "country" : "countries")}");
        }
        if (language is not null)
        {
            b.Append($" · only stories in {Languages.Name(language)} (<a href=\"{SectionPath(filter, null)}\">every language</a>)");
        }
        b.Append($"</p></div>");
        if (stories.Count == 0)
        {
            b.Append($"<p class=\"empty\">No story of this section{(language is null ? Html.Empty : Html.Of($" in {Languages.Name(language)}"))} {(date is null ? "in the last 24 hours yet" : "on this day")}.");
            // An empty page says where the section's stories are: the day of its newest story before this window.
            var latest = await store.StoriesAsync(filter.Apply(new StoryQuery { To = from, Limit = 1, Language = language }), ct).ConfigureAwait(false);
            if (latest.Count > 0)
            {
                var latestDay = DateOnly.FromDateTime(latest[0].LastActivity.UtcDateTime);
                b.Append($" The latest day with one: <a href=\"{SectionPath(filter, language, latestDay)}\">{latestDay.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)}</a>.");
            }
            b.Append($"</p>");
        }
        b.Append($"<ol class=\"stories\">");
        foreach (var s in above)
        {
            SitePages.StoryItem(b, s, now, options.Language);
        }
        b.Append($"</ol>");
        if (below.Count > 0)
        {
            b.Append($"<section class=\"quiet\" aria-labelledby=\"quiet-h\"><h2 id=\"quiet-h\">Top of this section, below {minText}</h2>")
             .Append($"<p class=\"meta\">A quiet day here: the section's most significant stories, each with its global score.</p><ol class=\"stories below\">");
            foreach (var s in below)
            {
                SitePages.StoryItem(b, s, now, options.Language);
            }
            b.Append($"</ol></section>");
        }
        b.Append($"<p class=\"meta\">Feeds of this section: <a href=\"/feed.xml{FeedQuery(filter, language)}\">RSS</a> · <a href=\"/feed.atom{FeedQuery(filter, language)}\">Atom</a> · <a href=\"/feed.json{FeedQuery(filter, language)}\">JSON Feed</a> · <a href=\"/sections\">all sections</a></p>");
        return Page(filter.Name, b, current: "/sections");
    }

    /// <summary>The section's own page, with <c>?lang=</c> when <paramref name="language"/> is given.</summary>
    private static string SectionPath(SectionFilter f, string? language, DateOnly? day = null)
    {
        var path = f.Region is { } r ? $"/region/{Uri.EscapeDataString(r.Slug)}" : f.Desk is { } d ? $"/topic/{Uri.EscapeDataString(d.Slug)}" : "/sections";
        var query = new List<string>();
        if (f.Region is not null && f.Desk is { } desk)
        {
            query.Add("topic=" + Uri.EscapeDataString(desk.Slug));
        }
        if (language is not null)
        {
            query.Add("lang=" + Uri.EscapeDataString(language));
        }
        if (day is { } d2)
        {
            query.Add("date=" + d2.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }

    private static string FeedQuery(SectionFilter f, string? language)
    {
        var parts = new List<string>();
        if (language is not null)
        {
            parts.Add("lang=" + Uri.EscapeDataString(language));
        }
        if (f.Desk is { } d)
        {
            parts.Add("topic=" + Uri.EscapeDataString(d.Slug));
        }
        if (f.Region is { } r)
        {
            parts.Add("region=" + Uri.EscapeDataString(r.Slug));
        }
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static IResult IndexPage(RegionCatalog regions)
    {
        var b = new HtmlBuilder(32_768);
        b.Append($"<h1>Sections</h1><h2 id=\"topics-h\">Topics</h2><ul class=\"sections topics\" aria-labelledby=\"topics-h\">");
        foreach (var d in Desks.All)
        {
            b.Append($"<li><a href=\"/topic/{d.Slug}\">{d.Name}</a></li>");
        }
        b.Append($"</ul>");
        foreach (var (kind, heading) in new[] { ("custom", "Your regions"), ("area", "Regions"), ("sub-region", "Sub-regions"), ("country", "Countries") })
        {
            var list = regions.All.Where(r => r.Kind == kind).ToList();
            if (list.Count == 0)
            {
                continue;
            }
            b.Append($"<h2>{heading}</h2><ul class=\"sections regions\">");
            foreach (var r in list)
            {
                b.Append($"<li><a href=\"/region/{r.Slug}\">{r.Name}</a></li>");
            }
            b.Append($"</ul>");
        }
        return Page("Sections", b.ToHtml(), current: "/sections");
    }

    /// <summary>The story page's line naming its topics and countries, each a link to its section.</summary>
    public static async Task AppendStoryLinksAsync(HtmlBuilder b, long storyId, IServiceProvider services, CancellationToken ct)
    {
        var sections = await services.GetRequiredService<SectionStore>().SectionsAsync(storyId, ct).ConfigureAwait(false);
        if (sections is null || (sections.Topics.Count == 0 && sections.Countries.Count == 0))
        {
            return;
        }
        var regions = services.GetRequiredService<RegionCatalog>();
        b.Append($"<p class=\"sections meta\">");
        var first = true;
        foreach (var t in sections.Topics)
        {
            if (Desks.Find(t.Desk) is not { } desk)
            {
                continue;
            }
            b.Append($"{(first ? "Topics: " : ", ")}<a href=\"/topic/{desk.Slug}\" rel=\"tag\">{desk.Name}</a>");
            first = false;
        }
        var firstCountry = true;
        foreach (var c in sections.Countries)
        {
            if (regions.Find(c) is not { } region)
            {
                continue;
            }
            b.Append($"{(firstCountry ? (first ? "About: " : " · About: ") : ", ")}<a href=\"/region/{region.Slug}\" rel=\"tag\">{region.Name}</a>");
            firstCountry = false;
        }
        b.Append($"</p>");
    }
}
