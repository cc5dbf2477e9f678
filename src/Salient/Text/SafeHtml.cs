using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Ganss.Xss;

namespace Salient.Text;

/// <summary>
/// The one sanitiser policy: an allow-list of elements, attributes and CSS properties; scripts, styles, applets and
/// their content go; event handlers, frames, objects, <c>javascript:</c> URLs and overlaying styles (position,
/// z-index, …) go; relative links resolve against the document's base. The result is then checked by HtmlSanitizer,
/// whose output is used whenever it would remove anything more. Two uses, named by <see cref="SafeHtmlUse"/>:
/// a feed item's markup as a feed reader shows it, and markup Salient republishes inside its own pages (an
/// extracted article), where forms and their controls, buttons, media, dialogs, inline styles and the site's
/// classes and ids never appear. Thread-safe.
/// </summary>
internal static partial class SafeHtml
{
    private static readonly HashSet<string> Elements = new(StringComparer.Ordinal)
    {
        "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big", "blockquote", "br", "button", "canvas",
        "caption", "center", "cite", "code", "col", "colgroup", "command", "datagrid", "datalist", "dd", "del", "details", "dfn",
        "dialog", "dir", "div", "dl", "dt", "em", "event-source", "fieldset", "figcaption", "figure", "font", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "input", "ins", "kbd", "keygen", "label", "legend", "li",
        "m", "map", "menu", "meter", "multicol", "nav", "nextid", "noscript", "ol", "optgroup", "option", "output", "p", "pre",
        "progress", "q", "rp", "rt", "ruby", "s", "samp", "section", "select", "small", "sound", "source", "spacer", "span",
        "strike", "strong", "sub", "sup", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "time", "tr", "tt", "u",
        "ul", "var", "video",
    };

    private static readonly HashSet<string> Attributes = new(StringComparer.Ordinal)
    {
        "abbr", "accept", "accept-charset", "accesskey", "action", "align", "alt", "autocomplete", "autofocus", "axis",
        "background", "balance", "bgcolor", "bgproperties", "border", "bordercolor", "bordercolordark", "bordercolorlight",
        "bottompadding", "cellpadding", "cellspacing", "ch", "challenge", "char", "charoff", "charset", "checked", "choff",
        "cite", "class", "clear", "color", "cols", "colspan", "compact", "contenteditable", "controls", "coords", "data",
        "datafld", "datapagesize", "datasrc", "datetime", "default", "delay", "dir", "disabled", "draggable", "dynsrc",
        "enctype", "end", "face", "for", "form", "frame", "galleryimg", "gutter", "headers", "height", "hidden", "hidefocus",
        "high", "href", "hreflang", "hspace", "icon", "id", "inputmode", "ismap", "keytype", "label", "lang", "leftspacing",
        "list", "longdesc", "loop", "loopcount", "loopend", "loopstart", "low", "lowsrc", "max", "maxlength", "media", "method",
        "min", "multiple", "name", "nohref", "noshade", "nowrap", "open", "optimum", "pattern", "ping", "point-size", "poster",
        "pqg", "preload", "prompt", "radiogroup", "readonly", "rel", "repeat-max", "repeat-min", "replace", "required", "rev",
        "rightspacing", "rows", "rowspan", "rules", "scope", "selected", "shape", "size", "span", "src", "start", "step",
        "style", "summary", "suppress", "tabindex", "target", "template", "title", "toppadding", "type", "unselectable", "urn",
        "usemap", "valign", "value", "variable", "volume", "vrml", "vspace", "width", "wrap", "xml:lang",
    };

    /// <summary>Elements dropped together with everything inside them.</summary>
    private static readonly HashSet<string> DropWithContent = new(StringComparer.Ordinal)
    {
        "script", "style", "applet", "iframe", "frame", "frameset", "object", "embed", "noembed", "noframes", "template", "xmp", "plaintext",
    };

