using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Salient.Extraction;

/// <summary>
/// Writes the plain text of extracted article content: one paragraph per block, headings and list items on
/// lines of their own, and none of what a reader skips (captions, credits, "Advertisement", share prompts).
/// </summary>
/// <remarks>
/// A DOM's own text content glues the words of adjacent blocks together ("end.Next"), which loses words;
/// this writer breaks lines at every block boundary instead. It walks the tree without recursion, so a
/// hostile page nested a hundred thousand levels deep cannot overflow the stack.
/// </remarks>
internal static partial class ArticleText
{
    /// <summary>Elements whose text is never part of an article's text.</summary>
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "svg", "IFRAME", "FRAME", "FRAMESET", "OBJECT", "EMBED", "BUTTON", "SELECT",
        "INPUT", "TEXTAREA", "HEAD", "TITLE", "META", "LINK", "AUDIO", "VIDEO", "CANVAS", "MAP", "DIALOG", "FORM", "NAV",
    };

    /// <summary>Elements that end a paragraph: a blank line around them.</summary>
    private static readonly HashSet<string> Paragraphs = new(StringComparer.Ordinal)
    {
        "P", "H1", "H2", "H3", "H4", "H5", "H6", "BLOCKQUOTE", "PRE", "UL", "OL", "DL", "TABLE", "FIGURE", "HR", "ADDRESS", "DETAILS",
        "HEADER", "FOOTER", "SECTION", "ARTICLE", "ASIDE", "MAIN", "CENTER", "HGROUP",
    };

    /// <summary>Elements that start a new line.</summary>
    private static readonly HashSet<string> Lines = new(StringComparer.Ordinal)
    {
        "DIV", "LI", "DT", "DD", "TR", "CAPTION", "FIGCAPTION", "SUMMARY", "FIELDSET", "LEGEND", "BODY", "DIR", "MENU", "OPTION",
        "THEAD", "TBODY", "TFOOT",
    };

    /// <summary>The text of <paramref name="root"/> and its descendants.</summary>
    /// <param name="root">The extracted content.</param>
    /// <param name="readerText">When true, captions, credits and boilerplate lines are left out (the article's text);
    /// when false every visible word is kept (used for comparing with a reference).</param>
    /// <param name="ct">Stops a walk that runs past the extraction's deadline.</param>
    public static string Write(INode root, bool readerText = true, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        var writer = new BlockWriter();
        var stack = new Stack<(INode Node, bool Closing)>();
        stack.Push((root, false));
        var steps = 0;
        while (stack.Count > 0)
        {
            if ((++steps & 0xFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
            var (node, closing) = stack.Pop();
            if (node is IElement element)
            {
                var tag = element.TagName;
                if (closing)
                {
                    Close(writer, tag);
                    continue;
                }
                if (Skipped.Contains(tag) || IsHidden(element) || (readerText && IsCaption(element)))
                {
                    continue;
                }
                Open(writer, tag);
                if (tag == "PRE")
                {
                    writer.Preformatted(element.TextContent);
                    Close(writer, tag);
                    continue;
                }
                stack.Push((node, true));
                PushChildren(stack, node);
            }
            else if (node.NodeType == NodeType.Text)
            {
                writer.Text(node.TextContent);
            }
            else if (node.NodeType is NodeType.Document or NodeType.DocumentFragment)
            {
                PushChildren(stack, node);
            }
        }
        var text = writer.ToString();
        return readerText ? RemoveBoilerplate(text) : text;
    }

    /// <summary>
    /// Children last to first, by index: AngleSharp finds a node's previous sibling by searching its parent's list,
    /// so walking siblings backwards would cost the square of their number (seconds for a page of 100,000 paragraphs).
    /// </summary>
    private static void PushChildren(Stack<(INode Node, bool Closing)> stack, INode node)
    {
        var children = node.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            stack.Push((children[i], false));
        }
    }

    private static void Open(BlockWriter writer, string tag)
    {
        if (Paragraphs.Contains(tag))
        {
            writer.Break(2);
        }
        else if (Lines.Contains(tag))
        {
            writer.Break(1);
        }
        else if (tag == "BR")
        {
            writer.Break(1);
        }
        else if (tag is "TD" or "TH")
        {
            writer.Separator();
        }
        else if (tag == "IMG")
        {
            writer.Separator();
        }
    }

    private static void Close(BlockWriter writer, string tag)
    {
        if (Paragraphs.Contains(tag))
        {
            writer.Break(2);
        }
        else if (Lines.Contains(tag))
        {
            writer.Break(1);
        }
        else if (tag is "TD" or "TH")
        {
            writer.Separator();
        }
    }

    /// <summary>Hidden by the <c>hidden</c> attribute or an inline style (<c>display: none</c>, <c>visibility: hidden</c>, in any case).</summary>
    internal static bool IsHidden(IElement element)
    {
        if (element.HasAttribute("hidden"))
        {
            return true;
        }
        var style = element.GetAttribute("style");
        return style is not null && HiddenStyle().IsMatch(style);
    }

    /// <summary>Captions, credits and figures: shown beside an article, not part of its text.</summary>
    private static bool IsCaption(IElement element)
    {
        var tag = element.TagName;
        if (tag == "FIGCAPTION")
        {
            return true;
        }
        if (tag == "FIGURE")
        {
            // A figure of media is a picture with its caption; some sites also wrap pull quotes, tables or
            // code in <figure>, and those are kept.
            return element.QuerySelector("blockquote, table, pre") is null
                && element.QuerySelector("img, picture, video, iframe, svg, figcaption") is not null;
        }
        var cls = element.GetAttribute("class");
        var id = element.Id;
        if (cls is null && id is null)
        {
            return false;
        }
        foreach (var token in $"{cls} {id}".Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (CaptionClass().IsMatch(token))
            {
                return element.TextContent.Length < 400;
            }
        }
        return false;
    }

    /// <summary>Drops whole lines that are page furniture rather than article text.</summary>
    internal static string RemoveBoilerplate(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }
        var lines = text.Split('\n');
        var kept = new List<string>(lines.Length);
        foreach (var line in lines)
        {
            if (IsFurniture(line))
            {
                continue;
            }
            kept.Add(line);
        }
        return Tidy(string.Join('\n', kept));
    }

    /// <summary>Whether a whole line is page furniture ("Advertisement", "Share this article", "Read more: …", "Photo: …").</summary>
    internal static bool IsFurniture(string line) => line.Length > 0 && line.Length <= 160 && Boilerplate().IsMatch(line);

    /// <summary>At most one blank line between paragraphs, no blank lines at the ends.</summary>
    private static string Tidy(string text) => ExtraBlankLines().Replace(text, "\n\n").Trim('\n', ' ');

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HiddenStyle();

    /// <summary>A class or id naming a caption or credit: "caption", "wp-caption-text", "image-credit", "photo_caption".</summary>
    [GeneratedRegex(@"^((image|photo|img|media|picture|video|article|inline|wp|story|figure)[-_]?)?(caption|captions|credit|credits|copyright)([-_]?(text|wrapper|container|inner|body))?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaptionClass();

    [GeneratedRegex("""
        ^\W*(
          advertisement|advertisements|advertising|ad|ads|sponsored|sponsored\ content|paid\ content|
          (story|article)\ continues\ below(\ (this\ )?(advertisement|ad))?|
          continue\ reading(\ (the\ )?(main\ )?(story|article))?(\ below)?|
          (skip|close|hide)\ (this\ )?(ad|advertisement)|
          (share|tweet|email|e-mail|print|pin|save|comment|comments)(\ (this|the))?(\ (article|story|page|post))?|
          share\ (on|via|to)\ \w+(\ \w+)?|
          (follow|like)\ us\ on\ \w+.{0,40}|
          (sign\ up|subscribe|register)\b.{0,80}\bnewsletters?\b.{0,80}|
          (read|see|watch|listen)\ (more|also|next)\b.{0,120}|
          related(\ (articles?|stories|content|coverage|links?|news))?(\s*:.{0,100})?|
          (photo|image|picture|video|graphic)(\ (credit|source|courtesy))?\s*:.{0,100}|
          (getty\ images|shutterstock|istock(photo)?)(/[\w\ ]+)?|
          (published|updated|last\ updated|posted|first\ published)\b[^.!?]{0,60}|
          loading(\.\.\.|…)?|
          (please\ )?enable\ javascript.{0,100}|
          this\ (content|video|video\ player)\ (is\ )?(not\ )?available.{0,80}
        )\W*$
        """, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Boilerplate();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ExtraBlankLines();

    /// <summary>Accumulates text with whitespace collapsed and the strongest pending break between blocks.</summary>
    private sealed class BlockWriter
    {
        private readonly StringBuilder _text = new();
        private int _pendingBreak;
        private bool _pendingSpace;

        public void Break(int strength)
        {
            if (_text.Length > 0 && strength > _pendingBreak)
            {
                _pendingBreak = strength;
            }
            _pendingSpace = false;
        }

        public void Separator()
        {
            if (_pendingBreak == 0 && _text.Length > 0)
            {
                _pendingSpace = true;
            }
        }

        public void Text(string value)
        {
            foreach (var c in value)
            {
                if (char.IsWhiteSpace(c) || c == '\u200B')
                {
                    if (_pendingBreak == 0 && _text.Length > 0)
                    {
                        _pendingSpace = true;
                    }
                    continue;
                }
                Flush();
                _text.Append(c);
            }
        }

        public void Preformatted(string value)
        {
            var trimmed = value.Trim('\n', '\r');
            if (trimmed.Trim().Length == 0)
            {
                return;
            }
            Flush();
            _text.Append(trimmed.Replace("\r\n", "\n", StringComparison.Ordinal));
        }

        private void Flush()
        {
            if (_pendingBreak > 0)
            {
                _text.Append('\n', _pendingBreak);
            }
            else if (_pendingSpace)
            {
                _text.Append(' ');
            }
            _pendingBreak = 0;
            _pendingSpace = false;
        }

        public override string ToString() => _text.ToString();
    }
}
