using System.Globalization;
using System.Net;
using System.Text;
using Salient.Text;

namespace Salient.Feeds;

/// <summary>One element of a leniently parsed XML document; namespaces resolved, xml:base applied.</summary>
internal sealed class XmlNode
{
    public required string Name { get; init; }
    public required string Local { get; init; }
    public required string Ns { get; init; }
    public List<KeyValuePair<string, string>> Attributes { get; } = [];
    /// <summary>Children: <see cref="XmlNode"/> or <see cref="string"/> (text, entities decoded).</summary>
    public List<object> Children { get; } = [];
    public XmlNode? Parent { get; init; }
    public Uri? Base { get; set; }
    public string? Lang { get; set; }

    public string? Attr(string name)
    {
        foreach (var (key, value) in Attributes)
        {
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return value;
            }
        }
        foreach (var (key, value) in Attributes)
        {
            // a prefixed attribute (atom:href, rdf:about) matches its local name
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0 && string.Equals(key[(colon + 1)..], name, StringComparison.OrdinalIgnoreCase) && !key.StartsWith("xmlns", StringComparison.Ordinal))
            {
                return value;
            }
        }
        foreach (var (key, value) in Attributes)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return null;
    }

    public IEnumerable<XmlNode> Elements() => Children.OfType<XmlNode>();

    public bool HasElementChildren => Children.Any(c => c is XmlNode);

    /// <summary>The concatenated text of this element and its descendants.</summary>
    public string Text()
    {
        if (Children.Count == 1 && Children[0] is string only)
        {
            return only;
        }
        var sb = new StringBuilder();
        // An explicit stack, not recursion: how deep a feed nests is the feed's choice.
        var stack = new Stack<(XmlNode Node, int Next)>();
        stack.Push((this, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next >= node.Children.Count)
            {
                continue;
            }
            stack.Push((node, next + 1));
            if (node.Children[next] is string s)
            {
                sb.Append(s);
            }
            else
            {
                stack.Push(((XmlNode)node.Children[next], 0));
            }
        }
        return sb.ToString();
    }

    /// <summary>The children serialised back to markup (for inline XHTML and naked HTML in feeds).</summary>
    public string InnerMarkup()
    {
        var sb = new StringBuilder();
        // An explicit stack, not recursion: how deep a feed nests is the feed's choice.
        var stack = new Stack<(XmlNode Node, int Next)>();
        stack.Push((this, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next >= node.Children.Count)
            {
                if (!ReferenceEquals(node, this))
                {
                    sb.Append("</").Append(node.Local).Append('>');
                }
                continue;
            }
            stack.Push((node, next + 1));
            if (node.Children[next] is string text)
            {
                sb.Append(Markup.Escape(text));
                continue;
            }
            var e = (XmlNode)node.Children[next];
            sb.Append('<').Append(e.Local);
            foreach (var (key, value) in e.Attributes)
            {
                if (key.StartsWith("xmlns", StringComparison.Ordinal))
                {
                    continue;
                }
                sb.Append(' ').Append(key).Append("=\"").Append(Markup.EscapeAttribute(value)).Append('"');
            }
            if (e.Children.Count == 0)
            {
                sb.Append(" />");
                continue;
            }
            sb.Append('>');
            stack.Push((e, 0));
        }
        return sb.ToString();
    }
}

