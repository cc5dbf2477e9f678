using Ganss.Xss;

namespace Salient.Extraction;

/// <summary>
/// Makes extracted article HTML safe to show inside Salient's own pages: no scripts, event handlers,
/// <c>javascript:</c> URLs, frames, forms, inline styles (which can overlay the page) or the site's classes.
/// </summary>
internal static class ContentSanitizer
{
    private static readonly HtmlSanitizer Sanitizer = Create();

    /// <summary>Sanitises <paramref name="html"/>; relative links are resolved against <paramref name="baseUrl"/>.</summary>
    public static string Sanitize(string html, Uri? baseUrl)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (html.Length == 0)
        {
            return html;
        }
        var url = baseUrl is not null && baseUrl.IsAbsoluteUri && (baseUrl.Scheme == Uri.UriSchemeHttp || baseUrl.Scheme == Uri.UriSchemeHttps)
            ? baseUrl.ToString()
            : string.Empty;
        return Sanitizer.Sanitize(html, url).Trim();
    }

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();
        foreach (var tag in (ReadOnlySpan<string>)["form", "input", "button", "select", "option", "optgroup", "textarea", "label", "fieldset", "legend",
                     "style", "iframe", "frame", "frameset", "object", "embed", "audio", "video", "source", "track", "dialog", "menu", "marquee", "blink"])
        {
            sanitizer.AllowedTags.Remove(tag);
        }
        foreach (var attribute in (ReadOnlySpan<string>)["style", "class", "id", "name", "tabindex", "accesskey", "contenteditable", "draggable"])
        {
            sanitizer.AllowedAttributes.Remove(attribute);
        }
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowDataAttributes = false;
        sanitizer.AllowedAtRules.Clear();
        return sanitizer;
    }
}
