using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Salient.Text;

/// <summary>Small markup helpers shared by the feed reader and the sanitiser: escaping, HTML entity names, windows-1252 code points.</summary>
internal static class Markup
{
    private static readonly ConcurrentDictionary<string, string?> EntityCache = new(StringComparer.Ordinal);

    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }

    public static string EscapeAttribute(string text) =>
        Escape(text).Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>
    /// HTML5 names that HTML 4 lacks and that feeds and pages write: the upper-case forms of the common ones
    /// (<c>&amp;AMP;</c>, <c>&amp;COPY;</c>) and the punctuation names some editors emit (<c>&amp;colon;</c>, <c>&amp;hyphen;</c>).
    /// </summary>
    private static readonly Dictionary<string, string> Html5Names = new(StringComparer.Ordinal)
    {
        ["AMP"] = "&", ["LT"] = "<", ["GT"] = ">", ["QUOT"] = "\"", ["COPY"] = "\u00A9", ["REG"] = "\u00AE", ["TRADE"] = "\u2122",
        ["apos"] = "'", ["Tab"] = "\t", ["NewLine"] = "\n", ["excl"] = "!", ["num"] = "#", ["dollar"] = "$", ["percnt"] = "%",
        ["lpar"] = "(", ["rpar"] = ")", ["ast"] = "*", ["midast"] = "*", ["plus"] = "+", ["comma"] = ",", ["period"] = ".",
        ["sol"] = "/", ["colon"] = ":", ["semi"] = ";", ["equals"] = "=", ["quest"] = "?", ["commat"] = "@", ["lsqb"] = "[",
        ["lbrack"] = "[", ["bsol"] = "\\", ["rsqb"] = "]", ["rbrack"] = "]", ["Hat"] = "^", ["lowbar"] = "_", ["grave"] = "`",
        ["lcub"] = "{", ["lbrace"] = "{", ["verbar"] = "|", ["vert"] = "|", ["rcub"] = "}", ["rbrace"] = "}", ["hyphen"] = "\u2010",
        ["dash"] = "\u2010", ["nbhy"] = "\u2011", ["hellip"] = "\u2026", ["mldr"] = "\u2026", ["nbsp"] = "\u00A0", ["NonBreakingSpace"] = "\u00A0",
        ["half"] = "\u00BD", ["centerdot"] = "\u00B7", ["bullet"] = "\u2022", ["lsquor"] = "\u201A", ["ldquor"] = "\u201E",
        ["rsquor"] = "\u2019", ["rdquor"] = "\u201D", ["OpenCurlyQuote"] = "\u2018", ["CloseCurlyQuote"] = "\u2019",
        ["OpenCurlyDoubleQuote"] = "\u201C", ["CloseCurlyDoubleQuote"] = "\u201D", ["euro"] = "\u20AC", ["check"] = "\u2713",
        ["star"] = "\u2606", ["starf"] = "\u2605", ["phone"] = "\u260E", ["female"] = "\u2640", ["male"] = "\u2642",
    };

    /// <summary>The text of an HTML named entity (such as <c>eacute</c>), when the name is one.</summary>
    public static bool TryNamedEntity(string name, out string value)
    {
        var decoded = EntityCache.GetOrAdd(name, static n =>
        {
            if (Html5Names.TryGetValue(n, out var html5))
            {
                return html5;
            }
            if (n.Length > 10)
            {
                return null;
            }
            var raw = "&" + n + ";";
            var d = WebUtility.HtmlDecode(raw);
            return string.Equals(d, raw, StringComparison.Ordinal) ? null : d;
        });
        value = decoded ?? "";
        return decoded is not null;
    }

    private static readonly int[] Cp1252 =
    [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];

    /// <summary>Maps a C1 control code point (0x80–0x9F) to the character windows-1252 puts there.</summary>
    public static int FromWindows1252(int code) => code is >= 0x80 and <= 0x9F ? Cp1252[code - 0x80] : code;

    /// <summary>Replaces C1 control characters, which are windows-1252 punctuation mislabelled, with what was meant.</summary>
    public static string FixC1(string s)
    {
        var i = 0;
        for (; i < s.Length; i++)
        {
            if (s[i] is >= '\u0080' and <= '\u009F')
            {
                break;
            }
        }
        if (i == s.Length)
        {
            return s;
        }
        var sb = new StringBuilder(s);
        for (; i < sb.Length; i++)
        {
            if (sb[i] is >= '\u0080' and <= '\u009F')
            {
                sb[i] = (char)FromWindows1252(sb[i]);
            }
        }
        return sb.ToString();
    }
}

/// <summary>Resolves links against xml:base and the feed's own address.</summary>
internal static class Links
{
    public static string? Resolve(Uri? baseUri, string? href)
    {
        if (href is null)
        {
            return null;
        }
        href = href.Trim();
        if (baseUri is null || HasScheme(href))
        {
            return href;
        }
        if (href.Length == 0)
        {
            return baseUri.AbsoluteUri;
        }
        return Uri.TryCreate(baseUri, href, out var resolved) ? resolved.AbsoluteUri : href;
    }

    /// <summary>Resolves a link inside item HTML; a script or other unsafe scheme becomes empty.</summary>
    public static string ResolveSafe(Uri? baseUri, string href)
    {
        var resolved = Resolve(baseUri, href) ?? "";
        var colon = resolved.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && HasScheme(resolved))
        {
            var scheme = new string(resolved.AsSpan(0, colon).ToString().Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
            if (!SafeSchemes.Contains(scheme))
            {
                return "";
            }
        }
        else if (colon > 0 && UnsafeLooking(resolved))
        {
            return "";
        }
        return resolved;
    }

    private static bool UnsafeLooking(string s)
    {
        var squeezed = new string(s.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        return squeezed.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || squeezed.StartsWith("vbscript:", StringComparison.OrdinalIgnoreCase)
            || squeezed.StartsWith("data:", StringComparison.OrdinalIgnoreCase);
    }

    private static readonly HashSet<string> SafeSchemes = new(StringComparer.Ordinal)
    {
        "http", "https", "ftp", "ftps", "mailto", "news", "nntp", "irc", "ircs", "feed", "magnet", "tel", "sip", "sips",
        "rtsp", "mms", "gopher", "telnet", "urn", "tag", "xmpp", "git", "ssh", "sftp", "callto", "skype", "aim", "file",
    };

    private static bool HasScheme(string href)
    {
        var colon = href.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }
        if (!char.IsAsciiLetter(href[0]))
        {
            return false;
        }
        for (var i = 1; i < colon; i++)
        {
            var c = href[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }
        return true;
    }
}