/// <summary>
/// A forgiving XML reader for feeds: it never throws on malformed input, and records each repair it made
/// (HTML entities, bare ampersands, undeclared prefixes, control characters, junk after the root, truncation).
/// </summary>
internal static class LenientXml
{
    /// <summary>Namespaces that feeds use without declaring them, by their usual prefix.</summary>
    private static readonly Dictionary<string, string> WellKnownPrefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dc"] = "http://purl.org/dc/elements/1.1/",
        ["dcterms"] = "http://purl.org/dc/terms/",
        ["content"] = "http://purl.org/rss/1.0/modules/content/",
        ["atom"] = "http://www.w3.org/2005/Atom",
        ["media"] = "http://search.yahoo.com/mrss/",
        ["itunes"] = "http://www.itunes.com/dtds/podcast-1.0.dtd",
        ["rdf"] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        ["slash"] = "http://purl.org/rss/1.0/modules/slash/",
        ["wfw"] = "http://wellformedweb.org/CommentAPI/",
        ["sy"] = "http://purl.org/rss/1.0/modules/syndication/",
        ["feedburner"] = "http://rssnamespace.org/feedburner/ext/1.0",
        ["georss"] = "http://www.georss.org/georss",
        ["xhtml"] = "http://www.w3.org/1999/xhtml",
        ["xml"] = "http://www.w3.org/XML/1998/namespace",
    };

    public sealed class Result
    {
        public XmlNode? Root { get; set; }
        public HashSet<string> Repairs { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// Elements nested deeper than this lose their tags (their text is kept in the deepest element that stays):
    /// no feed needs more, and every later walk over the tree, the sanitiser and the HTML parser behind it stay bounded.
    /// </summary>
    public const int MaxDepth = 256;

    /// <summary>
    /// Characters that references to a DOCTYPE's own entities may add to a document, in all. One declared entity is
    /// at most 1 KB, but a feed can use it a million times (an entity bomb); past this the feed is refused.
    /// </summary>
    public const int MaxEntityExpansion = 1_000_000;

    public static Result Parse(string s, Uri? baseUri)
    {
        var result = new Result();
        var entities = new DeclaredEntities();
        var open = new OpenElements();
        var stack = open.Stack;
        var pos = 0;
        var n = s.Length;
        var text = new StringBuilder();
        // Start tags below MaxDepth that were dropped, and not closed yet.
        var deep = 0;

        void FlushText()
        {
            if (text.Length == 0)
            {
                return;
            }
            if (stack.Count > 0)
            {
                var t = text.ToString();
                var kids = stack[^1].Children;
                if (kids.Count > 0 && kids[^1] is string prev)
                {
                    kids[^1] = prev + t;
                }
                else
                {
                    kids.Add(t);
                }
            }
            text.Clear();
        }

        while (pos < n)
        {
            var lt = s.IndexOf('<', pos);
            if (lt < 0)
            {
                lt = n;
            }
            if (lt > pos)
            {
                if (stack.Count > 0)
                {
                    DecodeInto(text, s, pos, lt, entities, result.Repairs);
                }
                else if (result.Root is not null && !string.IsNullOrWhiteSpace(s[pos..lt]))
                {
                    result.Repairs.Add("junk-after-root");
                    break;
                }
                pos = lt;
                continue;
            }
            // s[pos] == '<'
            if (string.CompareOrdinal(s, pos, "<!--", 0, 4) == 0)
            {
                var end = s.IndexOf("-->", pos + 4, StringComparison.Ordinal);
                pos = end < 0 ? n : end + 3;
                continue;
            }
            if (string.CompareOrdinal(s, pos, "<![CDATA[", 0, 9) == 0)
            {
                var end = s.IndexOf("]]>", pos + 9, StringComparison.Ordinal);
                if (end < 0)
                {
                    result.Repairs.Add("truncated");
                    end = n;
                }
                if (stack.Count > 0)
                {
                    AppendClean(text, s, pos + 9, end, result.Repairs);
                }
                pos = Math.Min(n, end + 3);
                continue;
            }
            if (pos + 1 < n && s[pos + 1] == '!')
            {
                pos = ReadDoctype(s, pos, entities);
                continue;
            }
            if (pos + 1 < n && s[pos + 1] == '?')
            {
                var end = s.IndexOf("?>", pos + 2, StringComparison.Ordinal);
                pos = end < 0 ? n : end + 2;
                continue;
            }
            if (pos + 1 < n && s[pos + 1] == '/')
            {
                var end = s.IndexOf('>', pos + 2);
                var nameEnd = end < 0 ? n : end;
                var nextLt = s.IndexOf('<', pos + 2);
                string name;
                if (end < 0 || (nextLt >= 0 && nextLt < end))
                {
                    // "</feed" with no '>': take the name up to whitespace or the next tag
                    var stop = nextLt >= 0 ? nextLt : n;
                    name = s[(pos + 2)..stop].Trim();
                    result.Repairs.Add("truncated");
                    end = stop - 1;
                }
                else
                {
                    name = s[(pos + 2)..nameEnd].Trim();
                }
                pos = end + 1;
                if (deep > 0)
                {
                    // closes a start tag dropped below MaxDepth: its text stays where it is
                    deep--;
                    continue;
                }
                var closes = open.Find(name);
                if (closes < 0)
                {
                    // Nothing to close: the text around it stays one text (never flushed here, so a run of stray end
                    // tags cannot make the parser copy the same growing text again and again).
                    result.Repairs.Add("mismatched-tags");
                    continue;
                }
                if (closes != stack.Count - 1)
                {
                    result.Repairs.Add("mismatched-tags");
                }
                FlushText();
                open.PopTo(closes);
                if (stack.Count == 0 && result.Root is not null)
                {
                    var rest = s.AsSpan(pos);
                    if (HasJunk(rest))
                    {
                        result.Repairs.Add("junk-after-root");
                    }
                    break;
                }
                continue;
            }
            if (pos + 1 < n && IsNameStart(s[pos + 1]))
            {
                if (stack.Count == 0 && result.Root is not null)
                {
                    result.Repairs.Add("junk-after-root");
                    break;
                }
                if (stack.Count >= MaxDepth)
                {
                    result.Repairs.Add("too-deeply-nested");
                    pos = ReadStartTag(s, pos, open, entities, result, baseUri, keep: false, out var emptyElement);
                    deep += emptyElement ? 0 : 1;
                    continue;
                }
                FlushText();
                pos = ReadStartTag(s, pos, open, entities, result, baseUri, keep: true, out _);
                continue;
            }
            // a '<' that starts no tag: text
            result.Repairs.Add("bare-less-than");
            if (stack.Count > 0)
            {
                text.Append('<');
            }
            pos++;
        }
        FlushText();
        if (stack.Count > 0)
        {
            result.Repairs.Add("truncated");
        }
        return result;
    }

    /// <summary>The elements open at a point of the document, with their namespace declarations and a count of their names.</summary>
    private sealed class OpenElements
    {
        // How many open elements have each name (case-insensitively), so an end tag that closes nothing costs no search.
        private readonly Dictionary<string, int> _names = new(StringComparer.OrdinalIgnoreCase);

        public List<XmlNode> Stack { get; } = [];

        public List<Dictionary<string, string>?> Namespaces { get; } = [];

        public void Push(XmlNode node)
        {
            Stack.Add(node);
            _names[node.Name] = _names.GetValueOrDefault(node.Name) + 1;
        }

        /// <summary>
        /// The index of the element an end tag closes: the nearest open one of that name, else (only when it is the
        /// innermost) the same name in another case, else the nearest of that name in any case; -1 when none is open.
        /// </summary>
        public int Find(string name)
        {
            if (!_names.ContainsKey(name))
            {
                return -1;
            }
            for (var i = Stack.Count - 1; i >= 0; i--)
            {
                if (string.Equals(Stack[i].Name, name, StringComparison.Ordinal) || (i == Stack.Count - 1 && string.Equals(Stack[i].Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    return i;
                }
            }
            for (var i = Stack.Count - 1; i >= 0; i--)
            {
                if (string.Equals(Stack[i].Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>Closes the element at <paramref name="index"/> and every element inside it.</summary>
        public void PopTo(int index)
        {
            for (var i = Stack.Count - 1; i >= index; i--)
            {
                var name = Stack[i].Name;
                var left = _names[name] - 1;
                if (left == 0)
                {
                    _names.Remove(name);
                }
                else
                {
                    _names[name] = left;
                }
            }
            Stack.RemoveRange(index, Stack.Count - index);
            Namespaces.RemoveRange(index, Namespaces.Count - index);
        }
    }

    /// <summary>A DOCTYPE's own entities, and how much their references have added to the document so far.</summary>
    internal sealed class DeclaredEntities
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
        private long _expanded;

        public void Declare(string name, string value) => _values.TryAdd(name, value);

        /// <summary>The value of a declared entity, counted against <see cref="MaxEntityExpansion"/>; throws past it.</summary>
        public bool TryExpand(string name, out string value)
        {
            if (!_values.TryGetValue(name, out value!))
            {
                return false;
            }
            _expanded += value.Length;
            if (_expanded > MaxEntityExpansion)
            {
                throw new FeedParseException(
                    $"not a feed Salient reads: its entity references expand to more than {MaxEntityExpansion:N0} characters (an entity bomb)");
            }
            return true;
        }
    }

    private static bool HasJunk(ReadOnlySpan<char> rest)
    {
        var str = rest.ToString();
        var i = 0;
        while (i < str.Length)
        {
            if (char.IsWhiteSpace(str[i]))
            {
                i++;
                continue;
            }
            if (str.AsSpan(i).StartsWith("<!--"))
            {
                var end = str.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (end < 0)
                {
                    return false;
                }
                i = end + 3;
                continue;
            }
            if (str.AsSpan(i).StartsWith("<?"))
            {
                var end = str.IndexOf("?>", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return false;
                }
                i = end + 2;
                continue;
            }
            return true;
        }
        return false;
    }

    private static int ReadDoctype(string s, int pos, DeclaredEntities entities)
    {
        // <!DOCTYPE ... [ internal subset ] > ; collect simple internal entity declarations
        var i = pos + 2;
        var depth = 0;
        var n = s.Length;
        var subsetStart = -1;
        while (i < n)
        {
            var c = s[i];
            if (c == '[')
            {
                if (depth == 0)
                {
                    subsetStart = i + 1;
                }
                depth++;
            }
            else if (c == ']')
            {
                depth--;
                if (depth == 0 && subsetStart >= 0)
                {
                    ReadEntityDeclarations(s[subsetStart..i], entities);
                }
            }
            else if ((c == '"' || c == '\'') && depth > 0)
            {
                var close = s.IndexOf(c, i + 1);
                i = close < 0 ? n : close;
            }
            else if (c == '>' && depth <= 0)
            {
                return i + 1;
            }
            i++;
        }
        return n;
    }

    private static void ReadEntityDeclarations(string subset, DeclaredEntities entities)
    {
        var i = 0;
        while ((i = subset.IndexOf("<!ENTITY", i, StringComparison.Ordinal)) >= 0)
        {
            i += 8;
            while (i < subset.Length && char.IsWhiteSpace(subset[i]))
            {
                i++;
            }
            var nameStart = i;
            while (i < subset.Length && !char.IsWhiteSpace(subset[i]))
            {
                i++;
            }
            var name = subset[nameStart..i];
            while (i < subset.Length && char.IsWhiteSpace(subset[i]))
            {
                i++;
            }
            if (i >= subset.Length || (subset[i] != '"' && subset[i] != '\'') || name == "%")
            {
                continue;
            }
            var quote = subset[i];
            var end = subset.IndexOf(quote, i + 1);
            if (end < 0)
            {
                return;
            }
            var value = subset[(i + 1)..end];
            // only character data: a declared entity never expands to markup here (no entity bombs)
            var decoded = new StringBuilder();
            DecodeInto(decoded, value, 0, value.Length, null, new HashSet<string>(StringComparer.Ordinal));
            if (decoded.Length <= 1024)
            {
                entities.Declare(name, decoded.ToString());
            }
            i = end + 1;
        }
    }

    /// <summary>Reads a start tag; with <paramref name="keep"/> false (below <see cref="MaxDepth"/>) only moves past it.</summary>
    private static int ReadStartTag(string s, int pos, OpenElements open, DeclaredEntities entities, Result result, Uri? baseUri, bool keep, out bool selfClosing)
    {
        var stack = open.Stack;
        var nsStack = open.Namespaces;
        var n = s.Length;
        var i = pos + 1;
        var nameStart = i;
        while (i < n && IsNameChar(s[i]))
        {
            i++;
        }
        var name = s[nameStart..i];
        var attrs = new List<KeyValuePair<string, string>>();
        selfClosing = false;
        var closed = false;
        while (i < n)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (c == '>')
            {
                i++;
                closed = true;
                break;
            }
            if (c == '/' && i + 1 < n && s[i + 1] == '>')
            {
                i += 2;
                selfClosing = true;
                closed = true;
                break;
            }
            if (c == '<')
            {
                // a tag cut short: the next tag starts here
                result.Repairs.Add("truncated");
                closed = true;
                break;
            }
            if (!IsNameChar(c) && c != '"' && c != '\'')
            {
                i++;
                continue;
            }
            var aStart = i;
            while (i < n && IsNameChar(s[i]))
            {
                i++;
            }
            if (i == aStart)
            {
                i++; // stray quote
                continue;
            }
            var aName = s[aStart..i];
            while (i < n && char.IsWhiteSpace(s[i]))
            {
                i++;
            }
            string value;
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
                    var end = s.IndexOf(q, i + 1);
                    if (end < 0)
                    {
                        end = n;
                        result.Repairs.Add("truncated");
                    }
                    var sb = new StringBuilder();
                    DecodeInto(sb, s, i + 1, end, entities, result.Repairs);
                    value = NormalizeAttributeWhitespace(sb);
                    i = Math.Min(n, end + 1);
                }
                else
                {
                    var vStart = i;
                    while (i < n && !char.IsWhiteSpace(s[i]) && s[i] != '>')
                    {
                        i++;
                    }
                    var sb = new StringBuilder();
                    DecodeInto(sb, s, vStart, i, entities, result.Repairs);
                    value = sb.ToString();
                    result.Repairs.Add("unquoted-attribute");
                }
            }
            else
            {
                value = aName;
            }
            if (!attrs.Exists(a => string.Equals(a.Key, aName, StringComparison.Ordinal)))
            {
                attrs.Add(new(aName, value));
            }
        }
        if (!closed)
        {
            result.Repairs.Add("truncated");
        }
        if (!keep)
        {
            return i;
        }

        Dictionary<string, string>? declared = null;
        foreach (var (key, value) in attrs)
        {
            if (key == "xmlns")
            {
                (declared ??= new(StringComparer.Ordinal))[""] = value;
            }
            else if (key.StartsWith("xmlns:", StringComparison.Ordinal))
            {
                (declared ??= new(StringComparer.Ordinal))[key[6..]] = value;
            }
        }
        nsStack.Add(declared);
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon > 0 ? name[..colon] : "";
        var local = colon > 0 ? name[(colon + 1)..] : name;
        var ns = ResolvePrefix(prefix, nsStack, result.Repairs);
        var parent = stack.Count > 0 ? stack[^1] : null;
        var node = new XmlNode { Name = name, Local = local, Ns = ns, Parent = parent, Base = parent?.Base ?? baseUri, Lang = parent?.Lang };
        node.Attributes.AddRange(attrs);
        var xmlBase = node.Attr("xml:base");
        if (xmlBase is not null)
        {
            node.Base = Links.Resolve(node.Base, xmlBase.Trim()) is { } resolved && Uri.TryCreate(resolved, UriKind.Absolute, out var b) ? b : node.Base;
        }
        var lang = attrs.Find(a => a.Key == "xml:lang").Value;
        if (lang is not null)
        {
            node.Lang = lang.Length == 0 ? null : lang;
        }
        if (parent is null)
        {
            result.Root = node;
        }
        else
        {
            parent.Children.Add(node);
        }
        if (selfClosing)
        {
            nsStack.RemoveAt(nsStack.Count - 1);
        }
        else
        {
            open.Push(node);
        }
        return i;
    }

    private static string NormalizeAttributeWhitespace(StringBuilder sb)
    {
        for (var k = 0; k < sb.Length; k++)
        {
            if (sb[k] is '\n' or '\r' or '\t')
            {
                sb[k] = ' ';
            }
        }
        return sb.ToString();
    }

    private static string ResolvePrefix(string prefix, List<Dictionary<string, string>?> nsStack, HashSet<string> repairs)
    {
        for (var i = nsStack.Count - 1; i >= 0; i--)
        {
            if (nsStack[i] is { } map && map.TryGetValue(prefix, out var uri))
            {
                return uri;
            }
        }
        if (prefix.Length == 0)
        {
            return "";
        }
        repairs.Add("undeclared-namespace-prefix");
        return WellKnownPrefixes.TryGetValue(prefix, out var known) ? known : "urn:undeclared:" + prefix;
    }

    private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_' || c == ':';

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or ':' or '-' or '.';

    private static void AppendClean(StringBuilder sb, string s, int start, int end, HashSet<string> repairs)
    {
        for (var i = start; i < end; i++)
        {
            var c = s[i];
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            {
                repairs.Add("control-characters");
                continue;
            }
            sb.Append(c);
        }
    }

    /// <summary>Appends s[start..end) with character and entity references decoded, repairing what XML would reject.</summary>
    internal static void DecodeInto(StringBuilder sb, string s, int start, int end, DeclaredEntities? entities, HashSet<string> repairs)
    {
        var i = start;
        while (i < end)
        {
            var amp = s.IndexOf('&', i, end - i);
            if (amp < 0)
            {
                AppendClean(sb, s, i, end, repairs);
                return;
            }
            AppendClean(sb, s, i, amp, repairs);
            i = amp;
            var semi = -1;
            var limit = Math.Min(end, amp + 40);
            for (var k = amp + 1; k < limit; k++)
            {
                var c = s[k];
                if (c == ';')
                {
                    semi = k;
                    break;
                }
                if (!(char.IsLetterOrDigit(c) || c == '#' || c == '_' || c == '.' || c == '-'))
                {
                    break;
                }
            }
            if (semi <= amp + 1)
            {
                repairs.Add("bare-ampersand");
                sb.Append('&');
                i = amp + 1;
                continue;
            }
            var name = s.Substring(amp + 1, semi - amp - 1);
            if (name[0] == '#')
            {
                if (TryCharRef(name, out var chars))
                {
                    sb.Append(chars);
                }
                else
                {
                    repairs.Add("bad-character-reference");
                    sb.Append('&').Append(name).Append(';');
                }
            }
            else
            {
                switch (name)
                {
                    case "amp": sb.Append('&'); break;
                    case "lt": sb.Append('<'); break;
                    case "gt": sb.Append('>'); break;
                    case "quot": sb.Append('"'); break;
                    case "apos": sb.Append('\''); break;
                    default:
                        if (entities is not null && entities.TryExpand(name, out var declared))
                        {
                            sb.Append(declared);
                        }
                        else if (Markup.TryNamedEntity(name, out var html))
                        {
                            repairs.Add("html-entities");
                            sb.Append(html);
                        }
                        else
                        {
                            repairs.Add("unknown-entity");
                            sb.Append('&').Append(name).Append(';');
                        }
                        break;
                }
            }
            i = semi + 1;
        }
    }

    private static bool TryCharRef(string name, out string chars)
    {
        chars = "";
        int code;
        if (name.Length > 2 && (name[1] == 'x' || name[1] == 'X'))
        {
            if (!int.TryParse(name.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out code))
            {
                return false;
            }
        }
        else if (!int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out code))
        {
            return false;
        }
        if (code is <= 0 or > 0x10FFFF || (code is >= 0xD800 and <= 0xDFFF))
        {
            return false;
        }
        if (code is >= 0x80 and <= 0x9F)
        {
            // windows-1252 code points written as references (&#146;) mean the windows-1252 character
            code = Markup.FromWindows1252(code);
        }
        if (code < 0x20 && code != 9 && code != 10 && code != 13)
        {
            return false;
        }
        chars = char.ConvertFromUtf32(code);
        return true;
    }
}
