using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Salient.Text;

/// <summary>
/// The one way Salient turns HTML (or text that may hold markup) into plain text: blocks whose content is never
/// text (script, style, frames, SVG …) are dropped with their content, tags become spaces, entities are decoded,
/// and markup that was hidden behind entities is dropped again. <see cref="Clean"/> gives one line (titles,
/// summaries and outlet names on a page, a feed or the API; output is still HTML-encoded where it is written),
/// <see cref="Paragraphs"/> keeps paragraphs apart (an article's text from its feed content), <see cref="Words"/>
/// gives the lower-case words (the content fingerprint).
/// </summary>
internal static partial class PlainText
{
    [GeneratedRegex(@"<\s*(script|style|iframe|object|embed|template|noscript|svg|math)\b.*?(<\s*/\s*\1\s*>|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex InvisibleBlock();

    [GeneratedRegex(@"<\s*(br|/p|/div|/li|/h[1-6]|/blockquote|/tr)\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ParagraphEnd();

    [GeneratedRegex(@"<[!/?a-zA-Z][^>]*(>|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Space();

    /// <summary>The text of <paramref name="text"/> on one line, single spaces between words.</summary>
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
        return Space().Replace(Strip(text, paragraphs: false), " ").Trim();
    }

    /// <summary>The text of an HTML fragment (a feed item's content), paragraphs separated by blank lines.</summary>
    public static string Paragraphs(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return string.Empty;
        }
        var sb = new StringBuilder(html.Length);
        foreach (var para in Strip(html, paragraphs: true).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var words = Space().Replace(para, " ").Trim();
            if (words.Length == 0)
            {
                continue;
            }
            if (sb.Length > 0)
            {
                sb.Append("\n\n");
            }
            sb.Append(words);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Whether <paramref name="text"/> holds markup or character references: a tag (<c>&lt;p&gt;</c>, <c>&lt;/b&gt;</c>,
    /// <c>&lt;!--</c>) or an entity (<c>&amp;amp;</c>, <c>&amp;#8217;</c>). "a &lt; b" and "AT&amp;T" do not.
    /// </summary>
    public static bool HasMarkup(string? text) => !string.IsNullOrEmpty(text) && MarkupSign().IsMatch(text);

    [GeneratedRegex(@"<[!/?a-zA-Z]|&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});", RegexOptions.CultureInvariant)]
    private static partial Regex MarkupSign();

    /// <summary>Lower-case words (letters and digits, compatibility-normalised) of the text of <paramref name="htmlOrText"/>, separated by single spaces.</summary>
    public static string Words(string? htmlOrText)
    {
        if (string.IsNullOrWhiteSpace(htmlOrText))
        {
            return string.Empty;
        }
        var text = Strip(htmlOrText, paragraphs: false);
        var sb = new StringBuilder(text.Length);
        var space = true;
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLower(c, CultureInfo.InvariantCulture));
                space = false;
            }
            else if (!space)
            {
                sb.Append(' ');
                space = true;
            }
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>
    /// Markup out, entities decoded, up to three rounds (so "&amp;lt;script&amp;gt;" is dropped too); control
    /// characters become spaces. With <paramref name="paragraphs"/>, line breaks and block ends become blank lines.
    /// </summary>
    private static string Strip(string html, bool paragraphs)
    {
        var s = html;
        for (var round = 0; round < 3 && (s.Contains('<', StringComparison.Ordinal) || s.Contains('&', StringComparison.Ordinal)); round++)
        {
            s = InvisibleBlock().Replace(s, " ");
            if (paragraphs)
            {
                s = ParagraphEnd().Replace(s, "\n\n");
            }
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
            sb.Append(c != '\n' && char.IsControl(c) ? ' ' : c);
        }
        return sb.ToString();
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
