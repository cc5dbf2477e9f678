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

    /// <summary>
    /// What a message quotes back of someone's input: the input as given, its first <paramref name="max"/> characters and
    /// an ellipsis when longer, so a five-thousand-character value does not fill the page.
    /// </summary>
    public static string Quoted(string? input, int max = 80)
    {
        if (input is null || input.Length <= max)
        {
            return input ?? "";
        }
        // Never half of a character written as two UTF-16 units.
        var keep = char.IsHighSurrogate(input[max - 2]) ? max - 2 : max - 1;
        return string.Concat(input.AsSpan(0, keep), "…");
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

    // Words after which a full stop does not end a sentence (titles, months, company forms); initials and dotted
    // abbreviations ("U.S.", "a.m.") are told by their shape. The site's script (SiteAssets) holds the same list.
    private static readonly HashSet<string> NoSentenceEnd = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gov", "sen", "rep", "gen", "lt", "col", "maj", "capt", "sgt", "rev", "no",
        "vs", "inc", "co", "corp", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft",
        "ave", "dept", "est", "approx", "brig", "cpl", "pvt", "msgr", "fr", "asst", "assoc",
    };

    /// <summary>
    /// A summary for a list of stories: its whole sentences that fit in <paramref name="max"/> characters, so a card never
    /// stops mid-sentence; when even the first sentence is longer, <see cref="Shorten"/> cuts it at a word with an ellipsis.
    /// </summary>
    public static string ShortenToSentences(string? text, int max)
    {
        var s = Clean(text);
        if (s.Length <= max)
        {
            return s;
        }
        var end = -1;
        for (var i = 0; i < max && i < s.Length; i++)
        {
            if (s[i] is not ('.' or '!' or '?'))
            {
                continue;
            }
            var after = i + 1;
            while (after < s.Length && s[after] is '"' or '\'' or '”' or '’' or ')')
            {
                after++;
            }
            if (after > max || after >= s.Length || s[after] != ' ')
            {
                continue;
            }
            var next = after + 1;
            while (next < s.Length && s[next] is '"' or '\'' or '“' or '‘' or '(')
            {
                next++;
            }
            if (next < s.Length && (char.IsUpper(s[next]) || char.IsDigit(s[next])) && (s[i] != '.' || !IsAbbreviation(s, i)))
            {
                end = after;
            }
        }
        return end > 0 ? s[..end] : Shorten(s, max);
    }

    /// <summary>Whether the full stop at <paramref name="dot"/> ends an initial ("John F."), a dotted abbreviation ("U.S.") or a word of <see cref="NoSentenceEnd"/>.</summary>
    private static bool IsAbbreviation(string s, int dot)
    {
        var start = dot;
        while (start > 0 && (char.IsLetter(s[start - 1]) || s[start - 1] == '.'))
        {
            start--;
        }
        var word = s[start..dot];
        return word.Length > 0 && ((word.Length == 1 && char.IsUpper(word[0])) || word.Contains('.', StringComparison.Ordinal) || NoSentenceEnd.Contains(word));
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
