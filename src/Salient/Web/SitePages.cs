using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Salient.Storage;
using Salient.Text;
using static Salient.Web.SiteLayout;

namespace Salient.Web;

/// <summary>The reader's pages: the front page of the day, a story, search, and the list of feeds.</summary>
internal sealed class SitePages : IEndpointModule
{
    public const string ThresholdCookie = "min_score";
    private static readonly string[] FactorNames = ["scale", "impact", "novelty", "potential", "legacy", "positivity", "credibility"];

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", FrontAsync);
        endpoints.MapGet("/story/{id}", StoryAsync);
        endpoints.MapGet("/search", SearchAsync);
        endpoints.MapGet("/feeds", FeedsPage);
    }

    /// <summary>The threshold: ?min_score= (remembered in a cookie), else the cookie, else the configured default.</summary>
    /// <remarks>A <c>?min_score=</c> that is no score is the caller's to refuse first (<see cref="ScoreParameter"/>); here it counts as absent.</remarks>
    internal static double Threshold(HttpContext http, SiteOptions options, bool remember)
    {
        if (ScoreParameter(http).Score is { } fromQuery)
        {
            if (remember)
            {
                http.Response.Cookies.Append(ThresholdCookie, fromQuery.ToString("0.0", CultureInfo.InvariantCulture), new CookieOptions
                {
                    MaxAge = TimeSpan.FromDays(365),
                    SameSite = SameSiteMode.Lax,
                    HttpOnly = true,
                    IsEssential = true,
                    Path = "/",
                });
            }
            return fromQuery;
        }
        return ParseScore(http.Request.Cookies[ThresholdCookie]) ?? options.DefaultMinScore;
    }

    /// <summary>
    /// <c>?min_score=</c> as asked: no score when it is absent or empty, the score when it is a number from 0 to 10, else
    /// the error to show, which names the parameter and what to give. Pages, feeds and the API refuse the same values.
    /// </summary>
    internal static (double? Score, string? Error) ScoreParameter(HttpContext http)
    {
        var raw = http.Request.Query["min_score"].ToString().Trim();
        if (raw.Length == 0)
        {
            return (null, null);
        }
        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v is >= 0 and <= 10
            ? (v, null)
            : (null, $"min_score '{(raw.Length > 40 ? raw[..40] + "…" : raw)}' is not a significance score: give a number from 0 to 10, such as 5.5");
    }

    /// <summary>A score from a cookie or a stored value: a number, kept within 0–10; anything else is null.</summary>
    internal static double? ParseScore(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? Math.Clamp(v, 0, 10) : null;

    /// <summary>The first day a page or a filter can ask for: nothing is stored from before 1970.</summary>
    internal static readonly DateOnly FirstDay = new(1970, 1, 1);

    /// <summary>The last: a day's window ends the next midnight, which must still be a date.</summary>
    internal static readonly DateOnly LastDay = new(9999, 12, 30);

    /// <summary>"YYYY-MM-DD" from <see cref="FirstDay"/> to <see cref="LastDay"/>; anything else is null.</summary>
    internal static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d >= FirstDay && d <= LastDay ? d : null;

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string DayText(DateOnly day) => day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string DayParam(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<IResult> FrontAsync(HttpContext http, SiteStore store, SiteOptions options, FrontPageCache cache, TimeProvider clock, CancellationToken ct)
    {
        if (SectionPages.Wants(http))
        {
            return await SectionPages.FrontAsync(http, ct).ConfigureAwait(false);
        }
        var (language, badLanguage) = Languages.Parse(http);
        if (badLanguage is not null)
        {
            return Page("Not a language", Html.Of($"<h1>Not a language</h1><p>The {badLanguage}. <a href=\"/\">All stories</a></p>"), StatusCodes.Status400BadRequest);
        }
        if (ScoreParameter(http).Error is { } badScore)
        {
            return NotAScore(badScore, "/");
        }
        var min = Threshold(http, options, remember: true);
        var dateText = http.Request.Query["date"].ToString();
        var date = ParseDate(dateText);
        if (dateText.Length > 0 && date is null)
        {
            return Page("Not a date", Html.Of($"<h1>Not a date</h1><p>Give the day as YYYY-MM-DD, from 1970-01-01 to 9999-12-30, for example <a href=\"/?date={DayParam(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))}\">today</a>.</p>"), StatusCodes.Status400BadRequest);
        }
        http.Response.Headers.CacheControl = "no-cache";
        return language is null
            ? await cache.GetAsync(date, min, c => RenderFrontAsync(store, clock, date, min, options.Language, null, c), ct).ConfigureAwait(false)
            : await RenderFrontAsync(store, clock, date, min, options.Language, language, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The front page for a day (or the last 24 hours when <paramref name="date"/> is null) at a threshold, in one
    /// <paramref name="language"/> or all. Stories in a language other than the readers' are kept, listed apart after
    /// the others and labelled with their language.
    /// </summary>
    private static async Task<HtmlPage> RenderFrontAsync(SiteStore store, TimeProvider clock, DateOnly? date, double min, string siteLanguage, string? language, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var from = date is { } d ? Start(d) : now.AddDays(-1);
        var to = date is { } d2 ? Start(d2).AddDays(1) : now.AddMinutes(1);
        var stories = await store.StoriesAsync(new StoryQuery { From = from, To = to, MinScore = min, BySignificance = true, Limit = 100, Language = language }, ct).ConfigureAwait(false);
        var elsewhere = stories.Where(s => s.Language is { } l && !string.Equals(l, siteLanguage, StringComparison.Ordinal)).ToList();
        var analysed = await store.CountArticlesAsync(from, to, ct).ConfigureAwait(false);
        var live = date is null;
        var heading = live ? "The last 24 hours" : DayText(date!.Value);
        var minText = min.ToString("0.0", CultureInfo.InvariantCulture);

        var b = new HtmlBuilder(16_384);
        b.Append($"<div class=\"day\"><h1>{heading}</h1>")
         .Append($"<p class=\"meta\">{Number(analysed)}{(analysed == 1 ? " article" : " articles")} analysed");
        if (stories.Count > 0)
        {
            b.Append($" · {stories.Count} at or above {minText}");
        }
        b.Append($"</p></div>");
        b.Append($"<div class=\"controls\"><form class=\"threshold\" method=\"get\" action=\"/\">");
        if (date is { } dd)
        {
            b.Append($"<input type=\"hidden\" name=\"date\" value=\"{DayParam(dd)}\">");
        }
        b.Append($"<label for=\"min_score\">Lowest significance</label><select id=\"min_score\" name=\"min_score\">");
        for (var v = 0.0; v <= 9.0; v += 0.5)
        {
            var value = v.ToString("0.0", CultureInfo.InvariantCulture);
            b.Append($"<option value=\"{value}\"{(Math.Abs(v - min) < 0.001 ? Selected : Html.Empty)}>{value}</option>");
        }
        if (Math.Abs(min * 2 - Math.Round(min * 2)) > 0.001)
        {
            b.Append($"<option value=\"{minText}\" selected>{minText}</option>");
        }
        b.Append($"</select><button type=\"submit\">Show</button></form>");
        b.Append($"<p class=\"visually-hidden\" id=\"live-status\" role=\"status\" aria-live=\"polite\"></p></div>");

        var unrated = stories.Count == 0 && analysed > 0 ? await store.CountUnratedArticlesAsync(from, to, ct).ConfigureAwait(false) : 0;
        var period = live ? "the last 24 hours" : "this day";
        if (stories.Count == 0 && analysed == 0)
        {
            b.Append($"<p class=\"empty\">No articles from {period} have been read yet");
            if (live)
            {
                b.Append($": stories appear here once the sources' latest articles are read, grouped and rated.");
            }
            else
            {
                b.Append($".");
            }
            AppendLatestDay(b, await store.NearestActivityAsync(from, null, min, ct).ConfigureAwait(false));
            b.Append($"</p>");
        }
        else if (unrated > 0)
        {
            // Not "nothing significant": the pipeline has not rated everything yet.
            b.Append($"<p class=\"empty\">Still reading: {Number(unrated)}{(unrated == 1 ? " article" : " articles")}")
             .Append($" from {period}{(unrated == 1 ? " is" : " are")} not yet grouped and rated. Stories at or above ")
             .Append($"{minText}{(live ? " appear here as soon as they are rated." : " will be listed here once they are rated.")}");
            b.Append($"</p>");
        }
        else if (stories.Count == 0)
        {
            b.Append($"<p class=\"empty\">Nothing significant {(live ? "in the last 24 hours" : "on this day")}")
             .Append($": no story reached {minText}.");
            AppendLatestDay(b, await store.NearestActivityAsync(from, null, min, ct).ConfigureAwait(false));
            b.Append($"</p>");
        }
        b.Append($"<ol class=\"stories\"");
        if (live)
        {
            b.Append($" data-live data-min=\"{minText}\" data-lang=\"{siteLanguage}\" data-since=\"{now.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}\"");
        }
        b.Append($">");
        // By id: comparing the cards whole (Except) hashed every title and summary on each page.
        var apart = elsewhere.Select(s => s.Id).ToHashSet();
        foreach (var s in stories.Where(s => !apart.Contains(s.Id)))
        {
            StoryItem(b, s, now);
        }
        b.Append($"</ol>");
        if (elsewhere.Count > 0)
        {
            b.Append($"<section class=\"other-languages\" aria-labelledby=\"other-languages-h\"><h2 id=\"other-languages-h\">In other languages</h2><ol class=\"stories\">");
            foreach (var s in elsewhere)
            {
                StoryItem(b, s, now, siteLanguage);
            }
            b.Append($"</ol></section>");
        }

        var shown = date ?? today;
        b.Append($"<nav class=\"pager\" aria-label=\"Days\">");
        if (shown > FirstDay)
        {
            b.Append($"<a rel=\"prev\" href=\"/?date={DayParam(shown.AddDays(-1))}\">← {shown.AddDays(-1).ToString("ddd d MMM", CultureInfo.InvariantCulture)}</a>");
        }
        if (date is { } cur && cur < today)
        {
            var next = cur.AddDays(1);
            if (next == today)
            {
                b.Append($"<a href=\"/\">Today →</a>");
            }
            else
            {
                b.Append($"<a rel=\"next\" href=\"/?date={DayParam(next)}\">{next.ToString("ddd d MMM", CultureInfo.InvariantCulture)} →</a>");
            }
        }
        b.Append($"</nav>");
        return Page(live ? "Salient" : heading, b, script: true, current: live ? "/" : null);
    }

    /// <summary>The 400 page for a <c>?min_score=</c> that is no score, with a link to <paramref name="back"/> at its usual threshold.</summary>
    internal static IResult NotAScore(string error, string back) =>
        Page("Not a score", Html.Of($"<h1>Not a score</h1><p role=\"alert\" class=\"error\">The {error}.</p><p><a href=\"{back}\">The same page at its usual threshold</a></p>"),
            StatusCodes.Status400BadRequest);

    private static readonly Html Selected = Html.Of($" selected");

    /// <summary><c> lang="de"</c>, so a screen reader reads a title in its own language.</summary>
    private static Html LangAttribute(string code) => Html.Of($" lang=\"{code}\"");

    /// <summary>" The latest day with a story at this threshold: [day]." when an earlier day had a story at the threshold.</summary>
    private static void AppendLatestDay(HtmlBuilder b, DateTimeOffset? earlier)
    {
        if (earlier is { } e)
        {
            var day = DateOnly.FromDateTime(e.UtcDateTime);
            b.Append($" The latest day with a story at this threshold: <a href=\"/?date={DayParam(day)}\">{DayText(day)}</a>.");
        }
    }

    /// <param name="siteLanguage">The readers' language: a story in another is labelled with its own.</param>
    internal static void StoryItem(HtmlBuilder b, StoryCard s, DateTimeOffset now, string? siteLanguage = null)
    {
        var foreign = siteLanguage is not null && s.Language is { } l && !string.Equals(l, siteLanguage, StringComparison.Ordinal);
        var translation = foreign ? s.TranslationFor(siteLanguage) : null;
        b.Append($"<li class=\"story{(translation is null ? Html.Empty : Html.Raw(" translated"))}\" data-id=\"{s.Id}\" data-score=\"{s.Score ?? -1:0.0##}\"><h2><a href=\"/story/{s.Id}\"{(foreign && translation is null ? LangAttribute(s.Language!) : Html.Empty)}>")
         .Append($"<span class=\"score\"><span class=\"visually-hidden\">Score </span>{Score(s.Score)}</span>")
         .Append($"{translation?.Title ?? s.Title}</a></h2><p class=\"meta\">");
        if (foreign)
        {
            b.Append($"<span class=\"language\">In {Languages.Name(s.Language)}</span> · ");
        }
        if (translation is not null)
        {
            b.Append($"<span class=\"machine-translation\">Machine translation</span> · ");
        }
        var outlets = Outlets(s.Outlets, s.OutletCount);
        if (outlets.Length > 0)
        {
            b.Append($"{outlets} · ");
        }
        b.Append($"{Time(s.LastActivity, now)}</p>");
        if (translation is not null)
        {
            if (translation.Summary.Length > 0)
            {
                b.Append($"<p class=\"summary\">{PlainText.ShortenToSentences(translation.Summary, 400)}</p>");
            }
            b.Append($"<details class=\"original\"><summary>Original in {Languages.Name(s.Language)}</summary><div{LangAttribute(s.Language!)}>")
             .Append($"<p class=\"original-title\">{s.Title}</p>");
            if (s.Summary.Length > 0)
            {
                b.Append($"<p class=\"summary\">{PlainText.ShortenToSentences(s.Summary, 400)}</p>");
            }
            b.Append($"</div></details>");
        }
        else if (s.Summary.Length > 0)
        {
            b.Append($"<p class=\"summary\">{PlainText.ShortenToSentences(s.Summary, 400)}</p>");
        }
        b.Append($"</li>");
    }

    private static async Task<IResult> StoryAsync(string id, HttpContext http, SiteStore store, DayRanks ranks, RelatedStories topics, StoryPageCache pages,
        SiteOptions options, TimeProvider clock, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var storyId))
        {
            return NotFound();
        }
        var found = await store.StoryAsync(storyId, ct).ConfigureAwait(false);
        if (found is null)
        {
            return NotFound();
        }
        if (found.MergedInto is not null)
        {
            var survivor = await store.SurvivorAsync(storyId, ct).ConfigureAwait(false);
            return survivor is { } to && to != storyId
                ? Results.Redirect($"/story/{to.ToString(CultureInfo.InvariantCulture)}", permanent: true)
                : NotFound();
        }
        var s = found.Card;
        var (rank, generation) = await ranks.RankAsync(s, ct).ConfigureAwait(false);
        async Task<HtmlPage> MakeAsync(string? feedback)
        {
            var articles = await store.StoryArticlesAsync(s.Id, ct).ConfigureAwait(false);
            var related = await topics.CardsAsync(store, s, 5, ct).ConfigureAwait(false);
            var history = await store.ScoreHistoryAsync(s.Id, ct).ConfigureAwait(false);
            var thread = found.ThreadId is { } threadId ? await store.ThreadAsync(threadId, ct).ConfigureAwait(false) : [];
            var sections = new HtmlBuilder(512);
            await SectionPages.AppendStoryLinksAsync(sections, s.Id, http.RequestServices, ct).ConfigureAwait(false);
            // Following by e-mail is offered only where the site can send it.
            var follow = !string.IsNullOrWhiteSpace(http.RequestServices.GetRequiredService<Digest.DigestOptions>().SmtpUrl);
            return StoryPage(s, rank, articles, related, history, sections.ToHtml(), options, feedback, clock.GetUtcNow(), follow, found.ThreadId, thread);
        }
        if (http.Request.Query["feedback"].ToString() is { Length: > 0 } feedbackState)
        {
            // The thank-you after a verdict is the reader's own page: made for them, never cached or shared.
            http.Response.Headers.CacheControl = "no-store";
            return await MakeAsync(feedbackState).ConfigureAwait(false);
        }
        // The page is made again only when the story's row changed or its day's ranks were read again (or it got old).
        var made = await pages.GetAsync(s.Id, $"{found.Stamp}/{generation}", () => MakeAsync(null)).ConfigureAwait(false);
        return Validators.NotModified(http, made.ETag, found.Changed) ? Results.StatusCode(StatusCodes.Status304NotModified) : made.Page;
    }

    /// <summary>
    /// The sentence placing the story among its day's analysed articles: its top share when that is the upper half;
    /// "no other news scores higher" when it ties for the top of a day it cannot stand out in; else how many score higher.
    /// </summary>
    internal static void RankSentence(HtmlBuilder b, string scoreText, DayRank rank, DateOnly today)
    {
        var isToday = rank.Day == today;
        var whose = isToday ? Html.Of($"today's") : Html.Of($"that day's");
        var dayNote = isToday ? Html.Empty : Html.Of($" ({rank.Day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)})");
        var articles = rank.AnalysedCount == 1 ? "analyzed article" : "analyzed articles";
        if (rank.TopPercent <= 50)
        {
            b.Append($"<p class=\"rank\">With a significance score of {scoreText}, this news ranks in the top {rank.TopPercent}% of {whose} {Number(rank.AnalysedCount)} {articles}{dayNote}.</p>");
        }
        else if (rank.Higher == 0)
        {
            b.Append($"<p class=\"rank\">With a significance score of {scoreText}, no other news scores higher among {whose} {Number(rank.AnalysedCount)} {articles}{dayNote}.</p>");
        }
        else
        {
            var share = rank.HigherPercent < 1 ? Html.Of($"fewer than 1%") : Html.Of($"{rank.HigherPercent}%");
            b.Append($"<p class=\"rank\">With a significance score of {scoreText}, this news is not among the most significant: {Number(rank.Higher)} of {whose} ")
             .Append($"{Number(rank.AnalysedCount)} {articles}{dayNote} ({share}) belong to stories that score higher.</p>");
        }
    }

    private static HtmlPage StoryPage(StoryCard s, DayRank? rank, IReadOnlyList<ArticleCard> articles, IReadOnlyList<StoryCard> related, IReadOnlyList<ScorePoint> history,
        Html sections, SiteOptions options, string? feedback, DateTimeOffset now, bool follow, long? threadId, IReadOnlyList<StoryCard> thread)
    {
        var b = new HtmlBuilder(16_384);
        var translation = s.TranslationFor(options.Language);
        b.Append($"<article class=\"story-page\" aria-labelledby=\"story-title\"><h1 id=\"story-title\"{(translation is null && s.Language is { } own && own != options.Language && Languages.IsCode(own) ? LangAttribute(own) : Html.Empty)}>{translation?.Title ?? s.Title}</h1>");
        b.Append($"<p class=\"meta\">{Number(s.ArticleCount)}{(s.ArticleCount == 1 ? " article" : " articles")} from ")
         .Append($"{Number(Math.Max(s.OutletCount, s.Outlets.Count))}{(s.OutletCount == 1 ? " outlet" : " outlets")}");
        if (s.Countries.Count > 0)
        {
            b.Append($" in {string.Join(", ", s.Countries)}");
        }
        if (s.Language is { } storyLanguage)
        {
            b.Append($" · <span class=\"language{(storyLanguage == options.Language ? Html.Empty : Html.Raw(" foreign"))}\">in {Languages.Name(storyLanguage)}</span>");
        }
        b.Append($" · first reported {Time(s.Published, now)} · updated {Time(s.LastActivity, now)}");
        var state = Stories.StoryLifecycle.StateOf(s.LastActivity, history, now);
        b.Append($" · <span class=\"state state-{Stories.StoryLifecycle.Describe(state)}\">{Stories.StoryLifecycle.Describe(state)}</span>")
         .Append($" · <a href=\"/story/{s.Id}/feed.xml\" rel=\"alternate\" type=\"application/rss+xml\">follow this story (RSS)</a></p>");
        b.Append(sections);
        if (translation is not null)
        {
            var from = Languages.Name(s.Language);
            b.Append($"<div class=\"translation-note\" role=\"note\"><p><span class=\"machine-translation\">Machine translation</span> from {from}")
             .Append($"{(translation.Model is { Length: > 0 } model ? Html.Of($" by the language model {model}") : Html.Empty)}, checked for numbers and markup but not by a person. ")
             .Append($"The title and summary below are translated; the coverage is in its own language.</p>")
             .Append($"<details class=\"original\"><summary>Original title in {from}</summary><p class=\"original-title\"{LangAttribute(s.Language!)}>{s.Title}</p></details></div>");
        }

        b.Append($"<section aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">Summary</h2>");
        if (translation is not null)
        {
            b.Append($"<p class=\"summary translated\">{translation.Summary}</p>")
             .Append($"<details class=\"original\"><summary>Original summary in {Languages.Name(s.Language)}, with its sources</summary><div{LangAttribute(s.Language!)}>");
            Summary(b, s, articles);
            b.Append($"</div></details>");
        }
        else
        {
            Summary(b, s, articles);
        }
        b.Append($"</section>");

        b.Append($"<section aria-labelledby=\"significance-h\"><h2 id=\"significance-h\">Significance <span class=\"score\">{Score(s.Score)}</span></h2>");
        if (s.Score is { } score)
        {
            var scoreText = score.ToString("0.0", CultureInfo.InvariantCulture);
            if (rank is not null)
            {
                RankSentence(b, scoreText, rank, DateOnly.FromDateTime(now.UtcDateTime));
            }
            if (s.Factors.Count > 0)
            {
                b.Append($"<dl class=\"factors\" aria-label=\"The seven factors, each from 0 to 10\">");
                foreach (var name in FactorNames.Concat(s.Factors.Keys.Where(k => !FactorNames.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal)))
                {
                    if (!s.Factors.TryGetValue(name, out var v))
                    {
                        continue;
                    }
                    b.Append($"<dt>{char.ToUpperInvariant(name[0]) + name[1..]}</dt><dd><span class=\"bar\" aria-hidden=\"true\"><span class=\"w")
                     .Append($"{(int)Math.Round(v * 10)}\"></span></span><span class=\"value\">{v:0.0}</span></dd>");
                }
                b.Append($"</dl>");
            }
            if (!string.IsNullOrWhiteSpace(s.Reason))
            {
                b.Append($"<p class=\"reason\">{s.Reason}</p>");
            }
            Sparkline.Append(b, history);
        }
        else
        {
            b.Append($"<p>This story is not scored yet.</p>");
        }
        b.Append($"</section>");

        TimelineSection.Append(b, Stories.StoryTimeline.Build(articles), now);
        ThreadPages.Append(b, s.Id, threadId, thread, now);

        b.Append($"<section aria-labelledby=\"coverage-h\"><h2 id=\"coverage-h\">Coverage</h2><ol class=\"articles\">");
        foreach (var a in articles)
        {
            b.Append($"<li id=\"article-{a.Id}\">");
            var lang = a.Language is { } code && Languages.IsCode(code) ? LangAttribute(code.ToLowerInvariant()) : Html.Empty;
            if (a.Url is null)
            {
                b.Append($"<span{lang}>{a.Title}</span>");
            }
            else
            {
                b.Append($"<a href=\"{a.Url}\" rel=\"noopener noreferrer nofollow\"{lang}>{a.Title}</a>");
            }
            b.Append($"<br><span class=\"meta\">{a.Outlet ?? "Unknown outlet"}");
            if (a.Language is { } articleLanguage)
            {
                b.Append($" · <span class=\"language{(articleLanguage == options.Language ? Html.Empty : Html.Raw(" foreign"))}\">{Languages.Name(articleLanguage)}</span>");
            }
            if (!string.IsNullOrWhiteSpace(a.Country))
            {
                b.Append($" · {a.Country}");
            }
            if (a.At is { } at)
            {
                b.Append($" · {Time(at, now)}");
            }
            b.Append($"</span></li>");
        }
        b.Append($"</ol></section>");

        if (related.Count > 0)
        {
            b.Append($"<section aria-labelledby=\"related-h\"><h2 id=\"related-h\">More on this topic</h2><ul class=\"related\">");
            foreach (var r in related)
            {
                // Labelled as on the front page: a story in another language shows its translation when it has one, else its own title marked with its language.
                var foreign = r.Language is { } l && !string.Equals(l, options.Language, StringComparison.Ordinal) && Languages.IsCode(l);
                var rt = r.TranslationFor(options.Language);
                b.Append($"<li><a href=\"/story/{r.Id}\"{(foreign && rt is null ? LangAttribute(r.Language!) : Html.Empty)}><span class=\"score\">{Score(r.Score)}</span>{rt?.Title ?? r.Title}</a>");
                if (r.Outlets.Count > 0)
                {
                    b.Append($" ({r.Outlets[0]})");
                }
                b.Append($" <span class=\"meta\">");
                if (foreign)
                {
                    b.Append($"<span class=\"language\">In {Languages.Name(r.Language)}</span> · ");
                }
                if (rt is not null)
                {
                    b.Append($"<span class=\"machine-translation\">Machine translation</span> · ");
                }
                b.Append($"{Time(r.LastActivity, now)}</span></li>");
            }
            b.Append($"</ul></section>");
        }
        if (s.Score is not null)
        {
            FeedbackEndpoints.Section(b, s.Id, options, feedback);
        }
        if (follow)
        {
            Digest.FollowEndpoints.Section(b, s.Id);
        }
        b.Append($"</article>");
        return Page(translation?.Title ?? s.Title, b);
    }

    /// <summary>
    /// The summary, each sentence followed by links to the articles it came from. <c>summary_sources</c> is read
    /// leniently: a JSON array of sentences <c>{text, article_id | article_ids | article | articles}</c> (ids, or
    /// indexes into the story's articles), or a plain array of article ids for the whole summary.
    /// </summary>
    internal static void Summary(HtmlBuilder b, StoryCard s, IReadOnlyList<ArticleCard> articles)
    {
        var byId = articles.ToDictionary(a => a.Id);
        ArticleCard? Resolve(long n) => byId.TryGetValue(n, out var a) ? a : n >= 0 && n < articles.Count ? articles[(int)n] : null;
        var sentences = new List<(string Text, List<ArticleCard> Sources)>();
        var whole = new List<ArticleCard>();
        try
        {
            if (!string.IsNullOrWhiteSpace(s.SummarySources))
            {
                using var doc = JsonDocument.Parse(s.SummarySources);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("sentences", out var inner) || root.TryGetProperty("sources", out inner)))
                {
                    root = inner;
                }
                if (root.ValueKind == JsonValueKind.Array)
                {
                    foreach (var e in root.EnumerateArray())
                    {
                        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n) && Resolve(n) is { } one)
                        {
                            whole.Add(one);
                        }
                        else if (e.ValueKind == JsonValueKind.Object)
                        {
                            var text = Prop(e, "text", "sentence");
                            var refs = new List<ArticleCard>();
                            foreach (var key in new[] { "article_id", "article_ids", "article", "articles", "source", "sources", "ids" })
                            {
                                if (!e.TryGetProperty(key, out var v))
                                {
                                    continue;
                                }
                                foreach (var x in v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToList() : [v])
                                {
                                    if (x.ValueKind == JsonValueKind.Number && x.TryGetInt64(out var id) && Resolve(id) is { } a && !refs.Contains(a))
                                    {
                                        refs.Add(a);
                                    }
                                }
                            }
                            if (PlainText.Clean(text) is { Length: > 0 } clean)
                            {
                                sentences.Add((clean, refs));
                            }
                        }
                    }
                }
            }
        }
        catch (JsonException)
        {
            sentences.Clear();
        }
        if (sentences.Count == 0)
        {
            if (s.Summary.Length == 0)
            {
                b.Append($"<p class=\"muted\">No summary yet.</p>");
            }
            else
            {
                b.Append($"<p>{s.Summary}</p>");
            }
            if (whole.Count > 0)
            {
                b.Append($"<p class=\"meta\">Sources: ");
                Links(b, whole.Distinct());
                b.Append($"</p>");
            }
            return;
        }
        b.Append($"<p class=\"summary\">");
        foreach (var (text, sources) in sentences)
        {
            b.Append($"{text}");
            if (sources.Count > 0)
            {
                b.Append($" ");
                Links(b, sources);
            }
            b.Append($" ");
        }
        b.Append($"</p>");
    }

    private static void Links(HtmlBuilder b, IEnumerable<ArticleCard> sources)
    {
        var first = true;
        foreach (var a in sources)
        {
            if (!first)
            {
                b.Append($" ");
            }
            first = false;
            var label = a.Outlet ?? "source";
            if (a.Url is null)
            {
                b.Append($"<a class=\"src\" href=\"#article-{a.Id}\">({label})</a>");
            }
            else
            {
                b.Append($"<a class=\"src\" href=\"{a.Url}\" rel=\"noopener noreferrer nofollow\" title=\"{a.Title}\">({label})</a>");
            }
        }
    }

    private static string? Prop(JsonElement e, params string[] names)
    {
        foreach (var n in names)
        {
            if (e.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String)
            {
                return v.GetString();
            }
        }
        return null;
    }

    private static IResult NotFound() =>
        Page("Not found", Html.Of($"<h1>Not found</h1><p>There is no such story. <a href=\"/\">Back to today's stories</a>.</p>"), StatusCodes.Status404NotFound);

    /// <summary>How many stories, and how many articles, a page of search results shows.</summary>
    internal const int SearchPageSize = 50;

    /// <summary>The last page a search can be asked for; past it, narrow the search.</summary>
    internal const int SearchPages = 200;

    /// <summary>How far a search's results are counted: as far as its pages reach, so the count costs no more than the last page.</summary>
    private const int SearchCountCap = SearchPageSize * SearchPages;

    private static string Total(long count) =>
        count >= SearchCountCap ? $"{SearchCountCap.ToString("N0", CultureInfo.InvariantCulture)}+" : count.ToString("N0", CultureInfo.InvariantCulture);

    private static string Range(int page, int shown, long total) =>
        $"{((page - 1) * SearchPageSize + 1).ToString("N0", CultureInfo.InvariantCulture)}–{((page - 1) * SearchPageSize + shown).ToString("N0", CultureInfo.InvariantCulture)} of {Total(total)}";

    private static async Task<IResult> SearchAsync(HttpContext http, SiteStore store, TimeProvider clock, CancellationToken ct)
    {
        var q = http.Request.Query;
        var text = q["q"].ToString().Trim();
        var outlet = q["outlet"].ToString().Trim();
        var fromDay = ParseDate(q["from"]);
        var toDay = ParseDate(q["to"]);
        // Days given the wrong way round match nothing; they are read the right way round, and the page says so.
        var swapped = fromDay > toDay;
        if (swapped)
        {
            (fromDay, toDay) = (toDay, fromDay);
        }
        var (asked, badScore) = ScoreParameter(http);
        var min = asked ?? 0;
        var (section, unknownSection) = SectionPages.Parse(http);
        if (unknownSection is not null)
        {
            return SectionPages.Missing(unknownSection, q[unknownSection].ToString());
        }
        var (language, badLanguage) = Languages.Parse(http);
        if (badLanguage is not null)
        {
            return Page("Search", Html.Of($"<h1>Search</h1><p role=\"alert\" class=\"error\">The {badLanguage}.</p><p><a href=\"/search\">Search again</a></p>"), StatusCodes.Status400BadRequest);
        }
        var (page, badPage) = Paging.PageParameter(http, SearchPages);
        var (bySignificance, badSort) = Paging.SortParameter(http, fallback: true);
        if ((badPage ?? badSort) is { } badPaging)
        {
            return Page("Search", Html.Of($"<h1>Search</h1><p role=\"alert\" class=\"error\">The {badPaging}.</p><p><a href=\"{Paging.Link(http, "/search", 1)}\">The first page of this search</a> · <a href=\"/search\">Search again</a></p>"),
                StatusCodes.Status400BadRequest);
        }
        if (text.Length > 500)
        {
            text = text[..500];
        }
        var now = clock.GetUtcNow();
        var b = new HtmlBuilder(16_384);
        b.Append($"<h1>Search</h1><form class=\"search\" role=\"search\" method=\"get\" action=\"/search\">")
         .Append($"<label class=\"wide\">Words or \"a phrase\"<input type=\"search\" name=\"q\" value=\"{text}\" autocomplete=\"off\"></label>")
         .Append($"<label>Outlet<input type=\"text\" name=\"outlet\" value=\"{outlet}\"></label>")
         .Append($"<label>From<input type=\"date\" name=\"from\" value=\"{(fromDay is { } f ? DayParam(f) : string.Empty)}\"></label>")
         .Append($"<label>To<input type=\"date\" name=\"to\" value=\"{(toDay is { } t ? DayParam(t) : string.Empty)}\"></label>")
         .Append($"<label>Lowest score<input type=\"number\" name=\"min_score\" min=\"0\" max=\"10\" step=\"0.5\" value=\"{min:0.#}\"></label>")
         .Append($"<label>Order<select name=\"sort\"><option value=\"score\"{(bySignificance ? " selected" : string.Empty)}>Most significant first</option>")
         .Append($"<option value=\"date\"{(bySignificance ? string.Empty : " selected")}>Newest first</option></select></label>")
         .Append($"{SectionPages.HiddenInputs(section)}{(language is null ? Html.Empty : Html.Of($"<input type=\"hidden\" name=\"lang\" value=\"{language}\">"))}<button type=\"submit\">Search</button></form>");
        // A day that cannot be read is said, not silently dropped from the search.
        foreach (var (name, raw, day) in new[] { ("From", q["from"].ToString(), fromDay), ("To", q["to"].ToString(), toDay) })
        {
            if (raw.Trim().Length > 0 && day is null)
            {
                b.Append($"<p role=\"alert\" class=\"error\">{name} '{(raw.Length > 40 ? raw[..40] + "…" : raw)}")
                 .Append($"' is not a day; give YYYY-MM-DD from 1970-01-01 to 9999-12-30. It was left out of this search.</p>");
            }
        }
        if (swapped)
        {
            b.Append($"<p role=\"alert\" class=\"error\">From was after To: this search runs from {DayParam(fromDay!.Value)} to {DayParam(toDay!.Value)}.</p>");
        }
        if (badScore is not null)
        {
            b.Append($"<p role=\"alert\" class=\"error\">The {badScore}. It was left out of this search.</p>");
        }
        var any = text.Length > 0 || outlet.Length > 0 || fromDay is not null || toDay is not null || min > 0 || !section.IsEmpty || language is not null;
        if (any)
        {
            var from = fromDay is { } fd ? Start(fd) : (DateTimeOffset?)null;
            var to = toDay is { } td ? Start(td).AddDays(1) : (DateTimeOffset?)null;
            var query = section.Apply(new StoryQuery
            {
                From = from, To = to, MinScore = min, Outlet = outlet.Length > 0 ? outlet : null, Text = text.Length > 0 ? text : null,
                BySignificance = bySignificance, Limit = SearchPageSize + 1, Offset = (page - 1) * SearchPageSize, Language = language,
            });
            // One more than a page is read, to know whether there is a next page without counting.
            var stories = await store.StoriesAsync(query, ct).ConfigureAwait(false);
            var moreStories = stories.Count > SearchPageSize;
            stories = stories.Take(SearchPageSize).ToList();
            var storyTotal = await store.CountStoriesAsync(query, SearchCountCap, ct).ConfigureAwait(false);
            var more = moreStories;
            b.Append($"<section aria-labelledby=\"stories-h\"><h2 id=\"stories-h\">Stories ({Total(storyTotal)})</h2>");
            if (stories.Count == 0)
            {
                b.Append($"<p>{(page > 1 && storyTotal > 0 ? "No story on this page; the stories end on an earlier page." : "No story matches.")}</p>");
            }
            else if (storyTotal > SearchPageSize)
            {
                b.Append($"<p class=\"meta\">{Range(page, stories.Count, storyTotal)}, {(bySignificance ? "most significant first" : "newest first")}.</p>");
            }
            b.Append($"<ol class=\"stories\" start=\"{(page - 1) * SearchPageSize + 1}\">");
            foreach (var s in stories)
            {
                StoryItem(b, s, now, http.RequestServices.GetRequiredService<SiteOptions>().Language);
            }
            b.Append($"</ol></section>");
            if (min <= 0 && section.IsEmpty)
            {
                var articles = await store.ArticlesAsync(text.Length > 0 ? text : null, outlet.Length > 0 ? outlet : null, from, to, null, null, SearchPageSize + 1, ct, language,
                    (page - 1) * SearchPageSize).ConfigureAwait(false);
                more |= articles.Count > SearchPageSize;
                articles = articles.Take(SearchPageSize).ToList();
                var articleTotal = await store.CountArticlesAsync(text.Length > 0 ? text : null, outlet.Length > 0 ? outlet : null, from, to, language, SearchCountCap, ct).ConfigureAwait(false);
                b.Append($"<section aria-labelledby=\"articles-h\"><h2 id=\"articles-h\">Articles ({Total(articleTotal)})</h2>");
                if (articles.Count == 0)
                {
                    b.Append($"<p>{(page > 1 && articleTotal > 0 ? "No article on this page; the articles end on an earlier page." : "No article matches.")}</p>");
                }
                else if (articleTotal > SearchPageSize)
                {
                    b.Append($"<p class=\"meta\">{Range(page, articles.Count, articleTotal)}, newest first.</p>");
                }
                b.Append($"<ul class=\"results\">");
                foreach (var a in articles)
                {
                    if (a.StoryId is { } sid)
                    {
                        b.Append($"<li><a href=\"/story/{sid}\">{a.Title}</a>");
                    }
                    else if (a.Url is null)
                    {
                        b.Append($"<li>{a.Title}");
                    }
                    else
                    {
                        b.Append($"<li><a href=\"{a.Url}\" rel=\"noopener noreferrer nofollow\">{a.Title}</a>");
                    }
                    b.Append($" <span class=\"meta\">{a.Outlet ?? "Unknown outlet"}");
                    if (a.At is { } at)
                    {
                        b.Append($" · {Time(at, now)}");
                    }
                    b.Append($"</span></li>");
                }
                b.Append($"</ul></section>");
            }
            if (page > 1 || more)
            {
                b.Append($"<nav class=\"pages\" aria-label=\"Pages of results\">");
                if (page > 1)
                {
                    b.Append($"<a rel=\"prev\" href=\"{Paging.Link(http, "/search", page - 1)}\">Previous page</a> ");
                }
                b.Append($"<span>Page {page}</span>");
                if (more && page < SearchPages)
                {
                    b.Append($" <a rel=\"next\" href=\"{Paging.Link(http, "/search", page + 1)}\">Next page</a>");
                }
                b.Append($"</nav>");
            }
        }
        return Page(text.Length > 0 ? $"Search: {text}" : "Search", b, current: "/search");
    }

    private static IResult FeedsPage() => Page("Feeds", Html.Of($"""
        <h1>Feeds</h1>
        <p>Follow the significant stories in any feed reader. Each feed takes <code>min_score</code> (default 5.5) and <code>topic</code> (words a story must contain).</p>
        <ul>
          <li><a href="/feed.xml">RSS 2.0</a> — <code>/feed.xml</code></li>
          <li><a href="/feed.atom">Atom 1.0</a> — <code>/feed.atom</code></li>
          <li><a href="/feed.json">JSON Feed 1.1</a> — <code>/feed.json</code></li>
        </ul>
        <p>For example <a href="/feed.xml?min_score=7">only stories at 7 or above</a>, or <a href="/feed.xml?topic=climate">stories about the climate</a>.</p>
        <p>Programs can use the <a href="/api">JSON API</a>.</p>
        """), current: "/feeds");
}
