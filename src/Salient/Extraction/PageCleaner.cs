using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Salient.Extraction;

/// <summary>
/// Removes page furniture that Readability tends to keep inside an article: share bars, newsletter and
/// subscription boxes, ad slots, "most read" and "recommended" lists, readers' comment threads. Runs on the chosen content only,
/// after scoring: removing elements from the whole page first changes which element Readability picks,
/// and measured, it picked worse. The exceptions run on the whole page before scoring: <see cref="RemoveHidden"/>
/// removes only what a browser would not show, and <see cref="RemoveCommentThreads"/> only readers' comments that
/// carry no class name saying so (a thread under a one-line article outweighs it, and Readability would pick it).
/// </summary>
/// <remarks>
/// Only small or link-heavy elements are removed, so a mislabelled wrapper around the whole article
/// (class="article share-enabled") survives.
/// </remarks>
internal static partial class PageCleaner
{
    /// <summary>Elements with more text than this are never removed by their class alone.</summary>
    internal const int MaxRemovedChars = 600;

    /// <param name="root">The chosen content.</param>
    /// <param name="ct">Stops the work past the extraction's deadline.</param>
    public static void Clean(IElement root, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        var doomed = new List<IElement>();
        foreach (var element in root.QuerySelectorAll("[class], [id], [aria-label], [role], [data-component]"))
        {
            ct.ThrowIfCancellationRequested();
            if (element == root || element.TagName is "HTML" or "BODY" or "ARTICLE" or "MAIN" || IsInside(element, doomed))
            {
                continue;
            }
            if (IsFurniture(element))
            {
                doomed.Add(element);
            }
        }
        foreach (var element in doomed)
        {
            element.Remove();
        }
        RemoveHeadedLinkLists(root, ct);
    }

    /// <summary>
    /// Removes lists of links under a heading of page furniture ("Most read", "Related coverage", "More from …",
    /// "You may also like") that no class names: other stories' headlines, which must not become the article's text. A
    /// list goes only when most of its text is links, so facts listed under "The latest" stay.
    /// </summary>
    private static void RemoveHeadedLinkLists(IElement root, CancellationToken ct)
    {
        var doomed = new List<IElement>();
        foreach (var list in root.QuerySelectorAll("ul, ol"))
        {
            ct.ThrowIfCancellationRequested();
            if (list.Children.Length < 2 || IsInside(list, doomed))
            {
                continue;
            }
            var text = list.TextContent;
            if (LinkDensity(list, text.Trim().Length) < 0.7)
            {
                continue;
            }
            var heading = list.PreviousElementSibling;
            if (heading is null && list.ParentElement is { } parent && parent != root && parent.Children.Length == 1)
            {
                heading = parent.PreviousElementSibling;
            }
            var label = heading?.TextContent.Trim() ?? "";
            if (label.Length is > 0 and <= 60 && ListHeading().IsMatch(label))
            {
                doomed.Add(heading!);
                doomed.Add(list);
            }
        }
        foreach (var element in doomed)
        {
            element.Remove();
        }
    }

