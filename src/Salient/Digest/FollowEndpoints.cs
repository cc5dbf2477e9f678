using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Salient.Storage;
using Salient.Web;

namespace Salient.Digest;

/// <summary>Following a story, or its thread, by e-mail: the form on the story page, the confirmation link and the one-click stop link.</summary>
internal sealed class FollowEndpoints : IEndpointModule
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/story/{id}/follow", FollowAsync).DisableAntiforgery();
        endpoints.MapGet("/follow/confirm", ConfirmAsync);
        endpoints.MapGet("/follow/stop", (string? token) => Page("Stop following", Html.Of($"""
            <p>Stop getting e-mail about this story?</p>
            <form method="post" action="/follow/stop?token={Uri.EscapeDataString(token ?? string.Empty)}"><button type="submit">Stop following</button></form>
            """)));
        endpoints.MapPost("/follow/stop", StopAsync).DisableAntiforgery();
    }

    /// <summary>The form on a story page, when the site can send e-mail.</summary>
    public static void Section(HtmlBuilder b, long storyId)
    {
        ArgumentNullException.ThrowIfNull(b);
        b.Append($"<section aria-labelledby=\"follow-h\"><h2 id=\"follow-h\">Follow this story</h2>")
         .Append($"<form class=\"follow\" method=\"post\" action=\"/story/{storyId}/follow\">")
         .Append($"<p>Get an e-mail when its significance rises by {FollowService.Rise.ToString("0", CultureInfo.InvariantCulture)} point or more, or crosses your threshold.</p>")
         .Append($"<p><label for=\"follow-email\">E-mail address</label><br><input id=\"follow-email\" name=\"email\" type=\"email\" required autocomplete=\"email\"></p>")
         .Append($"<p><label for=\"follow-threshold\">Your threshold (0–10)</label><br><input id=\"follow-threshold\" name=\"threshold\" type=\"number\" min=\"0\" max=\"10\" step=\"0.5\" value=\"5.5\"></p>")
         .Append($"<fieldset><legend>Follow</legend><label><input type=\"radio\" name=\"follow\" value=\"story\" checked> this story</label><br>")
         .Append($"<label><input type=\"radio\" name=\"follow\" value=\"thread\"> its thread: an e-mail for each new story on this topic that reaches your threshold</label></fieldset>")
         .Append($"<p><button type=\"submit\">Follow by e-mail</button></p></form></section>");
    }

    private static async Task<IResult> FollowAsync(string id, HttpContext http, FollowService follows, SiteStore site, DigestOptions options, ApiRateLimiter limiter, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var storyId)
            || await site.StoryAsync(storyId, ct).ConfigureAwait(false) is not { MergedInto: null })
        {
            return Page("No such story", Html.Of($"<p>There is no story with that number.</p>"), StatusCodes.Status404NotFound);
        }
        if (string.IsNullOrWhiteSpace(options.SmtpUrl))
        {
            return Page("Not available", Html.Of($"<p>This site does not send e-mail. <a href=\"/story/{storyId}/feed.xml\">Follow the story by RSS</a> instead.</p>"), StatusCodes.Status404NotFound);
        }
        if (FeedbackEndpoints.FromAnotherSite(http))
        {
            return Page("Not accepted", Html.Of($"<p>Follows are taken only from this site's own story pages.</p>"), StatusCodes.Status403Forbidden);
        }
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!limiter.TryAcquire("follow " + address, out var retry))
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(retry.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Page("Too many requests", Html.Of($"<p>Too many requests from your address; wait a minute and try again.</p>"), StatusCodes.Status429TooManyRequests);
        }
        if (!http.Request.HasFormContentType || await Forms.TryReadAsync(http.Request, ct).ConfigureAwait(false) is not { } form)
        {
            return Back(storyId, "The form could not be read; send it again from the story page.");
        }
        var thresholdText = form["threshold"].ToString();
        var threshold = 5.5;
        if (thresholdText.Length > 0 && !double.TryParse(thresholdText, NumberStyles.Float, CultureInfo.InvariantCulture, out threshold))
        {
            return Back(storyId, "The threshold must be a number from 0 to 10.");
        }
        var kind = form["follow"].ToString() is { Length: > 0 } chosen ? chosen : FollowStore.StoryKind;
        if (kind is not (FollowStore.StoryKind or FollowStore.ThreadKind))
        {
            return Back(storyId, "What to follow must be the story or its thread.");
        }
        try
        {
            DigestStore.NormaliseEmail(form["email"].ToString());
            FollowStore.ValidateThreshold(threshold);
        }
        catch (ArgumentException e)
        {
            return Back(storyId, e.Message);
        }
        await follows.FollowAsync(storyId, form["email"].ToString(), threshold, SmtpEndpoint.Parse(options.SmtpUrl), ct, kind).ConfigureAwait(false);
        // The same answer whether or not the address already followed the story.
        return Page("Check your inbox", Html.Of($"<p>If this address can receive e-mail, a confirmation link is on its way. Nothing is sent until it is confirmed.</p><p><a href=\"/story/{storyId}\">Back to the story</a></p>"));
    }

    private static async Task<IResult> ConfirmAsync(string? token, FollowService follows, CancellationToken ct)
    {
        var confirmed = await follows.ConfirmAsync(token, ct).ConfigureAwait(false);
        if (confirmed is not { Story: var story })
        {
            return Page("Link not valid", Html.Of($"<p>This confirmation link is not valid or has expired; follow the story again from its page.</p>"), StatusCodes.Status400BadRequest);
        }
        var now = story.Score is { } s ? Html.Of($" It scores {s.ToString("0.0", CultureInfo.InvariantCulture)} now.") : Html.Empty;
        var what = confirmed.Thread ? Html.Of($"the thread of ") : Html.Empty;
        return Page("Following", Html.Of($"<p>You follow {what}<a href=\"/story/{story.Id}\">{story.Title}</a>.{now} Every message has a one-click link to stop.</p>"));
    }

    private static async Task<IResult> StopAsync(string? token, FollowService follows, CancellationToken ct) =>
        await follows.StopAsync(token, ct).ConfigureAwait(false)
            ? Page("Stopped", Html.Of($"<p>You no longer follow this story and will get no more e-mail about it.</p>"))
            : Page("Link not valid", Html.Of($"<p>This link is not valid. Use the link at the foot of a message about the story.</p>"), StatusCodes.Status400BadRequest);

    private static IResult Back(long storyId, string error) =>
        Page("Follow this story", Html.Of($"<p role=\"alert\">{error}</p><p><a href=\"/story/{storyId}#follow-h\">Back to the story</a></p>"), StatusCodes.Status400BadRequest);

    private static IResult Page(string title, Html body, int status = StatusCodes.Status200OK) => DigestEndpoints.Page(title, body, status);
}
