using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Salient.Extraction;

/// <summary>
/// Removes page furniture that Readability tends to keep inside an article: share bars, newsletter and
/// subscription boxes, ad slots, "most read" and "recommended" lists, readers' comment threads. Runs on the chosen content only,
/// after scoring: removing elements from the whole page first changes which element Readability picks,
/// and measured, it picked worse. The one exception is <see cref="RemoveHidden"/>, which runs on the whole page
/// before scoring and removes only what a browser would not show.
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
    }

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
