using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Salient.Web;

/// <summary>
/// Turns feed-derived strings (titles, summaries, outlet names) into plain text before they reach a page,
/// a feed or the API: markup is dropped (script and style bodies with it), entities decoded, and markup that
/// was hidden behind entities dropped again. Output is still HTML-encoded where it is written.
/// </summary>
internal static partial class PlainText
{
    [GeneratedRegex(@"<\s*(script|style|iframe|object|embed|template|noscript|svg|math)\b.*?(<\s*/\s*\1\s*>|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex DangerousBlock();

    [GeneratedRegex(@"<[!/?a-zA-Z][^>]*(>|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Space();

    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        if (IsPlain(text))
        {
            return text;
        }
        var s = text;
        for (var round = 0; round < 3 && (s.Contains('<', StringComparison.Ordinal) || s.Contains('&', StringComparison.Ordinal)); round++)
        {
            s = DangerousBlock().Replace(s, " ");
            s = Tag().Replace(s, " ");
            var decoded = WebUtility.HtmlDecode(s);
            if (decoded == s)
            {
                break;
            }
            s = decoded;
        }
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            sb.Append(char.IsControl(c) ? ' ' : c);
        }
        return Space().Replace(sb.ToString(), " ").Trim();
    }

    /// <summary>
    /// True when cleaning would return the text unchanged: no markup or entity characters, no control characters, and
    /// whitespace only as single spaces between words. Most stored text already is, and every page reads hundreds of strings.
    /// </summary>
    private static bool IsPlain(string text)
    {
        if (text[0] == ' ' || text[^1] == ' ')
        {
            return false;
        }
        var previousSpace = false;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (previousSpace)
                {
                    return false;
                }
                previousSpace = true;
                continue;
            }
            previousSpace = false;
            if (c is '<' or '&' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Clean text cut at a word boundary to at most <paramref name="max"/> characters, with an ellipsis when cut.</summary>
    public static string Shorten(string? text, int max)
    {
        var s = Clean(text);
        if (s.Length <= max)
        {
            return s;
        }
        var cut = s.LastIndexOf(' ', max - 1);
        return string.Concat(s.AsSpan(0, cut > max / 2 ? cut : max - 1), "…");
    }

    /// <summary>The URL when it is an absolute http(s) address; anything else (javascript:, data:, relative) is refused.</summary>
    public static string? SafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return null;
        }
        return uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;
    }
}
