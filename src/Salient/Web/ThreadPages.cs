using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Salient.Sections;
using Salient.Storage;
using static Salient.Web.SiteLayout;

namespace Salient.Web;

/// <summary>
/// Threads as the site shows them: <c>/thread/{id}</c> lists a long-running topic's successive stories along time with
/// their scores, <c>/thread/{id}/feed.xml</c> follows it in a feed reader, <c>/api/threads/{id}</c> returns it, and the
/// story page's "Earlier in this thread" and "Later in this thread" (<see cref="Append"/>). A thread id that moved
/// when its thread joined an older one redirects to the thread it joined.
/// </summary>
internal sealed class ThreadPages : IEndpointModule
{
    private const int MaxFeedItems = 100;

    /// <summary>How many earlier (and later) stories the story page lists before linking to the thread page.</summary>
    public const int OnStoryPage = 8;

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/thread/{id}", PageAsync);
        endpoints.MapGet("/thread/{id}/feed.xml", FeedAsync);
        endpoints.MapGet("/api/threads/{id}", ApiAsync);
    }

    /// <summary>The story page's thread sections: the stories before this one, newest first, then those after it; nothing when it is in no thread.</summary>
    public static void Append(HtmlBuilder b, long storyId, long? threadId, IReadOnlyList<StoryCard> thread, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(thread);
        var at = thread.ToList().FindIndex(s => s.Id == storyId);
        if (threadId is not { } tid || at < 0 || thread.Count < 2)
        {
            return;
        }
        var earlier = thread.Take(at).Reverse().ToList();
        var later = thread.Skip(at + 1).Reverse().ToList();
        Section(b, "thread-earlier", "Earlier in this thread", earlier, tid, now);
        Section(b, "thread-later", "Later in this thread", later, tid, now);
    }

    private static void Section(HtmlBuilder b, string id, string heading, List<StoryCard> stories, long threadId, DateTimeOffset now)
    {
        if (stories.Count == 0)
        {
            return;
        }
        b.Append($"<section class=\"{id}\" aria-labelledby=\"{id}-h\"><h2 id=\"{id}-h\">{heading}</h2><ul class=\"thread\">");
        var shown = stories.Take(OnStoryPage).ToList();
        var shared = SharedDays(shown);
        foreach (var s in shown)
        {
            Item(b, s, now, shared);
        }
        b.Append($"</ul><p class=\"meta\"><a href=\"/thread/{threadId}\">The whole thread</a>");
        if (stories.Count > OnStoryPage)
        {
            b.Append($" ({Number(stories.Count - OnStoryPage)} more)");
        }
        b.Append($"</p></section>");
    }

    /// <summary>The UTC days on which more than one of <paramref name="stories"/> was first reported.</summary>
    private static HashSet<DateOnly> SharedDays(IEnumerable<StoryCard> stories) =>
        [.. stories.GroupBy(s => DateOnly.FromDateTime(s.Published.UtcDateTime)).Where(g => g.Count() > 1).Select(g => g.Key)];

    /// <summary>
    /// One story of a thread: when it was first reported, its score, title and article count. The day alone names it
    /// unless another story of the list shares that day: then the time (UTC) tells them apart.
    /// </summary>
    private static void Item(HtmlBuilder b, StoryCard s, DateTimeOffset now, HashSet<DateOnly> sharedDays)
    {
        var at = s.Published.UtcDateTime;
        var text = at.ToString(sharedDays.Contains(DateOnly.FromDateTime(at)) ? "d MMM yyyy HH:mm" : "d MMM yyyy", CultureInfo.InvariantCulture);
        b.Append($"<li><time datetime=\"{ApiEndpoints.Iso(s.Published)}\" title=\"{at.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture)} UTC\">{text}</time> ")
         .Append($"<a href=\"/story/{s.Id}\"><span class=\"score\">{Score(s.Score)}</span>{s.Title}</a> <span class=\"meta\">{Number(s.ArticleCount)}")
         .Append($"{(s.ArticleCount == 1 ? " article" : " articles")} · updated {Time(s.LastActivity, now)}</span></li>");
    }

    /// <summary>The thread's stories, or the answer to give instead: 404 for a malformed or unknown id, a redirect for a thread that joined another.</summary>
    private static async Task<(long Id, List<StoryCard> Stories, IResult? Instead)> ReadAsync(string id, string suffix, SiteStore store, bool api, CancellationToken ct)
    {
        IResult Missing(string detail) => api
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail)
            : Page("No such thread", Html.Of($"<h1>No such thread</h1><p>{detail}. <a href=\"/\">Back to today's stories</a>.</p>"), StatusCodes.Status404NotFound);
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var threadId))
        {
            return (0, [], Missing("thread ids are whole numbers"));
        }
        if (await store.CurrentThreadAsync(threadId, ct).ConfigureAwait(false) is not { } current)
        {
            return (threadId, [], Missing($"there is no thread {threadId.ToString(CultureInfo.InvariantCulture)}"));
        }
        if (current != threadId)
        {
            return (current, [], Results.Redirect($"{(api ? "/api/threads/" : "/thread/")}{current.ToString(CultureInfo.InvariantCulture)}{suffix}", permanent: true));
        }
        return (threadId, await store.ThreadAsync(threadId, ct).ConfigureAwait(false), null);
    }

    private static async Task<IResult> PageAsync(string id, SiteStore store, TimeProvider clock, CancellationToken ct)
    {
        var (threadId, stories, instead) = await ReadAsync(id, "", store, api: false, ct).ConfigureAwait(false);
        if (instead is not null)
        {
            return instead;
        }
        var now = clock.GetUtcNow();
        var first = stories[0];
        var last = stories[^1];
        // The thread's span in UTC days: one day is "on" it, not "from" it "to" itself.
        var firstDay = first.Published.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        var lastDay = stories.Max(s => s.LastActivity).UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        var span = firstDay == lastDay ? $"on {firstDay}" : $"from {firstDay} to {lastDay}";
        var b = new HtmlBuilder(8192);
        b.Append($"<article class=\"thread-page\" aria-labelledby=\"thread-title\"><h1 id=\"thread-title\">Thread: {last.Title}</h1>")
         .Append($"<p class=\"meta\">{Number(stories.Count)} stories {span} · highest significance {Score(stories.Max(s => s.Score))}")
         .Append($" · <a href=\"/thread/{threadId}/feed.xml\" rel=\"alternate\" type=\"application/rss+xml\">follow this thread (RSS)</a></p>")
         .Append($"<p>The successive stories of one long-running topic, oldest first: each shares names and subject with the stories before it. Times are UTC.</p>")
         .Append($"<ol class=\"thread\">");
        var shared = SharedDays(stories);
        foreach (var s in stories)
        {
            Item(b, s, now, shared);
        }
        b.Append($"</ol></article>");
        return Page($"Thread: {last.Title}", b.ToHtml());
    }

    private static async Task<IResult> FeedAsync(string id, HttpContext http, SiteStore store, SiteOptions options, CancellationToken ct)
    {
        var (threadId, stories, instead) = await ReadAsync(id, "/feed.xml", store, api: false, ct).ConfigureAwait(false);
        if (instead is not null)
        {
            return instead;
        }
        var baseUrl = FeedEndpoints.BaseUrl(http, options);
        var threadUrl = $"{baseUrl}/thread/{threadId.ToString(CultureInfo.InvariantCulture)}";
        var sb = new StringBuilder();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), CheckCharacters = true };
        using (var w = XmlWriter.Create(new FeedEndpoints.StringWriterUtf8(sb), settings))
        {
            new RssChannel($"{stories[^1].Title} — a thread followed on Salient", threadUrl, $"The successive stories of one topic, {stories.Count} so far.").Start(w);
            foreach (var s in stories.AsEnumerable().Reverse().Take(MaxFeedItems))
            {
                var storyUrl = $"{baseUrl}/story/{s.Id.ToString(CultureInfo.InvariantCulture)}";
                RssChannel.Item(w, $"[{Score(s.Score)}] {s.Title}", storyUrl, storyUrl, guidIsPermaLink: true, s.Published, s.Summary.Length > 0 ? s.Summary : s.Title);
            }
            RssChannel.End(w);
        }
        http.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Text(sb.ToString(), "application/rss+xml; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<IResult> ApiAsync(string id, HttpContext http, SiteStore store, SiteOptions options, RegionCatalog regions, CancellationToken ct)
    {
        var (threadId, stories, instead) = await ReadAsync(id, "", store, api: true, ct).ConfigureAwait(false);
        if (instead is not null)
        {
            return instead;
        }
        var baseUrl = FeedEndpoints.BaseUrl(http, options);
        return Validators.Json(http, new
        {
            id = threadId,
            url = $"{baseUrl}/thread/{threadId.ToString(CultureInfo.InvariantCulture)}",
            stories = stories.Select(s => ApiEndpoints.StoryJson(s, baseUrl, regions)),
        }, ApiEndpoints.Json, stories.Max(s => s.LastActivity));
    }
}