    private static readonly HashSet<string> Void = new(StringComparer.Ordinal)
    {
        "area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img", "input", "isindex", "keygen", "link",
        "meta", "param", "source", "track", "wbr",
    };

    private static readonly HashSet<string> UrlAttributes = new(StringComparer.Ordinal)
    {
        "href", "src", "cite", "action", "background", "longdesc", "usemap", "poster", "codebase", "data", "dynsrc", "lowsrc", "icon",
    };

    private static readonly HashSet<string> CssProperties = new(StringComparer.Ordinal)
    {
        "azimuth", "background-color", "border-bottom-color", "border-collapse", "border-color", "border-left-color",
        "border-right-color", "border-top-color", "clear", "color", "cursor", "direction", "display", "elevation", "float", "font",
        "font-family", "font-size", "font-style", "font-variant", "font-weight", "height", "letter-spacing", "line-height",
        "overflow", "pause", "pause-after", "pause-before", "pitch", "pitch-range", "richness", "speak", "speak-header",
        "speak-numeral", "speak-punctuation", "speech-rate", "stress", "text-align", "text-decoration", "text-indent",
        "unicode-bidi", "vertical-align", "voice-family", "volume", "white-space", "width",
    };

    private static readonly HashSet<string> CssKeywords = new(StringComparer.Ordinal)
    {
        "!important", "aqua", "auto", "black", "block", "blue", "bold", "both", "bottom", "brown", "center", "collapse", "dashed",
        "dotted", "fuchsia", "gray", "green", "italic", "left", "lime", "maroon", "medium", "navy", "none", "normal", "nowrap",
        "olive", "pointer", "purple", "red", "right", "silver", "solid", "teal", "top", "transparent", "underline", "white", "yellow",
    };

    [GeneratedRegex(@"url\s*\(\s*[^\s)]+?\s*\)\s*")]
    private static partial Regex CssUrl();

    [GeneratedRegex(@"^([:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|""[\s\w]+""|\([\d,\s]+\))*$")]
    private static partial Regex CssGauntlet();

    [GeneratedRegex(@"\s*[-\w]+\s*:\s*[^:;]*;?")]
    private static partial Regex CssDeclaration();

    [GeneratedRegex(@"([-\w]+)\s*:\s*([^:;]*)")]
    private static partial Regex CssPair();

    [GeneratedRegex(@"^(#[0-9a-f]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d{0,2}\.?\d{0,2}(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$")]
    private static partial Regex CssValue();

    /// <summary>Elements and attributes a feed may carry that Salient never republishes in its own pages.</summary>
    private static readonly HashSet<string> NotRepublishedElements = new(StringComparer.Ordinal)
    {
        "form", "input", "button", "select", "option", "optgroup", "textarea", "label", "fieldset", "legend", "keygen", "datalist",
        "output", "style", "iframe", "frame", "frameset", "object", "embed", "audio", "video", "sound", "source", "track", "canvas",
        "dialog", "menu", "command", "event-source", "marquee", "blink",
    };

    private static readonly HashSet<string> NotRepublishedAttributes = new(StringComparer.Ordinal)
    {
        "style", "class", "id", "name", "tabindex", "accesskey", "contenteditable", "draggable", "action", "method", "enctype",
        "accept-charset", "autofocus", "form", "formaction",
    };

    /// <summary>What one use allows: elements, attributes, link schemes, and what is dropped with its content.</summary>
    private sealed class Policy
    {
        public Policy(SafeHtmlUse use)
        {
            var republished = use == SafeHtmlUse.Republished;
            Elements = republished ? Except(SafeHtml.Elements, NotRepublishedElements) : SafeHtml.Elements;
            Attributes = republished ? Except(SafeHtml.Attributes, NotRepublishedAttributes) : SafeHtml.Attributes;
            DropWithContent = republished ? [.. SafeHtml.DropWithContent, .. NotRepublishedElements] : SafeHtml.DropWithContent;
            Schemes = republished ? ["http", "https", "mailto"] : ["http", "https", "ftp", "mailto", "news", "irc", "feed", "magnet", "tel"];
            Checker = new(() => new Check(this));
        }

