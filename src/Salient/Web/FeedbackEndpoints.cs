using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Salient.Significance;
using Salient.Storage;
using static Salient.Web.SiteLayout;
using Salient.Text;

namespace Salient.Web;

/// <summary>
/// Feedback on a story's score: "should rank higher", "lower" or "about right". Readers may give it on the story
/// page when <see cref="SiteOptions.Feedback"/> is on (one verdict per address and story, a new one replaces it,
/// limited per minute, refused from other sites); the admin always may, from the admin's form for that story. The
/// admin lists what was said and exports it as labels for <c>salient train --feedback</c>.
/// </summary>
internal sealed class FeedbackEndpoints : IEndpointModule
{
    private const int ListLimit = 500;

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/story/{id}/feedback", ReaderAsync).DisableAntiforgery();
        endpoints.MapGet("/admin/feedback", ListAsync);
        endpoints.MapGet("/admin/feedback.jsonl", ExportAsync);
        endpoints.MapGet("/admin/feedback/{id}", AdminFormAsync);
        endpoints.MapPost("/admin/feedback/{id}", AdminAsync).DisableAntiforgery();
    }

    /// <summary>The story page's part: the reader's three buttons (when feedback is open), the admin's link, and a thank-you after a verdict.</summary>
    internal static void Section(HtmlBuilder b, long storyId, SiteOptions options, string? state)
    {
        var reader = options.Feedback;
        var admin = !string.IsNullOrEmpty(options.AdminToken);
        if (!reader && !admin)
        {
            return;
        }
        b.Append($"<section id=\"feedback\" aria-labelledby=\"feedback-h\"><h2 id=\"feedback-h\">Is this score right?</h2>");
        if (state == "thanks")
        {
            b.Append($"<p role=\"status\">Thank you: your verdict is recorded and will teach the next model.</p>");
        }
        if (reader)
        {
            b.Append($"<form class=\"feedback\" method=\"post\" action=\"/story/{storyId}/feedback\">");
            Buttons(b);
            b.Append($"</form>");
        }
        if (admin)
        {
            b.Append($"<p class=\"meta\"><a href=\"/admin/feedback/{storyId}\">Rate this score as the admin</a></p>");
        }
        b.Append($"</section>");
    }

    private static void Buttons(HtmlBuilder b) =>
        b.Append($"<p><button type=\"submit\" name=\"verdict\" value=\"higher\">Should rank higher</button> ")
         .Append($"<button type=\"submit\" name=\"verdict\" value=\"right\">About right</button> ")
         .Append($"<button type=\"submit\" name=\"verdict\" value=\"lower\">Should rank lower</button></p>");

    private static async Task<IResult> ReaderAsync(string id, HttpContext http, SiteOptions options, FeedbackStore store, ApiRateLimiter limiter, CancellationToken ct)
    {
        if (!options.Feedback)
        {
            return Message("Feedback is off", "Readers' feedback is not open on this site.", StatusCodes.Status404NotFound);
        }
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var storyId))
        {
            return Message("No such story", "There is no story with that number.", StatusCodes.Status404NotFound);
        }
        if (FromAnotherSite(http))
        {
            return Message("Not accepted", "Feedback is taken only from this site's own story pages.", StatusCodes.Status403Forbidden);
        }
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!limiter.TryAcquire("feedback " + address, out var retry))
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(retry.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Message("Too many verdicts", "Too many verdicts from your address; wait a minute and try again.", StatusCodes.Status429TooManyRequests);
        }
        return await RecordAsync(http, store, storyId, ClientOf(address), byAdmin: false, form: null, ct).ConfigureAwait(false);
    }

    private static async Task<IResult> AdminFormAsync(string id, HttpContext http, SiteOptions options, SiteStore site, CancellationToken ct)
    {
        if (Gate(http, options) is { } refused)
        {
            return refused;
        }
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var storyId)
            || await site.StoryAsync(storyId, ct).ConfigureAwait(false) is not { MergedInto: null } found)
        {
            return Message("No such story", "There is no story with that number.", StatusCodes.Status404NotFound);
        }
        var s = found.Card;
        var b = new HtmlBuilder(4096);
        b.Append($"<h1>Is this score right?</h1><p><a href=\"/story/{s.Id}\">{s.Title}</a> · score <span class=\"score\">{Score(s.Score)}</span> · ")
         .Append($"{Counted.Of(s.ArticleCount, "article")} from {Counted.Of(s.OutletCount, "outlet")}</p>");
        b.Append($"<form class=\"feedback\" method=\"post\" action=\"/admin/feedback/{s.Id}\">{AdminEndpoints.CsrfField(http)}");
        Buttons(b);
        b.Append($"</form><p><a href=\"/admin/feedback\">All feedback</a></p>");
        http.Response.Headers.CacheControl = "no-store";
        return Page("Feedback", b.ToHtml());
    }

    private static async Task<IResult> AdminAsync(string id, HttpContext http, SiteOptions options, FeedbackStore store, AuditStore audit, CancellationToken ct)
    {
        if (Gate(http, options) is { } refused)
        {
            return refused;
        }
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var storyId))
        {
            return Message("No such story", "There is no story with that number.", StatusCodes.Status404NotFound);
        }
        var form = http.Request.HasFormContentType ? await Forms.TryReadAsync(http.Request, ct).ConfigureAwait(false) : null;
        if (form is null || !AdminEndpoints.FormIsGenuine(http, form))
        {
            return Message("Not accepted", "This form is stale; open the story's feedback form in the admin again.", StatusCodes.Status403Forbidden);
        }
        var result = await RecordAsync(http, store, storyId, "admin", byAdmin: true, form, ct).ConfigureAwait(false);
        await audit.AddAsync("feedback", $"story {storyId.ToString(CultureInfo.InvariantCulture)}: {form["verdict"]}", AdminAuth.Client(http), ct).ConfigureAwait(false);
        return result;
    }

    private static async Task<IResult> RecordAsync(HttpContext http, FeedbackStore store, long storyId, string client, bool byAdmin, IFormCollection? form, CancellationToken ct)
    {
        form ??= http.Request.HasFormContentType ? await Forms.TryReadAsync(http.Request, ct).ConfigureAwait(false) : null;
        if (form is null)
        {
            return Message("Not understood", "Send the form from the story page: a verdict of higher, lower or right.", StatusCodes.Status400BadRequest);
        }
        string verdict;
        try
        {
            verdict = FeedbackStore.ParseVerdict(form["verdict"].ToString());
        }
        catch (ArgumentException e)
        {
            return Message("Not understood", $"The verdict {e.Message}.", StatusCodes.Status400BadRequest);
        }
        var outcome = await store.RecordAsync(storyId, client, byAdmin, verdict, ct).ConfigureAwait(false);
        return outcome switch
        {
            FeedbackOutcome.NoSuchStory => Message("No such story", "There is no story with that number.", StatusCodes.Status404NotFound),
            FeedbackOutcome.NotScored => Message("Not scored yet", "This story has no score yet; try again once it has one.", StatusCodes.Status409Conflict),
            _ => Results.Redirect($"/story/{storyId.ToString(CultureInfo.InvariantCulture)}?feedback=thanks#feedback"),
        };
    }

    private static async Task<IResult> ListAsync(HttpContext http, SiteOptions options, FeedbackStore store, TimeProvider clock, CancellationToken ct)
    {
        if (Gate(http, options) is { } refused)
        {
            return refused;
        }
        var counts = await store.CountsAsync(ct).ConfigureAwait(false);
        var recent = await store.RecentAsync(ListLimit, ct).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var b = new HtmlBuilder(16_384);
        b.Append($"<h1>Feedback on scores</h1><p>{Number(counts["higher"])} said higher, {Number(counts["lower"])} lower, {Number(counts["right"])} about right. ")
         .Append($"<a href=\"/admin/feedback.jsonl\" download>Export as labels</a> for <code>salient train --feedback</code>.</p>");
        if (recent.Count == 0)
        {
            b.Append($"<p>No feedback yet.</p>");
        }
        else
        {
            b.Append($"<table><thead><tr><th>Story</th><th>Verdict</th><th>Score then</th><th>Score now</th><th>From</th><th>When</th></tr></thead><tbody>");
            foreach (var f in recent)
            {
                b.Append($"<tr><td><a href=\"/story/{f.StoryId}\">{f.Title}</a></td><td>{VerdictText(f.Verdict)}</td><td>{Score(f.ShownScore)}</td>")
                 .Append($"<td>{Score(f.CurrentScore)}</td><td>{(f.ByAdmin ? "admin" : "reader")}</td><td>{Time(f.At, now)}</td></tr>");
            }
            b.Append($"</tbody></table>");
        }
        b.Append($"<p><a href=\"/admin\">Back to the admin</a></p>");
        http.Response.Headers.CacheControl = "no-store";
        return Page("Feedback", b.ToHtml());
    }

    private static async Task<IResult> ExportAsync(HttpContext http, SiteOptions options, FeedbackStore store, CancellationToken ct)
    {
        if (Gate(http, options) is { } refused)
        {
            return refused;
        }
        var all = await store.AllAsync(ct).ConfigureAwait(false);
        var text = new StringBuilder();
        foreach (var f in all)
        {
            text.Append(FeedbackLabels.ToJsonLine(f)).Append('\n');
        }
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"feedback.jsonl\"";
        return Results.Text(text.ToString(), "application/x-ndjson; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>The admin is closed (404), or the request is not the admin's (to the login).</summary>
    private static IResult? Gate(HttpContext http, SiteOptions options)
    {
        if (string.IsNullOrEmpty(options.AdminToken))
        {
            return Message("Admin closed", "The admin is off. Set Site:AdminToken in the configuration to open it.", StatusCodes.Status404NotFound);
        }
        return AdminEndpoints.IsAdmin(http) ? null : Results.Redirect("/admin/login");
    }

    /// <summary>A browser says where a form came from; a form posted from another site is not a reader of this one.</summary>
    internal static bool FromAnotherSite(HttpContext http)
    {
        var headers = http.Request.Headers;
        if (string.Equals(headers["Sec-Fetch-Site"].ToString(), "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        var origin = headers.Origin.ToString();
        if (origin.Length == 0 || string.Equals(origin, "null", StringComparison.Ordinal))
        {
            return origin.Length > 0;
        }
        return !Uri.TryCreate(origin, UriKind.Absolute, out var from)
            || !string.Equals(from.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A reader is known by a hash of their address, never the address itself.</summary>
    private static string ClientOf(string address) =>
        "reader:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("salient feedback\n" + address)))[..16].ToLowerInvariant();

    private static string VerdictText(string verdict) => verdict switch
    {
        "higher" => "should rank higher",
        "lower" => "should rank lower",
        _ => "about right",
    };

    private static IResult Message(string title, string text, int status) =>
        Page(title, Html.Of($"<h1>{title}</h1><p>{text}</p>"), status);
}
