using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Salient.Storage;
using Salient.Stories;
using Salient.Text;

namespace Salient.Web;

/// <summary>
/// <c>/story/{id}/feed.xml</c>: one story followed in a feed reader. An item for every article that joined it and for
/// every new score it was given, newest first, so a reader following a big story sees it develop and its score move.
/// </summary>
internal sealed class StoryFeedEndpoints : IEndpointModule
{
    private const int MaxItems = 100;

    public void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet("/story/{id}/feed.xml", ServeAsync);

    private static async Task<IResult> ServeAsync(string id, HttpContext http, SiteStore store, SiteOptions options, TimeProvider clock, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var storyId) || await store.StoryAsync(storyId, ct).ConfigureAwait(false) is not { } found)
        {
            return SiteLayout.Page("No such story", Html.Of($"<h1>No such story</h1><p>There is no story with that number to follow.</p>"), StatusCodes.Status404NotFound);
        }
        if (found.MergedInto is not null)
        {
            var survivor = await store.SurvivorAsync(storyId, ct).ConfigureAwait(false);
            return survivor is { } to && to != storyId
                ? Results.Redirect($"/story/{to.ToString(CultureInfo.InvariantCulture)}/feed.xml", permanent: true)
                : SiteLayout.Page("No such story", Html.Of($"<h1>No such story</h1><p>That story was merged away.</p>"), StatusCodes.Status404NotFound);
        }
        var s = found.Card;
        var articles = await store.StoryArticlesAsync(s.Id, ct).ConfigureAwait(false);
        var history = await store.ScoreHistoryAsync(s.Id, ct).ConfigureAwait(false);
        var baseUrl = FeedEndpoints.BaseUrl(http, options);
        var storyUrl = $"{baseUrl}/story/{s.Id}";
        var items = new List<(DateTimeOffset At, string Title, string Link, string Guid, string Text)>();
        foreach (var a in articles)
        {
            items.Add((a.At ?? s.Published, $"{a.Outlet ?? "An outlet"}: {a.Title}", a.Url ?? $"{storyUrl}#article-{a.Id}", $"{storyUrl}#article-{a.Id}",
                $"{a.Outlet ?? "An outlet"} reported on this story."));
        }
        for (var i = 0; i < history.Count; i++)
        {
            var p = history[i];
            var was = i > 0 ? $" (was {SiteLayout.Score(history[i - 1].Score)})" : " (first score)";
            items.Add((p.At, $"Significance {SiteLayout.Score(p.Score)}{was}", storyUrl, $"{storyUrl}#score-{p.At.ToUnixTimeMilliseconds()}",
                $"Scored {SiteLayout.Score(p.Score)} with {Counted.Of(p.Articles, "article")} from {Counted.Of(p.Outlets, "outlet")}."));
        }
        var state = StoryLifecycle.Describe(StoryLifecycle.StateOf(s.LastActivity, history, clock.GetUtcNow()));
        var sb = new StringBuilder();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), CheckCharacters = true };
        using (var w = XmlWriter.Create(new FeedEndpoints.StringWriterUtf8(sb), settings))
        {
            // As in the site's feeds: the translation into the readers' language when there is one, labelled, then the original.
            var translation = s.TranslationFor(options.Language);
            var about = translation is null
                ? s.Summary
                : (translation.Summary.Length > 0 ? translation.Summary + " " : string.Empty)
                  + StoryTranslation.Label(s.Language, s.Title, s.Summary);
            new RssChannel($"{translation?.Title ?? s.Title} — followed on Salient", storyUrl, $"{about} (This story is {state}.)").Start(w);
            foreach (var item in items.OrderByDescending(i => i.At).Take(MaxItems))
            {
                RssChannel.Item(w, item.Title, item.Link, item.Guid, guidIsPermaLink: false, item.At, item.Text);
            }
            RssChannel.End(w);
        }
        http.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Text(sb.ToString(), "application/rss+xml; charset=utf-8", Encoding.UTF8);
    }
}
