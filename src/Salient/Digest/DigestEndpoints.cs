using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Salient.Storage;
using Salient.Web;

namespace Salient.Digest;

/// <summary>The digest on the site: subscribe form, confirmation and one-click unsubscribe links, and the archive.</summary>
internal sealed class DigestEndpoints : IEndpointModule
{
    private static readonly FormLimiter Limiter = new(5, TimeSpan.FromMinutes(10));

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/subscribe", () => Page("Subscribe", Form(null)));
        endpoints.MapPost("/subscribe", SubscribeAsync).DisableAntiforgery();
        endpoints.MapGet("/confirm", ConfirmAsync);
        endpoints.MapGet("/unsubscribe", (string? token) => Page("Unsubscribe", Html.Of($"""
            <p>Leave Salient's digest? You will get no more messages.</p>
            <form method="post" action="/unsubscribe?token={Uri.EscapeDataString(token ?? string.Empty)}">
            <button type="submit">Unsubscribe</button></form>
            """)));
        endpoints.MapPost("/unsubscribe", UnsubscribeAsync).DisableAntiforgery();
        endpoints.MapGet("/digests", ArchiveAsync);
        endpoints.MapGet("/digests/{id:long}", IssueAsync);
    }

    private static async Task<IResult> SubscribeAsync(HttpContext http, DigestService service, DigestOptions options, CancellationToken ct)
    {
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!Limiter.TryAcquire(ip))
        {
            return Page("Subscribe", Html.Of($"<p>Too many requests from your address. Please try again in a few minutes.</p>"), StatusCodes.Status429TooManyRequests);
        }
        if (!http.Request.HasFormContentType)
        {
            return Page("Subscribe", Form("Send the form from this page."), StatusCodes.Status400BadRequest);
        }
        if (await Forms.TryReadAsync(http.Request, ct).ConfigureAwait(false) is not { } form)
        {
            return Page("Subscribe", Form("The form could not be read; send it again from this page."), StatusCodes.Status400BadRequest);
        }
        var email = form["email"].ToString();
        var cadence = form["cadence"].ToString() is { Length: > 0 } c ? c : "weekly";
        var thresholdText = form["threshold"].ToString();
        var threshold = 5.5;
        if (thresholdText.Length > 0 && !double.TryParse(thresholdText, NumberStyles.Float, CultureInfo.InvariantCulture, out threshold))
        {
            return Page("Subscribe", Form("The threshold must be a number from 0 to 10."), StatusCodes.Status400BadRequest);
        }
        try
        {
            DigestStore.NormaliseEmail(email);
            DigestStore.ValidateCadenceAndThreshold(cadence, threshold);
        }
        catch (ArgumentException e)
        {
            return Page("Subscribe", Form(e.Message), StatusCodes.Status400BadRequest);
        }
        SmtpEndpoint? endpoint = null;
        if (!string.IsNullOrWhiteSpace(options.SmtpUrl))
        {
            endpoint = SmtpEndpoint.Parse(options.SmtpUrl);
        }
        await service.SubscribeAsync(email, cadence, threshold, endpoint, ct).ConfigureAwait(false);
        // The same answer whether or not the address was known, so the form reveals no subscriber.
        return Page("Check your inbox", Html.Of($"<p>If this address can receive the digest, a confirmation link is on its way. Nothing is sent until it is confirmed.</p>"));
    }

    private static async Task<IResult> ConfirmAsync(string? token, DigestService service, DigestStore store, CancellationToken ct)
    {
        var id = await service.ValidateAsync(token, DigestTokens.Confirm, ct).ConfigureAwait(false);
        if (id is null || !await store.ConfirmAsync(id.Value, ct).ConfigureAwait(false))
        {
            return Page("Link not valid", Html.Of($"<p>This confirmation link is not valid or has expired. <a href=\"/subscribe\">Subscribe again</a> to get a new one.</p>"), StatusCodes.Status400BadRequest);
        }
        return Page("Subscribed", Html.Of($"<p>Your subscription is confirmed. Every digest has a one-click unsubscribe link.</p>"));
    }

    private static async Task<IResult> UnsubscribeAsync(string? token, DigestService service, DigestStore store, CancellationToken ct)
    {
        var id = await service.ValidateAsync(token, DigestTokens.Unsubscribe, ct).ConfigureAwait(false);
        if (id is null)
        {
            return Page("Link not valid", Html.Of($"<p>This unsubscribe link is not valid. Use the link at the foot of a digest.</p>"), StatusCodes.Status400BadRequest);
        }
        await store.UnsubscribeAsync(id.Value, ct).ConfigureAwait(false);
        return Page("Unsubscribed", Html.Of($"<p>You are unsubscribed and will get no more digests.</p>"));
    }

    private static async Task<IResult> ArchiveAsync(DigestStore store, CancellationToken ct)
    {
        var issues = await store.IssuesAsync(100, ct).ConfigureAwait(false);
        var body = new HtmlBuilder();
        if (issues.Count == 0)
        {
            body.Append($"<p>No digest has been sent yet.</p>");
        }
        else
        {
            body.Append($"<ul>");
            foreach (var i in issues)
            {
                body.Append($"<li><a href=\"/digests/{i.Id}\">{i.Subject}</a></li>");
            }
            body.Append($"</ul>");
        }
        body.Append($"<p><a href=\"/subscribe\">Subscribe</a></p>");
        return Page("Past digests", body.ToHtml());
    }

    private static async Task<IResult> IssueAsync(long id, DigestStore store, CancellationToken ct)
    {
        var issue = await store.IssueAsync(id, ct).ConfigureAwait(false);
        return issue is null
            ? Page("Not found", Html.Of($"<p>No such digest. <a href=\"/digests\">All past digests</a></p>"), StatusCodes.Status404NotFound)
            // The stored body is the one DigestComposer.Body wrote, every value in it already encoded.
            : Page(issue.Value.Subject, Html.Of($"{Html.Raw(issue.Value.Html)}<p><a href=\"/digests\">All past digests</a></p>"));
    }

    private static Html Form(string? error) => Html.Of($"""
        {(error is null ? Html.Empty : Html.Of($"<p role=\"alert\">{error}</p>"))}
        <p>Get the stories that matter by e-mail: only those at or above your threshold, about ten a week at 5.5.</p>
        <form method="post" action="/subscribe">
          <p><label for="email">E-mail address</label><br><input id="email" name="email" type="email" required autocomplete="email"></p>
          <p><label for="cadence">How often</label><br><select id="cadence" name="cadence"><option value="weekly">Weekly</option><option value="daily">Daily</option></select></p>
          <p><label for="threshold">Lowest significance (0–10)</label><br><input id="threshold" name="threshold" type="number" min="0" max="10" step="0.5" value="5.5"></p>
          <p><button type="submit">Subscribe</button></p>
        </form>
        """);

    private static IResult Page(string title, Html body, int status = StatusCodes.Status200OK) =>
        SiteLayout.Page(title, Html.Of($"<h1>{title}</h1>{body}"), status);

    /// <summary>A fixed-window count of form posts per client address.</summary>
    private sealed class FormLimiter(int limit, TimeSpan window)
    {
        private readonly ConcurrentDictionary<string, (DateTimeOffset Start, int Count)> _counts = new(StringComparer.Ordinal);

        public bool TryAcquire(string key)
        {
            var now = DateTimeOffset.UtcNow;
            if (_counts.Count > 10_000)
            {
                _counts.Clear();
            }
            var entry = _counts.AddOrUpdate(key, _ => (now, 1), (_, e) => now - e.Start > window ? (now, 1) : (e.Start, e.Count + 1));
            return entry.Count <= limit;
        }
    }
}