        public HashSet<string> Elements { get; }

        public HashSet<string> Attributes { get; }

        public HashSet<string> DropWithContent { get; }

        public string[] Schemes { get; }

        public ThreadLocal<Check> Checker { get; }

        private static HashSet<string> Except(HashSet<string> all, HashSet<string> removed) => new(all.Except(removed), StringComparer.Ordinal);
    }

    private static readonly Policy FeedPolicy = new(SafeHtmlUse.FeedItem);
    private static readonly Policy RepublishedPolicy = new(SafeHtmlUse.Republished);

    private static Policy For(SafeHtmlUse use) => use == SafeHtmlUse.Republished ? RepublishedPolicy : FeedPolicy;

    /// <summary>An HtmlSanitizer configured with a policy's allow-list, noting whether it removed anything.</summary>
    private sealed class Check
    {
        public Check(Policy policy)
        {
            var options = new HtmlSanitizerOptions
            {
                AllowedTags = new HashSet<string>(policy.Elements, StringComparer.OrdinalIgnoreCase),
                AllowedAttributes = new HashSet<string>(policy.Attributes.Where(a => a != "style"), StringComparer.OrdinalIgnoreCase),
                AllowedSchemes = new HashSet<string>(policy.Schemes, StringComparer.OrdinalIgnoreCase),
                UriAttributes = new HashSet<string>(UrlAttributes, StringComparer.OrdinalIgnoreCase),
                AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            };
            Sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
            // style attributes and comments were already filtered by our own rules; anything else it removes counts
            Sanitizer.RemovingTag += (_, _) => Removed = true;
            Sanitizer.RemovingAttribute += (_, e) => Removed |= !string.Equals(e.Attribute.Name, "style", StringComparison.OrdinalIgnoreCase);
            Sanitizer.RemovingAtRule += (_, _) => Removed = true;
            Sanitizer.RemovingCssClass += (_, _) => Removed = true;
        }

        public HtmlSanitizer Sanitizer { get; }

        public bool Removed { get; set; }
    }

    public static bool IsAllowedElement(string name) => Elements.Contains(name);

    /// <summary>Sanitised HTML for <paramref name="use"/>; links resolved against <paramref name="baseUri"/>.</summary>
    public static string Clean(string html, Uri? baseUri, SafeHtmlUse use = SafeHtmlUse.FeedItem)
    {
        ArgumentNullException.ThrowIfNull(html);
        var policy = For(use);
        if (html.AsSpan().IndexOfAny('<', '&') < 0)
        {
            return html.Trim();
        }
        if (html.IndexOf('<', StringComparison.Ordinal) < 0)
        {
            var text = new StringBuilder(html.Length + 16);
            AppendText(text, html, 0, html.Length);
            return text.ToString().Trim();
        }
        var mine = Filter(html, baseUri, policy).Trim();
        if (mine.IndexOf('<', StringComparison.Ordinal) < 0 || mine.IndexOf('=', StringComparison.Ordinal) < 0)
        {
            // no markup, or only allow-listed tags without a single attribute: nothing left to check
            return mine;
        }
        return Verified(mine, policy);
    }

    /// <summary>
    /// Our filter keeps the familiar shape of the feed's markup; HtmlSanitizer (a full HTML5 parser) is the
    /// authority: when it would still remove something from our output, its result is used instead.
    /// </summary>
    private static string Verified(string mine, Policy policy)
    {
        try
        {
            var check = policy.Checker.Value!;
            check.Removed = false;
            using var document = check.Sanitizer.SanitizeDom(mine, "");
            return check.Removed ? document.Body!.InnerHtml : mine;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return WebUtility.HtmlEncode(PlainText.Clean(mine));
        }
    }

