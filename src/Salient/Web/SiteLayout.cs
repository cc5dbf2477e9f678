using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Salient.Web;

/// <summary>
/// The site's page frame (landmarks, navigation, skip link, stylesheet) shared by every HTML page,
/// including other areas' pages (the digest's forms and archive). Bodies are <see cref="Html"/> or an
/// <see cref="HtmlBuilder"/>, so every value in them was encoded on the way in.
/// </summary>
internal static class SiteLayout
{
    public const string HtmlType = "text/html; charset=utf-8";

    /// <summary>A complete page as an HTTP result.</summary>
    public static IResult Page(string title, Html body, int status = StatusCodes.Status200OK, bool script = false, string? current = null) =>
        Results.Content(Document(title, body, script, current), HtmlType, Encoding.UTF8, status);

    /// <summary>A complete page as an HTTP result, encoded straight from the builder (see <see cref="Utf8Document"/>).</summary>
    public static HtmlPage Page(string title, HtmlBuilder body, int status = StatusCodes.Status200OK, bool script = false, string? current = null) =>
        new(Utf8Document(title, body, script, current), status);

    public static string Document(string title, Html body, bool script = false, string? current = null)
    {
        var page = new HtmlBuilder(body.Length + 2048);
        Head(page, title, script, current);
        return page.Append(body).Append($"{Tail}").ToString();
    }

    /// <summary>
    /// The page as UTF-8 bytes, encoded chunk by chunk from the body's builder. A front page or a search is some 50,000
    /// characters; as a body string, a document builder and a document string it would land on the large object heap
    /// three times per request, and every such allocation brings a full collection nearer.
    /// </summary>
    public static ReadOnlyMemory<byte> Utf8Document(string title, HtmlBuilder body, bool script = false, string? current = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var head = new HtmlBuilder(2048);
        Head(head, title, script, current);
        var tail = Tail.ToString();
        // Mostly ASCII: one byte a character, and a little room for the rest before the buffer has to grow.
        var buffer = new ArrayBufferWriter<byte>(head.Length + body.Length + tail.Length + 1024);
        var encoder = Encoding.UTF8.GetEncoder();
        foreach (var chunk in head.Buffer.GetChunks())
        {
            encoder.Convert(chunk.Span, buffer, flush: false, out _, out _);
        }
        // The encoder carries a character split across two chunks (a surrogate pair) over to the next.
        foreach (var chunk in body.Buffer.GetChunks())
        {
            encoder.Convert(chunk.Span, buffer, flush: false, out _, out _);
        }
        encoder.Convert(tail, buffer, flush: true, out _, out _);
        return buffer.WrittenMemory;
    }

    private static void Head(HtmlBuilder b, string title, bool script, string? current)
    {
        b.Append($"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
         .Append($"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
         .Append($"<meta name=\"referrer\" content=\"strict-origin-when-cross-origin\">")
         .Append($"<title>{title}{(title == "Salient" ? Html.Empty : TitleSuffix)}</title>")
         .Append($"<link rel=\"stylesheet\" href=\"{SiteAssets.CssPath}\">")
         .Append($"<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Salient: significant stories (RSS)\" href=\"/feed.xml\">")
         .Append($"<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Salient: significant stories (Atom)\" href=\"/feed.atom\">")
         .Append($"<link rel=\"alternate\" type=\"application/feed+json\" title=\"Salient: significant stories (JSON Feed)\" href=\"/feed.json\">");
        if (script)
        {
            b.Append($"<script src=\"{SiteAssets.JsPath}\" defer></script>");
        }
        b.Append($"</head><body><a class=\"skip\" href=\"#main\">Skip to content</a>")
         .Append($"<header class=\"site\"><a class=\"brand\" href=\"/\">Salient</a>")
         .Append($"<nav aria-label=\"Site\"><ul>");
        Nav(b, "/", "Today", current);
        Nav(b, "/sections", "Sections", current);
        Nav(b, "/search", "Search", current);
        Nav(b, "/feeds", "Feeds", current);
        Nav(b, "/subscribe", "Digest", current);
        b.Append($"</ul></nav></header>")
         .Append($"<main id=\"main\" tabindex=\"-1\">");
    }

    private static readonly Html TitleSuffix = Html.Of($" · Salient");

    private static readonly Html Tail = Html.Of(
        $"</main><footer class=\"site\"><p>Salient rates every story from 0 to 10 on seven factors and shows only what reaches your threshold. " +
        $"Times are UTC. <a href=\"/api\">API</a> · <a href=\"/feed.xml\">RSS</a> · <a href=\"/digests\">Past digests</a></p></footer></body></html>");

    private static readonly Html AriaCurrent = Html.Of($" aria-current=\"page\"");

    private static void Nav(HtmlBuilder b, string href, string label, string? current)
    {
        b.Append($"<li><a href=\"{href}\"{(string.Equals(current, href, StringComparison.Ordinal) ? AriaCurrent : Html.Empty)}>{label}</a></li>");
    }

    /// <summary>A score as shown everywhere: one decimal, or a dash when not scored yet.</summary>
    public static string Score(double? score) => score is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "–";

    /// <summary>How long ago, short: "now", "12 min", "3 h", "2 d", else the date.</summary>
    public static string Age(DateTimeOffset at, DateTimeOffset now)
    {
        var d = now - at;
        if (d < TimeSpan.FromMinutes(1))
        {
            return "just now";
        }
        if (d < TimeSpan.FromHours(1))
        {
            return $"{(int)d.TotalMinutes} min ago";
        }
        if (d < TimeSpan.FromDays(1))
        {
            return $"{(int)d.TotalHours} h ago";
        }
        if (d < TimeSpan.FromDays(14))
        {
            return $"{(int)d.TotalDays} d ago";
        }
        return at.UtcDateTime.ToString(at.Year == now.Year ? "d MMM" : "d MMM yyyy", CultureInfo.InvariantCulture);
    }

    public static Html Time(DateTimeOffset at, DateTimeOffset now) =>
        Html.Of($"<time datetime=\"{at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\" title=\"{at.UtcDateTime:d MMM yyyy HH:mm 'UTC'}\">{Age(at, now)}</time>");

    /// <summary>"Reuters, BBC News and 3 more".</summary>
    public static string Outlets(IReadOnlyList<string> outlets, long outletCount, int show = 3)
    {
        if (outlets.Count == 0)
        {
            return outletCount switch { 0 => string.Empty, 1 => "1 outlet", _ => $"{outletCount} outlets" };
        }
        var shown = string.Join(", ", outlets.Take(show));
        var more = Math.Max(outletCount, outlets.Count) - Math.Min(show, outlets.Count);
        return more > 0 ? $"{shown} and {more} more" : shown;
    }

    public static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>An HTML page already encoded as UTF-8, written with its length in one go; the front page's cache keeps these.</summary>
internal sealed class HtmlPage(ReadOnlyMemory<byte> utf8, int status = StatusCodes.Status200OK) : IResult
{
    public ReadOnlyMemory<byte> Utf8 => utf8;

    public int Status => status;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = SiteLayout.HtmlType;
        response.ContentLength = utf8.Length;
        return response.Body.WriteAsync(utf8, httpContext.RequestAborted).AsTask();
    }
}
