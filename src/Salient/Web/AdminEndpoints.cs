using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Salient.Storage;
using static Salient.Web.SiteLayout;

namespace Salient.Web;

/// <summary>
/// The admin: sources (add, remove, import OPML, failures), re-scoring, pipeline status and the audit log of what was
/// done here. Closed unless <see cref="SiteOptions.AdminToken"/> is set; opened by that token in a login form (a
/// session follows, in an HttpOnly, SameSite=Strict cookie) or as <c>Authorization: Bearer</c>, as
/// <see cref="AdminAuth"/> decides. Every form of a session carries that session's own random token.
/// </summary>
internal sealed class AdminEndpoints : IEndpointModule
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin", DashboardAsync);
        endpoints.MapGet("/admin/login", (HttpContext http, SiteOptions options) => Closed(options) ?? LoginPage(null));
        endpoints.MapPost("/admin/login", LoginAsync).DisableAntiforgery();
        endpoints.MapPost("/admin/logout", async (HttpContext http, AdminAuth auth, AuditStore audit, CancellationToken ct) =>
        {
            if (auth.Authenticate(http).Verdict == AdminAuth.Verdict.Allowed)
            {
                await audit.AddAsync("logout", null, AdminAuth.Client(http), ct).ConfigureAwait(false);
            }
            auth.EndSession(http);
            return Results.Redirect("/");
        }).DisableAntiforgery();
        endpoints.MapPost("/admin/sources", (HttpContext http, AdminStore s) => ActAsync(http, "add source", async (form, ct) =>
        {
            var tier = int.TryParse(form["tier"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) ? t : 2;
            var added = await s.AddSourceAsync(form["url"].ToString(), form["name"], form["country"], form["language"], tier, ct).ConfigureAwait(false);
            return (added ? "Source added." : "That feed is already a source.", form["url"].ToString());
        })).DisableAntiforgery();
        // The id is read here, not by a route constraint: a constraint answers anything else with an empty 404.
        endpoints.MapPost("/admin/sources/{id}/remove", (string id, HttpContext http, AdminStore s) => SourceId(id) is not { } sourceId
            ? ActAsync(http, "remove source", (_, _) => throw new InvalidOperationException("not run"), refused: NotASourceId(id))
            : ActAsync(http, "remove source", async (_, ct) =>
                (await s.RemoveSourceAsync(sourceId, ct).ConfigureAwait(false) ? "Source removed." : "No such source.", $"source {sourceId.ToString(CultureInfo.InvariantCulture)}"))).DisableAntiforgery();
        endpoints.MapPost("/admin/sources/import", (HttpContext http, AdminStore s) => ActAsync(http, "import OPML", async (form, ct) =>
        {
            if (form.Files.GetFile("opml") is not { Length: > 0 } file)
            {
                throw new ArgumentException("choose an OPML file to import");
            }
            await using var stream = file.OpenReadStream();
            var (added, known) = await s.ImportOpmlAsync(stream, ct).ConfigureAwait(false);
            return ($"Imported: {added} new sources, {known} already known.", file.FileName);
        })).DisableAntiforgery();
        endpoints.MapPost("/admin/rescore", (HttpContext http, AdminStore s) => ActAsync(http, "score every story again", async (_, ct) =>
            ($"{await s.RescoreAllAsync(ct).ConfigureAwait(false)} stories will be scored again.", null))).DisableAntiforgery();
    }

    /// <summary>A source's id as the admin's list gives it: a whole number from 1; null for anything else.</summary>
    internal static long? SourceId(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    /// <summary>The page refusing a source id that is no whole number from 1, naming it (encoded) and saying what to give.</summary>
    internal static IResult NotASourceId(string text)
    {
        var shown = text.Length > 40 ? text[..40] + "…" : text;
        return Page("Admin", Html.Of($"<h1>Admin</h1><p role=\"alert\" class=\"error\">The source id '{shown}' is not a source's number: give a whole number from 1, as the sources list of <a href=\"/admin\">the admin</a> gives it. Nothing was changed.</p>"),
            StatusCodes.Status400BadRequest);
    }

    private static IResult? Closed(SiteOptions options) => string.IsNullOrEmpty(options.AdminToken)
        ? Page("Admin closed", Html.Of($"<h1>Admin closed</h1><p>The admin is off. Set <code>Site:AdminToken</code> in the configuration (or <code>SALIENT_ADMIN_TOKEN</code>) to open it.</p>"), StatusCodes.Status404NotFound)
        : null;

    private static IResult TooMany(HttpContext http)
    {
        http.Response.Headers.RetryAfter = ((int)AdminAuth.FailureWindow.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return LoginPage("Too many failed attempts from this address; wait a while and try again.", StatusCodes.Status429TooManyRequests);
    }

    /// <summary>True when the request is the admin's: a bearer token or a live session (the session cookie is sent to /admin paths only).</summary>
    internal static bool IsAdmin(HttpContext http) =>
        http.RequestServices.GetRequiredService<AdminAuth>().Authenticate(http).Verdict == AdminAuth.Verdict.Allowed;

    /// <summary>True for the admin's bearer request, or the admin's session whose form carries that session's CSRF token.</summary>
    internal static bool FormIsGenuine(HttpContext http, IFormCollection form)
    {
        var (verdict, session) = http.RequestServices.GetRequiredService<AdminAuth>().Authenticate(http);
        return verdict == AdminAuth.Verdict.Allowed && (session is null || AdminAuth.SameSecret(form["csrf"].ToString(), session.Csrf));
    }

    /// <summary>The hidden field an admin form carries: the session's CSRF token.</summary>
    internal static Html CsrfField(HttpContext http) =>
        Html.Of($"<input type=\"hidden\" name=\"csrf\" value=\"{http.RequestServices.GetRequiredService<AdminAuth>().Authenticate(http).Session?.Csrf ?? ""}\">");

    private static async Task<IResult> LoginAsync(HttpContext http, SiteOptions options, AdminAuth auth, AuditStore audit, CancellationToken ct)
    {
        if (Closed(options) is { } closed)
        {
            return closed;
        }
        if (auth.Limited(http))
        {
            return TooMany(http);
        }
        if (!http.Request.HasFormContentType)
        {
            return LoginPage("Send the form from this page.", StatusCodes.Status400BadRequest);
        }
        if (await Forms.TryReadAsync(http.Request, ct).ConfigureAwait(false) is not { } form)
        {
            return LoginPage("The form could not be read; send it again.", StatusCodes.Status400BadRequest);
        }
        switch (auth.CheckForm(http, form["token"].ToString()))
        {
            case AdminAuth.Verdict.Limited:
                return TooMany(http);
            case AdminAuth.Verdict.Allowed:
                break;
            default:
                return LoginPage("That token is not right.", StatusCodes.Status401Unauthorized);
        }
        auth.StartSession(http);
        await audit.AddAsync("login", null, AdminAuth.Client(http), ct).ConfigureAwait(false);
        return Results.Redirect("/admin");
    }

    private static IResult LoginPage(string? error, int status = StatusCodes.Status200OK) => Page("Admin", Html.Of($"""
        <h1>Admin</h1>
        {(error is null ? Html.Empty : Html.Of($"<p role=\"alert\" class=\"error\">{error}</p>"))}
        <form method="post" action="/admin/login">
          <p><label for="token">Admin token</label><br><input id="token" name="token" type="password" required autocomplete="current-password"></p>
          <p><button type="submit">Open the admin</button></p>
        </form>
        """), status);

    /// <summary>
    /// Runs an admin action for an authorised request (a session's form must carry its token), records it in the audit
    /// log with what it said, and sends the browser back to the dashboard with that message.
    /// </summary>
    private static async Task<IResult> ActAsync(HttpContext http, string action, Func<IFormCollection, CancellationToken, Task<(string Message, string? Subject)>> act,
        IResult? refused = null)
    {
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        if (Closed(services.GetRequiredService<SiteOptions>()) is { } closed)
        {
            return closed;
        }
        var auth = services.GetRequiredService<AdminAuth>();
        var (verdict, session) = auth.Authenticate(http);
        if (verdict == AdminAuth.Verdict.Limited)
        {
            return TooMany(http);
        }
        if (verdict != AdminAuth.Verdict.Allowed)
        {
            return Results.Redirect("/admin/login");
        }
        var form = http.Request.HasFormContentType ? await Forms.TryReadAsync(http.Request, ct).ConfigureAwait(false) : FormCollection.Empty;
        if (form is null)
        {
            return Page("Admin", Html.Of($"<h1>Admin</h1><p class=\"error\">The form could not be read; go back to <a href=\"/admin\">the admin</a> and send it again.</p>"), StatusCodes.Status400BadRequest);
        }
        if (session is not null && !AdminAuth.SameSecret(form["csrf"].ToString(), session.Csrf))
        {
            return Page("Admin", Html.Of($"<h1>Admin</h1><p class=\"error\">This form is stale; go back to <a href=\"/admin\">the admin</a> and try again.</p>"), StatusCodes.Status403Forbidden);
        }
        // A request the action cannot run on (say, an id that is no number) is answered only once it is the admin's own.
        if (refused is not null)
        {
            return refused;
        }
        string message;
        string? subject = null;
        try
        {
            (message, subject) = await act(form, ct).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            message = "Not done: " + e.Message;
        }
        var detail = subject is null ? message : $"{Redaction.Url(subject) ?? subject}: {message}";
        await services.GetRequiredService<AuditStore>().AddAsync(action, detail, AdminAuth.Client(http), ct).ConfigureAwait(false);
        return Results.Redirect("/admin?done=" + Uri.EscapeDataString(message));
    }

    private static async Task<IResult> DashboardAsync(HttpContext http, SiteOptions options, SiteStore site, AdminStore admin, AdminAuth auth, AuditStore audit,
        TimeProvider clock, CancellationToken ct)
    {
        if (Closed(options) is { } closed)
        {
            return closed;
        }
        var (verdict, session) = auth.Authenticate(http);
        if (verdict == AdminAuth.Verdict.Limited)
        {
            return TooMany(http);
        }
        if (verdict != AdminAuth.Verdict.Allowed)
        {
            return Results.Redirect("/admin/login");
        }
        // A bearer request has no session and needs no form token; its page's forms are for a browser that logs in.
        var csrf = Html.Of($"<input type=\"hidden\" name=\"csrf\" value=\"{session?.Csrf ?? string.Empty}\">");
        var status = await admin.StatusAsync(ct).ConfigureAwait(false);
        var sources = await site.SourcesAsync(ct).ConfigureAwait(false);
        var log = await audit.RecentAsync(50, ct).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var b = new HtmlBuilder(32_768);
        b.Append($"<h1>Admin</h1>");
        if (http.Request.Query["done"].ToString() is { Length: > 0 } done)
        {
            b.Append($"<p role=\"status\">{(done.Length > 300 ? done[..300] : done)}</p>");
        }
        b.Append($"<section aria-labelledby=\"pipeline-h\"><h2 id=\"pipeline-h\">Pipeline</h2><table><caption class=\"visually-hidden\">Queues and rates</caption><tbody>");
        foreach (var (stage, count) in status.ArticlesByStage)
        {
            b.Append($"<tr><th scope=\"row\">Articles at stage {stage} {StageName(stage)}</th><td>{Number(count)}</td></tr>");
        }
        b.Append($"<tr><th scope=\"row\">Stories waiting for a score</th><td>{Number(status.StoriesToScore)}</td></tr>")
         .Append($"<tr><th scope=\"row\">Stories waiting for a title and summary</th><td>{Number(status.StoriesToWrite)}</td></tr>")
         .Append($"<tr><th scope=\"row\">Articles found in the last hour</th><td>{Number(status.ArticlesLastHour)}</td></tr>")
         .Append($"<tr><th scope=\"row\">Articles found in the last 24 hours</th><td>{Number(status.ArticlesLastDay)}</td></tr>")
         .Append($"</tbody></table>");
        b.Append($"<form method=\"post\" action=\"/admin/rescore\">{csrf}<p><button type=\"submit\">Score every story again</button></p></form></section>");
        if (status.RecentErrors.Count > 0)
        {
            b.Append($"<section aria-labelledby=\"errors-h\"><h2 id=\"errors-h\">Recent errors</h2><table><thead><tr><th>Source</th><th>When</th><th>Error</th></tr></thead><tbody>");
            foreach (var (source, at, error) in status.RecentErrors)
            {
                b.Append($"<tr><td>{source}</td><td>{Time(at, now)}</td><td class=\"error\">{error}</td></tr>");
            }
            b.Append($"</tbody></table></section>");
        }
        b.Append($"<section aria-labelledby=\"add-h\"><h2 id=\"add-h\">Add a source</h2><form class=\"search\" method=\"post\" action=\"/admin/sources\">{csrf}")
         .Append($"<label class=\"wide\">Feed address<input name=\"url\" type=\"url\" required></label><label>Name<input name=\"name\"></label>")
         .Append($"<label>Country<input name=\"country\" maxlength=\"2\"></label><label>Language<input name=\"language\" maxlength=\"8\"></label>")
         .Append($"<label>Tier<select name=\"tier\"><option value=\"1\">1</option><option value=\"2\" selected>2</option><option value=\"3\">3</option></select></label>")
         .Append($"<button type=\"submit\">Add</button></form>");
        b.Append($"<h2 id=\"import-h\">Import OPML</h2><form method=\"post\" action=\"/admin/sources/import\" enctype=\"multipart/form-data\">{csrf}")
         .Append($"<p><label for=\"opml\">OPML file</label> <input id=\"opml\" name=\"opml\" type=\"file\" accept=\".opml,.xml,text/xml\" required> <button type=\"submit\">Import</button></p></form></section>");
        b.Append($"<section aria-labelledby=\"sources-h\"><h2 id=\"sources-h\">Sources ({sources.Count})</h2><table><thead><tr><th>Source</th><th>Status</th><th>Last poll</th><th>Items</th><th>Last error</th><th><span class=\"visually-hidden\">Actions</span></th></tr></thead><tbody>");
        foreach (var s in sources)
        {
            b.Append($"<tr{(s.ConsecutiveFailures > 0 ? ErrorClass : Html.Empty)}><td>{s.Name}<br><small>{s.Url}</small>{(Polling.NetworkPolicy.NamesInternalAddress(s.Url) ? InternalSource : Html.Empty)}</td><td>")
             .Append($"{s.LastStatus ?? "new"}");
            if (s.ConsecutiveFailures > 0)
            {
                b.Append($" ({s.ConsecutiveFailures} failures)");
            }
            b.Append($"</td><td>{(s.LastPolledAt is { } p ? Time(p, now) : Never)}</td><td>{Number(s.ItemsSeen)}</td><td>{s.LastError}</td><td>")
             .Append($"<form method=\"post\" action=\"/admin/sources/{s.Id}/remove\">{csrf}")
             .Append($"<button type=\"submit\" aria-label=\"Remove {s.Name}\">Remove</button></form></td></tr>");
        }
        b.Append($"</tbody></table></section>");
        b.Append($"<section aria-labelledby=\"audit-h\"><h2 id=\"audit-h\">Audit log</h2>");
        if (log.Count == 0)
        {
            b.Append($"<p>Nothing done in the admin yet.</p>");
        }
        else
        {
            b.Append($"<table><thead><tr><th>When</th><th>Action</th><th>Detail</th><th>From</th></tr></thead><tbody>");
            foreach (var e in log)
            {
                b.Append($"<tr><td>{Time(e.At, now)}</td><td>{e.Action}</td><td>{e.Detail ?? string.Empty}</td><td>{e.Client}</td></tr>");
            }
            b.Append($"</tbody></table>");
        }
        b.Append($"</section>");
        b.Append($"<form method=\"post\" action=\"/admin/logout\"><p><button type=\"submit\">Log out</button></p></form>");
        http.Response.Headers.CacheControl = "no-store";
        return Page("Admin", b.ToHtml());
    }

    private static readonly Html ErrorClass = Html.Of($" class=\"error\"");

    private static readonly Html Never = Html.Of($"never");

    private static readonly Html InternalSource = Html.Of($"<br><small class=\"error\">internal address: pages its items link to on this address are fetched and published</small>");

    private static string StageName(long stage) => stage switch
    {
        0 => "(discovered, waiting for extraction)",
        10 => "(extracted)",
        20 => "(embedded)",
        30 => "(grouped into a story)",
        90 => "(refused: its page is on an internal address)",
        _ => string.Empty,
    };
}