    /// <summary>
    /// Elements nested deeper than this lose their tags and keep their text: no article needs more, and HTML parsers
    /// (HtmlSanitizer's, a browser's) slow down with the square of the depth (a 100,000-deep page takes minutes).
    /// </summary>
    public const int MaxDepth = 256;

    /// <summary>Elements that a start tag of the same name closes when one is innermost (&lt;p&gt;a&lt;p&gt;b), as HTML parsers do.</summary>
    private static readonly HashSet<string> ClosedBySibling = new(StringComparer.Ordinal) { "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup" };

    /// <summary>The allow-list filter, streaming over the markup as written (no re-nesting), no deeper than <see cref="MaxDepth"/>.</summary>
    private static string Filter(string html, Uri? baseUri, Policy policy)
    {
        var sb = new StringBuilder(html.Length);
        var open = new OpenTags();
        var dropDepth = 0;
        string? dropTag = null;
        var i = 0;
        var n = html.Length;
        while (i < n)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                lt = n;
            }
            if (lt > i)
            {
                if (dropDepth == 0)
                {
                    AppendText(sb, html, i, lt);
                }
                i = lt;
                continue;
            }
            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                var stop = end < 0 ? n : end;
                var comment = html[(i + 4)..stop];
                // plain comments are kept; conditional comments (which old browsers execute) and odd ones are not
                if (dropDepth == 0 && end >= 0 && !comment.Contains('[', StringComparison.Ordinal) && !comment.Contains('<', StringComparison.Ordinal)
                    && !comment.Contains("--", StringComparison.Ordinal) && !comment.StartsWith('>'))
                {
                    sb.Append("<!--").Append(comment).Append("-->");
                }
                i = end < 0 ? n : end + 3;
                continue;
            }
            if (string.CompareOrdinal(html, i, "<![CDATA[", 0, 9) == 0)
            {
                var end = html.IndexOf("]]>", i + 9, StringComparison.Ordinal);
                var stop = end < 0 ? n : end;
                if (dropDepth == 0)
                {
                    sb.Append(Markup.Escape(html[(i + 9)..stop]));
                }
                i = end < 0 ? n : end + 3;
                continue;
            }
            if (i + 1 < n && (html[i + 1] == '!' || html[i + 1] == '?'))
            {
                var end = html.IndexOf('>', i + 2);
                i = end < 0 ? n : end + 1;
                continue;
            }
            var closing = i + 1 < n && html[i + 1] == '/';
            var nameStart = i + (closing ? 2 : 1);
            if (nameStart >= n || !char.IsAsciiLetter(html[nameStart]))
            {
                if (dropDepth == 0)
                {
                    // a '<' that cannot open a tag (followed by a space or digit) is plain text in HTML
                    var plain = !closing && nameStart < n && (char.IsWhiteSpace(html[nameStart]) || char.IsAsciiDigit(html[nameStart]) || html[nameStart] is '=' or '<');
                    sb.Append(plain ? "<" : "&lt;");
                }
                i++;
                continue;
            }
            var k = nameStart;
            while (k < n && (char.IsAsciiLetterOrDigit(html[k]) || html[k] is '-' or ':' or '_' or '.'))
            {
                k++;
            }
            var name = html[nameStart..k].ToLowerInvariant();
            var colon = name.LastIndexOf(':');
            if (colon >= 0)
            {
                name = name[(colon + 1)..];
            }
            var (attrs, end2, selfClosed) = ReadAttributes(html, k);
            i = end2;
            if (dropDepth > 0)
            {
                if (string.Equals(name, dropTag, StringComparison.Ordinal))
                {
                    dropDepth += closing ? -1 : (selfClosed ? 0 : 1);
                }
                continue;
            }
            if (policy.DropWithContent.Contains(name))
            {
                if (!closing && !selfClosed && !Void.Contains(name))
                {
                    dropDepth = 1;
                    dropTag = name;
                }
                continue;
            }
            if (!policy.Elements.Contains(name))
            {
                continue;
            }
            if (closing)
            {
                // an end tag is written as it came, unless it closes an element dropped for depth
                if (!Void.Contains(name) && open.Close(name))
                {
                    sb.Append("</").Append(name).Append('>');
                }
                continue;
            }
            // "<div/>" opens a div in HTML: it counts as deep as any other start tag
            if (!Void.Contains(name) && !open.Open(name))
            {
                continue;
            }
            sb.Append('<').Append(name);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var ordered = attrs.Select(a => new KeyValuePair<string, string>(a.Key.ToLowerInvariant(), a.Value))
                .GroupBy(a => a.Key, StringComparer.Ordinal).Select(g => g.First()).OrderBy(a => a.Key, StringComparer.Ordinal);
            foreach (var (key, rawValue) in ordered)
            {
                if (!policy.Attributes.Contains(key) || !seen.Add(key))
                {
                    continue;
                }
                var value = rawValue;
                if (key == "style")
                {
                    value = CleanStyle(value);
                    if (value.Length == 0)
                    {
                        continue;
                    }
                }
                else if (UrlAttributes.Contains(key))
                {
                    value = Links.ResolveSafe(baseUri, value);
                }
                else if (key is "rel" or "type")
                {
                    value = value.ToLowerInvariant();
                }
                sb.Append(' ').Append(key).Append("=\"").Append(Markup.EscapeAttribute(value)).Append('"');
            }
            sb.Append(Void.Contains(name) ? " />" : ">");
        }
        return sb.ToString();
    }

    /// <summary>The elements open at a point of the filtered markup, and whether each one's tags were kept.</summary>
    private sealed class OpenTags
    {
        private readonly List<(string Name, bool Kept)> _stack = [];
        private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
        private int _kept;

        /// <summary>Opens an element; false when it is too deep for its tags to be written.</summary>
        public bool Open(string name)
        {
            if (_stack.Count > 0 && ClosedBySibling.Contains(name) && _stack[^1].Name == name)
            {
                Pop(_stack.Count - 1);
            }
            var kept = _kept < MaxDepth;
            _stack.Add((name, kept));
            _names[name] = _names.GetValueOrDefault(name) + 1;
            _kept += kept ? 1 : 0;
            return kept;
        }

        /// <summary>Closes the nearest open element of that name; false when it was one whose tags were dropped.</summary>
        public bool Close(string name)
        {
            if (!_names.ContainsKey(name))
            {
                return true;
            }
            for (var i = _stack.Count - 1; i >= 0; i--)
            {
                if (_stack[i].Name == name)
                {
                    var kept = _stack[i].Kept;
                    Pop(i);
                    return kept;
                }
            }
            return true;
        }

        private void Pop(int index)
        {
            for (var i = _stack.Count - 1; i >= index; i--)
            {
                var (name, kept) = _stack[i];
                _kept -= kept ? 1 : 0;
                if (--_names[name] == 0)
                {
                    _names.Remove(name);
                }
            }
            _stack.RemoveRange(index, _stack.Count - index);
        }
    }

    private static void AppendText(StringBuilder sb, string s, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            var c = s[i];
            if (c == '&')
            {
                // keep well-formed references, escape a bare ampersand
                var semi = -1;
                for (var k = i + 1; k < end && k < i + 34; k++)
                {
                    if (s[k] == ';')
                    {
                        semi = k;
                        break;
                    }
                    if (!(char.IsAsciiLetterOrDigit(s[k]) || s[k] == '#'))
                    {
                        break;
                    }
                }
                if (semi > i + 1)
                {
                    sb.Append(s, i, semi - i + 1);
                    i = semi;
                }
                else if (i + 1 < end && (s[i + 1] == '#' || StartsLegacyEntity(s, i + 1, end)))
                {
                    // "&copy" without its semicolon would still be read as a reference by browsers
                    sb.Append("&amp;");
                }
                else
                {
                    sb.Append('&');
                }
            }
            else
            {
                sb.Append(c);
            }
        }
    }

    private static bool StartsLegacyEntity(string s, int start, int end)
    {
        var stop = start;
        while (stop < end && stop - start < 8 && char.IsAsciiLetterOrDigit(s[stop]))
        {
            stop++;
        }
        for (var length = 2; length <= stop - start; length++)
        {
            if (Markup.TryNamedEntity(s.Substring(start, length), out _))
            {
                return true;
            }
        }
        return false;
    }

    private static (List<KeyValuePair<string, string>> Attrs, int End, bool SelfClosed) ReadAttributes(string s, int i)
    {
        var attrs = new List<KeyValuePair<string, string>>();
        var n = s.Length;
        while (i < n)
        {
            var c = s[i];
            if (c == '>')
            {
                return (attrs, i + 1, false);
            }
            if (c == '/' && i + 1 < n && s[i + 1] == '>')
            {
                return (attrs, i + 2, true);
            }
            if (char.IsWhiteSpace(c) || c == '/' || c == '"' || c == '\'' || c == '=')
            {
                i++;
                continue;
            }
            var start = i;
            while (i < n && !char.IsWhiteSpace(s[i]) && s[i] is not ('=' or '>' or '/' or '"' or '\''))
            {
                i++;
            }
            var key = s[start..i];
            while (i < n && char.IsWhiteSpace(s[i]))
            {
                i++;
            }
            var value = "";
            if (i < n && s[i] == '=')
            {
                i++;
                while (i < n && char.IsWhiteSpace(s[i]))
                {
                    i++;
                }
                if (i < n && (s[i] == '"' || s[i] == '\''))
                {
                    var q = s[i];
                    var close = s.IndexOf(q, i + 1);
                    if (close < 0)
                    {
                        close = n;
                    }
                    value = s[(i + 1)..close];
                    i = Math.Min(n, close + 1);
                }
                else
                {
                    var vs = i;
                    while (i < n && !char.IsWhiteSpace(s[i]) && s[i] != '>')
                    {
                        i++;
                    }
                    value = s[vs..i];
                }
            }
            else
            {
                value = key;
            }
            attrs.Add(new(key, WebUtility.HtmlDecode(value)));
        }
        return (attrs, n, false);
    }

    /// <summary>Keeps only harmless declarations: no url(), no positioning, no expressions.</summary>
    internal static string CleanStyle(string style)
    {
        style = CssUrl().Replace(style, " ");
        if (!CssGauntlet().IsMatch(style))
        {
            return "";
        }
        if (CssDeclaration().Replace(style, "").Trim().Length > 0)
        {
            return "";
        }
        var clean = new List<string>();
        foreach (Match m in CssPair().Matches(style))
        {
            var prop = m.Groups[1].Value;
            var value = m.Groups[2].Value;
            if (value.Length == 0)
            {
                continue;
            }
            var lower = prop.ToLowerInvariant();
            if (CssProperties.Contains(lower))
            {
                clean.Add(prop + ": " + value + ";");
            }
            else if (lower.Split('-')[0] is "background" or "border" or "margin" or "padding")
            {
                var ok = value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                    .All(keyword => CssKeywords.Contains(keyword) || CssValue().IsMatch(keyword));
                if (ok)
                {
                    clean.Add(prop + ": " + value + ";");
                }
            }
        }
        return string.Join(' ', clean);
    }
}

/// <summary>Where sanitised markup is shown, which decides what of it may stay.</summary>
internal enum SafeHtmlUse
{
    /// <summary>A feed item's content and summary as a feed reader shows them (the feed's own form markup stays, without handlers).</summary>
    FeedItem,

    /// <summary>Markup Salient republishes inside its own pages (an extracted article): no forms, buttons, media, styles, classes or ids.</summary>
    Republished,
}