    /// <summary>Headings of lists of other stories: "Most read", "Trending now", "Related coverage", "More from Politics", "Read next".</summary>
    [GeneratedRegex(@"^\W*(most\s+(read|popular|viewed|shared|commented|watched)|trending(\s+(now|stories|news|today))?|popular(\s+(now|stories|news|today))?|related(\s+(articles?|stories|content|coverage|links?|news|reading|topics))?|more\s+(from|on|about|in)\b.{0,40}|more\s+(stories|news|headlines|coverage|to\s+read|top\s+stories)|(read|see|watch)\s+(more|also|next)|what\s+to\s+read\s+next|recommended(\s+(for\s+you|stories|reading|articles))?|you\s+(may|might)\s+(also\s+)?(like|be\s+interested\s+in|have\s+missed)|top\s+(stories|news|headlines)|latest\s+(news|stories|headlines)|editors?'?s?\s+(picks?|choice)|don'?t\s+miss|also\s+read|further\s+reading|in\s+other\s+news)\W*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListHeading();

    /// <summary>
    /// Removes the elements of the whole page that a browser would not show (<see cref="ArticleText.IsHidden"/>), before
    /// Readability scores it: Readability's own check reads the parsed style and misses <c>DISPLAY: NONE</c>, and
    /// it drops the style attributes of what it keeps, so a hidden box it missed would be shown in the article.
    /// </summary>
    public static void RemoveHidden(IElement root, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        var doomed = new List<IElement>();
        foreach (var element in root.QuerySelectorAll("[hidden], [style]"))
        {
            ct.ThrowIfCancellationRequested();
            if (element.TagName is not ("HTML" or "BODY") && !IsInside(element, doomed) && ArticleText.IsHidden(element))
            {
                doomed.Add(element);
            }
        }
        foreach (var element in doomed)
        {
            element.Remove();
        }
    }

    /// <summary>
    /// Removes readers' comments that no class, id or schema.org type names: at least <see cref="MinThreadItems"/>
    /// sibling entries that each carry a reply control (a link or button reading "Reply", "Antworten", "Répondre"…)
    /// and a sign of a reader's post: a time (a <c>time</c> element or "3 hours ago"), a link to a user's profile, or an
    /// element marked as its author. An article's paragraphs carry no reply control, and a live page's entries have
    /// times and authors but no reply control, so both keep their text. An entry goes with its replies; the list that
    /// held the entries goes too when nothing but a heading is left of it.
    /// </summary>
    public static void RemoveCommentThreads(IElement root, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        var controls = new List<IElement>();
        foreach (var element in root.QuerySelectorAll("a, button"))
        {
            ct.ThrowIfCancellationRequested();
            var text = element.TextContent;
            if (text.Length <= 24 && ReplyControl().IsMatch(text))
            {
                controls.Add(element);
            }
        }
        if (controls.Count < MinThreadItems)
        {
            return;
        }

        // How many controls each element holds.
        var held = new Dictionary<IElement, int>();
        foreach (var control in controls)
        {
            ct.ThrowIfCancellationRequested();
            for (IElement? e = control; e is not null && e != root; e = e.ParentElement)
            {
                held[e] = held.GetValueOrDefault(e) + 1;
            }
        }

        // A thread is an element whose children hold the controls among at least three of them, most of them readers'
        // posts: each such child is an entry, removed with its replies.
        var entries = new List<IElement>();
        foreach (var (list, count) in held)
        {
            ct.ThrowIfCancellationRequested();
            if (count < MinThreadItems || list.TagName is "A" or "BUTTON")
            {
                continue;
            }
            entries.Clear();
            foreach (var child in list.Children)
            {
                if (held.ContainsKey(child))
                {
                    entries.Add(child);
                }
            }
            // Most elements holding controls hold them in one child (a thread's ancestors): no post is read for those.
            if (entries.Count < MinThreadItems || !root.Contains(list))
            {
                continue;
            }
            var posts = entries.Count(IsReaderPost);
            if (posts < MinThreadItems || posts * 3 < entries.Count * 2)
            {
                continue;
            }
            foreach (var entry in entries)
            {
                entry.Remove();
            }
            if (list.TagName is not ("BODY" or "HTML" or "MAIN" or "ARTICLE") && list.TextContent.Trim().Length <= MaxLeftoverChars)
            {
                list.Remove();
            }
        }
    }

    /// <summary>Entries a thread needs before it is taken for one.</summary>
    private const int MinThreadItems = 3;

    /// <summary>What may be left of a thread's list (a "Comments (20)" heading) for the list to go too.</summary>
    private const int MaxLeftoverChars = 80;

    /// <summary>A reader's post: a time, a link to a user's profile, or an element marked as its author.</summary>
    private static bool IsReaderPost(IElement entry)
    {
        if (entry.QuerySelector("time") is not null || TimeAgo().IsMatch(entry.TextContent))
        {
            return true;
        }
        foreach (var a in entry.QuerySelectorAll("a[href]"))
        {
            if (ProfileLink().IsMatch(a.GetAttribute("href") ?? ""))
            {
                return true;
            }
        }
        return entry.QuerySelector("[class*=author], [class*=user], [class*=avatar], [itemprop=author], cite") is not null;
    }

    /// <summary>"Reply", "Replies (3)", "2 replies", "Respond", and the word in a few other languages.</summary>
    [GeneratedRegex(@"^\s*(\d+\s+)?(reply|replies|respond|antworten|répondre|repondre|responder|rispondi|reageer|beantworten)(\s*\(\d+\))?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReplyControl();

    /// <summary>"5 minutes ago", "2 hrs ago", "3 days ago", "vor 2 Stunden", "il y a 3 heures".</summary>
    [GeneratedRegex(@"\b(\d+|an?|one)\s+(sec(ond)?s?|min(ute)?s?|h(ou)?rs?|days?|weeks?|months?|years?)\s+ago\b|\bvor\s+\d+\s+(Minuten|Stunden|Tagen)\b|\bil\s+y\s+a\s+\d+\s+(minutes|heures|jours)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeAgo();

    /// <summary>A link to a reader's profile: /user/, /users/, /u/, /profile(s)/, /member(s)/, /commenter(s)/, /community/.</summary>
    [GeneratedRegex(@"(^|/)(users?|u|profiles?|members?|commenters?|community)/[^/?#]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProfileLink();

    private static bool IsInside(IElement element, List<IElement> doomed)
    {
        // Elements come in document order, so an ancestor is the last doomed one or not doomed at all.
        return doomed.Count > 0 && doomed[^1].Contains(element);
    }

    private static bool IsFurniture(IElement element)
    {
        var role = element.GetAttribute("role");
        if (role is "complementary" or "navigation" or "banner" or "contentinfo" or "search")
        {
            return element.TextContent.Length < 4 * MaxRemovedChars;
        }
        var marks = $"{element.GetAttribute("class")} {element.Id} {element.GetAttribute("data-component")}";
        if (IsComments(element, marks))
        {
            return true;
        }
        if (!Furniture().IsMatch(marks))
        {
            return false;
        }
        var text = element.TextContent;
        if (text.Length < MaxRemovedChars)
        {
            return true;
        }
        return LinkDensity(element, text.Length) > 0.5;
    }

    /// <summary>
    /// Readers' comments, whatever their length: a comment thread under a one-line article is most of the page's text,
    /// and must never become the article. Named exactly (a wrapper "comments-enabled" is not a thread), or marked up as
    /// schema.org comments.
    /// </summary>
    private static bool IsComments(IElement element, string marks)
    {
        if (element.GetAttribute("itemtype") is { } type && type.EndsWith("schema.org/Comment", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        foreach (var token in marks.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (CommentThreads.Contains(token))
            {
                return true;
            }
            if (token.Equals("comment", StringComparison.OrdinalIgnoreCase) && element.TextContent.Length < 2 * MaxRemovedChars)
            {
                return true;
            }
        }
        return false;
    }

    private static readonly HashSet<string> CommentThreads = new(StringComparer.OrdinalIgnoreCase)
    {
        "comments", "comment-list", "comments-list", "commentlist", "comment-thread", "comments-thread", "comment-section", "comments-section",
        "comments-area", "comments-container", "comments-wrapper", "comment-respond", "disqus_thread", "respond", "reader-comments", "user-comments",
    };

    private static double LinkDensity(IElement element, int textLength)
    {
        if (textLength == 0)
        {
            return 0;
        }
        var linked = 0;
        foreach (var a in element.QuerySelectorAll("a"))
        {
            linked += a.TextContent.Length;
        }
        return (double)linked / textLength;
    }

    [GeneratedRegex("""
        (^|[\s_-])(
          share|sharing|share-?bar|share-?tools|social-?(share|links|media|buttons)|sharedaddy|addthis|
          newsletter|newsletters|signup|sign-up|subscribe|subscription|inline-?signup|paywall|regwall|piano|
          ad|ads|adunit|ad-?slot|ad-?container|ad-?wrapper|advert|advertisement|advertising|dfp|gpt-ad|taboola|outbrain|
          most-?read|most-?popular|most-?viewed|trending|recommended|recommendations|read-?next|up-?next|more-?stories|
          related-?(articles|stories|content|links|posts)|
          cookie|consent|gdpr|modal|popup|overlay|toast
        )($|[\s_-])
        """, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Furniture();
}
