using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Salient.Sections;
using Salient.Storage;
using Salient.Text;

namespace Salient.Web;

/// <summary>The read-only JSON API (<c>/api/...</c>) with its OpenAPI description at <c>/api/openapi.json</c>.</summary>
internal sealed class ApiEndpoints : IEndpointModule
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.AddEndpointFilter(async (ctx, next) =>
        {
            var http = ctx.HttpContext;
            var limiter = http.RequestServices.GetService(typeof(ApiRateLimiter)) as ApiRateLimiter;
            var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (limiter is not null && !limiter.TryAcquire(client, out var retry))
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: "This address has made too many API requests; wait for the time in Retry-After.");
            }
            http.Response.Headers.AccessControlAllowOrigin = "*";
            return await next(ctx).ConfigureAwait(false);
        });
        api.MapGet("/", () => SiteLayout.Page("API", ApiPage));
        api.MapGet("/openapi.json", () => Results.Text(OpenApi.Document, "application/json; charset=utf-8"));
        api.MapGet("/stories", StoriesAsync);
        api.MapGet("/stories/{id}", StoryAsync);
        api.MapGet("/articles", ArticlesAsync);
        api.MapGet("/sources", async (SiteStore store, CancellationToken ct) =>
            Results.Json((await store.SourcesAsync(ct).ConfigureAwait(false)).Select(s => new
            {
                s.Id, s.Name, url = Redaction.Url(PlainText.SafeUrl(s.Url)), s.Country, s.Language, s.Tier, s.Enabled, last_polled = Iso(s.LastPolledAt),
                last_success = Iso(s.LastSuccessAt), status = s.LastStatus, last_error = Redaction.PollError(s.LastError),
                s.ConsecutiveFailures, s.ItemsSeen,
            }), Json));
        api.MapGet("/stats", async (SiteStore store, SiteOptions options, TimeProvider clock, CancellationToken ct) =>
        {
            var s = await store.StatsAsync(options.DefaultMinScore, clock.GetUtcNow(), ct).ConfigureAwait(false);
            return Results.Json(new
            {
                s.Sources, s.FailingSources, s.Articles, s.Stories, s.ScoredStories, articles_last_24h = s.ArticlesLast24h,
                significant_last_24h = s.SignificantLast24h, threshold = options.DefaultMinScore, latest_article = Iso(s.LatestArticle),
            }, Json);
        });
    }

    private static IResult Bad(string detail) => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);

    internal static string? Iso(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>An instant given as ISO 8601 or Unix milliseconds.</summary>
    internal static bool TryInstant(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms is > 0 and < 253_402_300_800_000)
        {
            value = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
        {
            value = t;
            return true;
        }
        return false;
    }

    /// <summary>The last page a list of the API can be asked for; past it, narrow the list with <c>date</c>, <c>since</c> or the other filters.</summary>
    internal const int MaxPage = 1000;

    /// <summary>
    /// The filters every list shares: <c>date</c> (the day's start in <paramref name="from"/>), <c>since</c>, <c>limit</c> and
    /// <c>page</c>; the answer for a bad one. A limit above the maximum is refused, never cut down unsaid.
    /// </summary>
    private static IResult? Window(HttpContext http, SiteOptions options, out DateTimeOffset? from, out DateTimeOffset? since, out int limit, out int page)
    {
        var q = http.Request.Query;
        from = null;
        limit = options.ApiDefaultLimit;
        page = 1;
        var dateText = q["date"].ToString();
        var date = SitePages.ParseDate(dateText);
        since = null;
        if (dateText.Length > 0 && date is null)
        {
            return Bad("date must be a day YYYY-MM-DD from 1970-01-01 to 9999-12-30");
        }
        if (!TryInstant(q["since"], out since))
        {
            return Bad("since must be an ISO 8601 time or Unix milliseconds");
        }
        if (!TryLimit(q["limit"], options, out limit))
        {
            return Bad($"limit must be a whole number from 1 to {options.ApiMaxLimit} (the maximum); for more, ask for the next page with page");
        }
        var (asked, badPage) = Paging.PageParameter(http, MaxPage);
        if (badPage is not null)
        {
            return Bad(badPage);
        }
        page = asked;
        from = date is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        return null;
    }

    private static bool TryLimit(string? text, SiteOptions options, out int limit)
    {
        limit = options.ApiDefaultLimit;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > options.ApiMaxLimit)
        {
            return false;
        }
        limit = n;
        return true;
    }

    /// <summary>
    /// Says where the list goes on: the <c>Link</c> header (RFC 8288) names the <c>next</c> page when there is one and the
    /// <c>prev</c> page after the first, each with every parameter of the request kept.
    /// </summary>
    private static void PageLinks(HttpContext http, string baseUrl, int page, bool more)
    {
        var links = new List<string>(2);
        if (more && page < MaxPage)
        {
            links.Add($"<{baseUrl}{Paging.Link(http, http.Request.Path, page + 1)}>; rel=\"next\"");
        }
        if (page > 1)
        {
            links.Add($"<{baseUrl}{Paging.Link(http, http.Request.Path, page - 1)}>; rel=\"prev\"");
        }
        if (links.Count > 0)
        {
            http.Response.Headers.Link = string.Join(", ", links);
        }
    }

    /// <summary>
    /// A story as the API gives it. <c>topics</c> are its desks, primary first, with the classifier's confidence;
    /// <c>countries</c> the countries it is about, most central first, and <c>regions</c> the regions those fall in;
    /// <c>outlet_countries</c> where its outlets are.
    /// </summary>
    internal static object StoryJson(StoryCard s, string baseUrl, RegionCatalog regions) => new
    {
        s.Id,
        s.Title,
        s.Summary,
        s.Score,
        s.Factors,
        s.Reason,
        s.Percentile,
        s.ArticleCount,
        s.OutletCount,
        s.Outlets,
        topics = s.Topics.Select(t => new { slug = t.Desk, confidence = Math.Round(t.Confidence, 3) }),
        countries = s.AboutCountries,
        regions = regions.Containing(s.AboutCountries),
        outlet_countries = s.Countries,
        s.Language,
        translation = s.Translation is { } t
            ? new { language = t.Language, title = t.Title, summary = t.Summary, model = t.Model, translated = Iso(t.TranslatedAt), machine = true }
            : null,
        published = Iso(s.Published),
        updated = Iso(s.LastActivity),
        url = $"{baseUrl}/story/{s.Id}",
    };

    private static async Task<IResult> StoriesAsync(HttpContext http, SiteStore store, DayRanks ranks, SiteOptions options, StoryJsonCache json, CancellationToken ct)
    {
        var q = http.Request.Query;
        var (asked, badScore) = SitePages.ScoreParameter(http);
        if (badScore is not null)
        {
            return Bad(badScore);
        }
        var min = asked ?? 0.0;
        if (Window(http, options, out var from, out var since, out var limit, out var page) is { } bad)
        {
            return bad;
        }
        var (bySignificance, badSort) = Paging.SortParameter(http, fallback: false);
        if (badSort is not null)
        {
            return Bad(badSort);
        }
        var (language, badLanguage) = Languages.Parse(http);
        if (badLanguage is not null)
        {
            return Bad(badLanguage);
        }
        var (section, unknown) = SectionPages.Parse(http);
        if (unknown is not null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: $"there is no {unknown} '{PlainText.Shorten(q[unknown].ToString(), 60)}'; topics are {string.Join(", ", Sections.Desks.Slugs)}; regions are listed at /sections");
        }
        var stories = await store.StoriesAsync(section.Apply(new StoryQuery
        {
            From = from, To = from?.AddDays(1), Since = since, MinScore = min, Outlet = q["outlet"].ToString() is { Length: > 0 } o ? o : null,
            Text = q["q"].ToString() is { Length: > 0 } text ? text : null, Limit = limit + 1, Offset = (page - 1) * limit, BySignificance = bySignificance, Language = language,
        }), ct).ConfigureAwait(false);
        var baseUrl = FeedEndpoints.BaseUrl(http, options);
        // One more than asked was read, to know whether a next page has anything.
        PageLinks(http, baseUrl, page, stories.Count > limit);
        stories = stories.Take(limit).ToList();
        http.Response.Headers["X-Result-Count"] = stories.Count.ToString(CultureInfo.InvariantCulture);
        var ranked = await ranks.WithPercentilesAsync(stories, ct).ConfigureAwait(false);
        return Validators.JsonArray(http, ranked.ConvertAll(s => json.Get(s, baseUrl)), stories.Count > 0 ? stories.Max(s => s.LastActivity) : null);
    }

    private static async Task<IResult> StoryAsync(string id, HttpContext http, SiteStore store, DayRanks ranks, RelatedStories topics, SiteOptions options, RegionCatalog regions, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var storyId))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "story ids are whole numbers");
        }
        var found = await store.StoryAsync(storyId, ct).ConfigureAwait(false);
        if (found is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"there is no story {storyId}");
        }
        if (found.MergedInto is not null)
        {
            var survivor = await store.SurvivorAsync(storyId, ct).ConfigureAwait(false);
            return survivor is { } to && to != storyId
                ? Results.Redirect($"/api/stories/{to.ToString(CultureInfo.InvariantCulture)}", permanent: true)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"story {storyId} was merged away");
        }
        var baseUrl = FeedEndpoints.BaseUrl(http, options);
        var (rank, _) = await ranks.RankAsync(found.Card, ct).ConfigureAwait(false);
        var s = found.Card with { Percentile = rank?.Percentile };
        var articles = await store.StoryArticlesAsync(s.Id, ct).ConfigureAwait(false);
        var thread = found.ThreadId is { } threadId ? await store.ThreadAsync(threadId, ct).ConfigureAwait(false) : [];
        var related = await ranks.WithPercentilesAsync(
            await topics.CardsAsync(store, s, 5, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        return Validators.Json(http, new
        {
            story = StoryJson(s, baseUrl, regions),
            rank = rank is null ? null : new { top_percent = rank.TopPercent, analysed = rank.AnalysedCount, day = rank.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            articles = articles.Select(a => new { a.Id, a.Title, a.Url, a.Outlet, a.Country, a.Language, published = Iso(a.At) }),
            related = related.Select(r => StoryJson(r, baseUrl, regions)),
            // The thread of successive stories this one belongs to, oldest first; null while it is linked to none.
            thread = found.ThreadId is { } tid && thread.Count > 0 ? new { id = tid, stories = thread.Select(t => t.Id) } : null,
            score_history = (await store.ScoreHistoryAsync(s.Id, ct).ConfigureAwait(false)).Select(p => new { scored_at = Iso(p.At), score = p.Score, articles = p.Articles, outlets = p.Outlets }),
            timeline = Stories.StoryTimeline.Build(articles).Select(d => new
            {
                at = Iso(d.At),
                first_report = d.FirstReport.Id,
                articles = d.Articles.Select(a => a.Id),
                outlets = d.Outlets,
                @new = d.New,
            }),
        }, Json, found.Changed);
    }

    private static async Task<IResult> ArticlesAsync(HttpContext http, SiteStore store, SiteOptions options, CancellationToken ct)
    {
        var q = http.Request.Query;
        if (Window(http, options, out var from, out var since, out var limit, out var page) is { } bad)
        {
            return bad;
        }
        long? story = null;
        if (q["story"].ToString() is { Length: > 0 } storyText)
        {
            if (!long.TryParse(storyText, NumberStyles.None, CultureInfo.InvariantCulture, out var sid))
            {
                return Bad("story must be a story id");
            }
            story = sid;
        }
        var articles = await store.ArticlesAsync(q["q"].ToString() is { Length: > 0 } text ? text : null, q["outlet"].ToString() is { Length: > 0 } o ? o : null,
            from, from?.AddDays(1), since, story, limit + 1, ct, offset: (page - 1) * limit).ConfigureAwait(false);
        PageLinks(http, FeedEndpoints.BaseUrl(http, options), page, articles.Count > limit);
        articles = articles.Take(limit).ToList();
        return Validators.Json(http, articles.Select(a => new { a.Id, a.Title, a.Url, a.Outlet, a.Country, published = Iso(a.At), story = a.StoryId, story_score = a.StoryScore }), Json,
            articles.Count > 0 ? articles.Max(a => a.At) : null);
    }

    private static readonly Html ApiPage = Html.Of($$"""
        <h1>API</h1>
        <p>Read-only JSON over HTTP, described in <a href="/api/openapi.json">OpenAPI 3.1</a>. Times are ISO 8601 UTC; <code>since</code> also takes Unix milliseconds.
        Each address may make a limited number of requests a minute; past it the answer is 429 with <code>Retry-After</code>.</p>
        <dl>
          <dt><a href="/api/stories?min_score=5.5"><code>GET /api/stories</code></a></dt>
          <dd>Stories, newest first. Filters: <code>date</code> (YYYY-MM-DD), <code>since</code>, <code>min_score</code>, <code>outlet</code>, <code>q</code>, <code>topic</code>, <code>region</code>, <code>lang</code> (a two-letter language code), <code>sort</code> (<code>date</code>, the default: newest first; or <code>score</code>: most significant first), <code>limit</code> and <code>page</code> (see below). Each story carries its <code>topics</code> (desks, primary first, with confidence), <code>countries</code> it is about and <code>regions</code>, its <code>language</code>, and <code>translation</code> (<code>{language, title, summary, model, translated, machine}</code>): a checked machine translation into the site's language when an LLM is configured and the story is in another, else null; <code>title</code> and <code>summary</code> stay the original.</dd>
          <dt><code>GET /api/stories/{id}</code></dt><dd>One story with its rank, articles, related stories and thread; a merged story redirects to the one it joined.</dd>
          <dt><code>GET /api/threads/{id}</code></dt><dd>One thread: the successive stories of a long-running topic, oldest first.</dd>
          <dt><a href="/api/articles"><code>GET /api/articles</code></a></dt><dd>Articles, newest first: <code>q</code>, <code>outlet</code>, <code>date</code>, <code>since</code>, <code>story</code>, <code>limit</code>, <code>page</code>.</dd>
          <dt>Pages</dt><dd>Lists come a page at a time: <code>limit</code> results (default 200, at most 1000; more is refused with 400, never cut down) from
          <code>page</code> (1, the default, to 1000). When there is a next page, the <code>Link</code> header names it (<code>rel="next"</code>) with every
          other parameter kept; after the first page it also names the previous one. The order ends in the id, so no result repeats or goes missing from one page to the next.</dd>
          <dt><a href="/api/sources"><code>GET /api/sources</code></a></dt><dd>Every source with its poll status.</dd>
          <dt><a href="/api/stats"><code>GET /api/stats</code></a></dt><dd>Counts.</dd>
        </dl>
        """);
}
