using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Salient.Sections;
using Salient.Storage;
using Salient.Text;
using Salient.Web;

namespace Salient.Digest;

/// <summary>The digest on the site: subscribe form, confirmation and one-click unsubscribe links, and the archive.</summary>
internal sealed class DigestEndpoints : IEndpointModule
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/subscribe", (RegionCatalog regions) => Page("Subscribe", Form(null, null, "/subscribe", regions)));
        endpoints.MapGet("/subscription", ManagePageAsync);
        endpoints.MapPost("/subscription", ManageAsync).DisableAntiforgery();
        endpoints.MapPost("/subscribe", SubscribeAsync).DisableAntiforgery();
        endpoints.MapGet("/confirm", ConfirmAsync);
        endpoints.MapGet("/unsubscribe", UnsubscribePageAsync);
        endpoints.MapPost("/unsubscribe", UnsubscribeAsync).DisableAntiforgery();
        endpoints.MapGet("/digests", ArchiveAsync);
        endpoints.MapGet("/digests/{id}", IssueAsync);
    }

    private static async Task<IResult> SubscribeAsync(HttpContext http, DigestService service, DigestOptions options, DigestSections sections, RegionCatalog regions,
        DigestFormLimiter limiter, CancellationToken ct)
    {
        if (TooMany(http, limiter, "Subscribe") is { } refused)
        {
            return refused;
        }
        var (settings, error) = await ReadFormAsync(http, sections, withEmail: true, ct).ConfigureAwait(false);
        if (settings is null)
        {
            return Page("Subscribe", Form(error, null, "/subscribe", regions), StatusCodes.Status400BadRequest);
        }
        SmtpEndpoint? endpoint = null;
        if (!string.IsNullOrWhiteSpace(options.SmtpUrl))
        {
            endpoint = SmtpEndpoint.Parse(options.SmtpUrl);
        }
        await service.SubscribeAsync(settings.Email, settings.Cadence, settings.Threshold, settings.Sections, endpoint, ct).ConfigureAwait(false);
        // The same answer whether or not the address was known, so the form reveals no subscriber.
        return Page("Check your inbox", Html.Of($"<p>If this address can receive the digest, a confirmation link is on its way. Nothing is sent until it is confirmed. Every digest links to a page where you can change your sections.</p>"));
    }

    /// <summary>What the subscribe and subscription forms set.</summary>
    private sealed record Settings(string Email, string Cadence, double Threshold, IReadOnlyList<SectionChoice> Sections);

    /// <summary>The posted settings, or null and what to tell the reader (every mistake named, nothing stored).</summary>
    private static async Task<(Settings? Settings, string? Error)> ReadFormAsync(HttpContext http, DigestSections sections, bool withEmail, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return (null, "Send the form from this page.");
        }
        if (await Forms.TryReadAsync(http.Request, ct).ConfigureAwait(false) is not { } form)
        {
            return (null, "The form could not be read; send it again from this page.");
        }
        var email = form["email"].ToString();
        var cadence = form["cadence"].ToString() is { Length: > 0 } c ? c : "weekly";
        var thresholdText = form["threshold"].ToString();
        var threshold = 5.5;
        if (thresholdText.Length > 0 && !double.TryParse(thresholdText, NumberStyles.Float, CultureInfo.InvariantCulture, out threshold))
        {
            return (null, "The threshold must be a number from 0 to 10.");
        }
        try
        {
            if (withEmail)
            {
                DigestStore.NormaliseEmail(email);
            }
            DigestStore.ValidateCadenceAndThreshold(PlainText.Shorten(cadence, 20), threshold);
            return (new Settings(email, cadence, threshold, ReadSections(form, sections)), null);
        }
        catch (ArgumentException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>
    /// The sections of the form: a <c>topic</c> checkbox per desk with its own score in <c>topic_score_{slug}</c>, and
    /// <c>region</c> fields, each followed by a <c>region_score</c>; an empty region field is skipped.
    /// </summary>
    private static IReadOnlyList<SectionChoice> ReadSections(IFormCollection form, DigestSections sections)
    {
        var choices = new List<SectionChoice>();
        var topics = form["topic"];
        var regions = form["region"];
        var regionScores = form["region_score"];
        if (topics.Count + regions.Count > DigestSections.MaxChoices * 2)
        {
            throw new ArgumentException($"too many sections were sent; choose at most {DigestSections.MaxChoices}");
        }
        foreach (var topic in topics)
        {
            var checkedTopic = sections.Check(SectionChoice.Topic, topic, null);
            choices.Add(checkedTopic with { Threshold = DigestSections.ParseThreshold(form[$"topic_score_{checkedTopic.Slug}"].ToString(), checkedTopic.ToString()) });
        }
        for (var i = 0; i < regions.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(regions[i]))
            {
                continue;
            }
            var checkedRegion = sections.Check(SectionChoice.Region, regions[i], null);
            choices.Add(checkedRegion with { Threshold = DigestSections.ParseThreshold(i < regionScores.Count ? regionScores[i] : null, checkedRegion.ToString()) });
        }
        return DigestSections.Distinct(choices);
    }

    private static async Task<IResult> ManagePageAsync(string? token, DigestService service, DigestStore store, RegionCatalog regions, CancellationToken ct)
    {
        if (await ManagedAsync(token, service, store, ct).ConfigureAwait(false) is not { } subscriber)
        {
            return ManageLinkNotValid();
        }
        var choices = await store.SectionsAsync(subscriber.Id, ct).ConfigureAwait(false);
        return Page("Your digest", Form(null, new Settings(subscriber.Email, subscriber.Cadence, subscriber.Threshold, choices), ManageAction(token!), regions));
    }

    private static async Task<IResult> ManageAsync(string? token, HttpContext http, DigestService service, DigestStore store, DigestSections sections, RegionCatalog regions,
        DigestFormLimiter limiter, CancellationToken ct)
    {
        if (TooMany(http, limiter, "Your digest") is { } refused)
        {
            return refused;
        }
        if (await ManagedAsync(token, service, store, ct).ConfigureAwait(false) is not { } subscriber)
        {
            return ManageLinkNotValid();
        }
        var (settings, error) = await ReadFormAsync(http, sections, withEmail: false, ct).ConfigureAwait(false);
        if (settings is null)
        {
            var current = new Settings(subscriber.Email, subscriber.Cadence, subscriber.Threshold, await store.SectionsAsync(subscriber.Id, ct).ConfigureAwait(false));
            return Page("Your digest", Form(error, current, ManageAction(token!), regions), StatusCodes.Status400BadRequest);
        }
        await store.UpdateSettingsAsync(subscriber.Id, settings.Cadence, settings.Threshold, settings.Sections, ct).ConfigureAwait(false);
        var saved = new Settings(subscriber.Email, settings.Cadence, settings.Threshold, settings.Sections);
        return Page("Your digest", Html.Of($"<p role=\"status\">Saved. Your next digest follows these settings.</p>{Form(null, saved, ManageAction(token!), regions)}"));
    }

    /// <summary>The subscriber a manage link is for, when it is genuine and they are still subscribed.</summary>
    private static async Task<Subscriber?> ManagedAsync(string? token, DigestService service, DigestStore store, CancellationToken ct) =>
        await service.ValidateAsync(token, DigestTokens.Manage, ct).ConfigureAwait(false) is { } id
        && await store.FindAsync(id, ct).ConfigureAwait(false) is { Status: "confirmed" or "pending" } s ? s : null;

    private static string ManageAction(string token) => $"/subscription?token={Uri.EscapeDataString(token)}";

    private static IResult ManageLinkNotValid() =>
        Page("Link not valid", Html.Of($"<p>This link is not valid, or the address is no longer subscribed. Use the link at the foot of your latest digest, or <a href=\"/subscribe\">subscribe again</a>.</p>"), StatusCodes.Status400BadRequest);

    private static async Task<IResult> ConfirmAsync(string? token, DigestService service, DigestStore store, CancellationToken ct)
    {
        var id = await service.ValidateAsync(token, DigestTokens.Confirm, ct).ConfigureAwait(false);
        if (id is null || !await store.ConfirmAsync(id.Value, ct).ConfigureAwait(false))
        {
            return Page("Link not valid", Html.Of($"<p>This confirmation link is not valid or has expired. <a href=\"/subscribe\">Subscribe again</a> to get a new one.</p>"), StatusCodes.Status400BadRequest);
        }
        return Page("Subscribed", Html.Of($"<p>Your subscription is confirmed. Every digest has a one-click unsubscribe link.</p>"));
    }

    private static IResult InvalidUnsubscribeLink() =>
        Page("Link not valid", Html.Of($"<p>This unsubscribe link is not valid. Use the link at the foot of a digest.</p>"), StatusCodes.Status400BadRequest);

    /// <summary>The button a mail's unsubscribe link leads to; a link that is not valid says so here, before the button is pressed.</summary>
    private static async Task<IResult> UnsubscribePageAsync(string? token, DigestService service, CancellationToken ct)
    {
        if (await service.ValidateAsync(token, DigestTokens.Unsubscribe, ct).ConfigureAwait(false) is null)
        {
            return InvalidUnsubscribeLink();
        }
        return Page("Unsubscribe", Html.Of($"""
            <p>Leave Salient's digest? You will get no more messages.</p>
            <form method="post" action="/unsubscribe?token={Uri.EscapeDataString(token ?? string.Empty)}">
            <button type="submit">Unsubscribe</button></form>
            """));
    }

    private static async Task<IResult> UnsubscribeAsync(string? token, DigestService service, DigestStore store, CancellationToken ct)
    {
        var id = await service.ValidateAsync(token, DigestTokens.Unsubscribe, ct).ConfigureAwait(false);
        if (id is null)
        {
            return InvalidUnsubscribeLink();
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

    private static async Task<IResult> IssueAsync(string id, DigestStore store, CancellationToken ct)
    {
        // Any id is answered with a page: one that is not a digest's number says what was asked and where the digests are.
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return Page("Not found", Html.Of($"<p>There is no digest '{(id.Length > 60 ? id[..60] + "…" : id)}': a digest is named by its number, as the archive links to it. <a href=\"/digests\">All past digests</a></p>"),
                StatusCodes.Status404NotFound);
        }
        var issue = await store.IssueAsync(number, ct).ConfigureAwait(false);
        return issue is null
            ? Page("Not found", Html.Of($"<p>There is no digest {number}; it may never have been sent. <a href=\"/digests\">All past digests</a></p>"), StatusCodes.Status404NotFound)
            // The stored body is the one DigestComposer.Body wrote, every value in it already encoded.
            : Page(issue.Value.Subject, Html.Of($"{Html.Raw(issue.Value.Html)}<p><a href=\"/digests\">All past digests</a></p>"));
    }

    /// <summary>The subscribe form (with an address field) or a subscriber's own (<paramref name="current"/> set), with every section to choose from.</summary>
    private static Html Form(string? error, Settings? current, string action, RegionCatalog regions)
    {
        var b = new HtmlBuilder();
        if (error is not null)
        {
            b.Append($"<p role=\"alert\" class=\"form-error\">{error}</p>");
        }
        var cadence = current?.Cadence ?? "weekly";
        var threshold = (current?.Threshold ?? 5.5).ToString("0.0##", CultureInfo.InvariantCulture);
        if (current is null)
        {
            b.Append($"<p>Get the stories that matter by e-mail: only those at or above your threshold, about ten a week at 5.5.</p>");
        }
        else
        {
            b.Append($"<p>Settings of the digest sent to <strong>{current.Email}</strong>.</p>");
        }
        b.Append($"<form method=\"post\" action=\"{action}\">");
        if (current is null)
        {
            b.Append($"<p><label for=\"email\">E-mail address</label><br><input id=\"email\" name=\"email\" type=\"email\" required autocomplete=\"email\"></p>");
        }
        b.Append($"""
            <p><label for="cadence">How often</label><br><select id="cadence" name="cadence"><option value="weekly"{Selected(cadence == "weekly")}>Weekly</option><option value="daily"{Selected(cadence == "daily")}>Daily</option></select></p>
            <p><label for="threshold">Lowest significance (0–10)</label><br><input id="threshold" name="threshold" type="number" min="0" max="10" step="0.1" value="{threshold}"></p>
            <fieldset><legend>Sections (optional)</legend>
            <p>Choose none for the whole edition. Choose topics or regions to get only their stories, grouped under them, each story once.
            A section's score left empty is the section's own lowest score, else yours above.</p>
            <table class="digest-sections"><thead><tr><th scope="col">Topic</th><th scope="col">Lowest score</th></tr></thead><tbody>
            """);
        var chosen = current?.Sections ?? [];
        foreach (var desk in Sections.Desks.All)
        {
            var choice = chosen.FirstOrDefault(c => c.Kind == SectionChoice.Topic && c.Slug == desk.Slug);
            b.Append($"""
                <tr><td><input type="checkbox" id="topic-{desk.Slug}" name="topic" value="{desk.Slug}"{Checked(choice is not null)}> <label for="topic-{desk.Slug}">{desk.Name}</label></td>
                <td><input type="number" id="topic-score-{desk.Slug}" name="topic_score_{desk.Slug}" min="0" max="10" step="0.1" value="{Score(choice?.Threshold)}" aria-label="Lowest score for {desk.Name}"></td></tr>
                """);
        }
        b.Append($"""</tbody></table><table class="digest-sections"><thead><tr><th scope="col">Region (name or code)</th><th scope="col">Lowest score</th></tr></thead><tbody>""");
        var chosenRegions = chosen.Where(c => c.Kind == SectionChoice.Region).ToList();
        for (var i = 0; i < Math.Max(3, chosenRegions.Count + 1); i++)
        {
            var choice = i < chosenRegions.Count ? chosenRegions[i] : null;
            b.Append($"""
                <tr><td><input id="region-{i}" name="region" list="region-slugs" value="{choice?.Slug}" aria-label="Region {i + 1}" autocomplete="off" maxlength="64"></td>
                <td><input type="number" id="region-score-{i}" name="region_score" min="0" max="10" step="0.1" value="{Score(choice?.Threshold)}" aria-label="Lowest score for region {i + 1}"></td></tr>
                """);
        }
        b.Append($"""</tbody></table><datalist id="region-slugs">""");
        foreach (var r in regions.All)
        {
            b.Append($"""<option value="{r.Slug}">{r.Name}</option>""");
        }
        b.Append($"""</datalist></fieldset><p><button type="submit">{(current is null ? "Subscribe" : "Save")}</button></p></form>""");
        return b.ToHtml();
    }

    private static Html Selected(bool on) => on ? Html.Raw(" selected") : Html.Empty;

    private static Html Checked(bool on) => on ? Html.Raw(" checked") : Html.Empty;

    private static string Score(double? t) => t is { } v ? v.ToString("0.0##", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>A page of the digest and follow flows: the title as its heading, then the body.</summary>
    internal static IResult Page(string title, Html body, int status = StatusCodes.Status200OK) =>
        SiteLayout.Page(title, Html.Of($"<h1>{title}</h1>{body}"), status);

    /// <summary>The 429 page when the client address has posted the digest's forms too often, saying when to try again; null when it may go ahead.</summary>
    private static IResult? TooMany(HttpContext http, DigestFormLimiter limiter, string title)
    {
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (limiter.TryAcquire(ip, out var retryAfter))
        {
            return null;
        }
        var seconds = (long)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var minutes = (long)Math.Ceiling(seconds / 60.0);
        return Page(title, Html.Of($"<p>Too many requests from your address: at most {limiter.Limit} forms in {(long)limiter.Window.TotalMinutes} minutes. Please try again in {minutes} {(minutes == 1 ? "minute" : "minutes")}; nothing was changed.</p>"),
            StatusCodes.Status429TooManyRequests);
    }
}
