using System.Text.RegularExpressions;

namespace Salient.Stories;

/// <summary>What an article is, for grouping: a report of an event, a piece of opinion or analysis, or a round-up of many items.</summary>
internal enum ArticleKind
{
    Report,
    Opinion,
    Roundup,
}

/// <summary>
/// Tells opinion pieces (columns, editorials, letters, analysis) and round-ups (briefings, "5 things to know", live
/// pages of many items) from reports, by what every article record has: its link, its title and its text. A column
/// on the theme of an event, or a briefing that mentions it among other items, reads like the event to an embedding;
/// grouping keeps them out of event stories (see docs/stories.md). The signals are explicit labels, not guesses from
/// tone: an article without one is a report.
/// </summary>
internal static partial class ArticleKinds
{
    /// <summary>How much of a text is read for labels (the kicker before the lead, a disclaimer after the body).</summary>
    private const int MaxChars = 30_000;

    /// <summary>Lines of the list of items that make a "live updates" or "what we know" page a round-up.</summary>
    private const int RoundupItems = 4;

    public static ArticleKind Of(string? title, string? url, string? text)
    {
        title = (title ?? "").Trim();
        if (OpinionPath().IsMatch(PathOf(url)) || OpinionTitle().IsMatch(title))
        {
            return ArticleKind.Opinion;
        }
        if (RoundupTitle().IsMatch(title) || RoundupPath().IsMatch(PathOf(url)))
        {
            return ArticleKind.Roundup;
        }
        var body = string.IsNullOrEmpty(text) ? "" : text.Length <= MaxChars ? text : text[..MaxChars];
        if (OpinionKicker().IsMatch(body) || Disclaimer().IsMatch(body))
        {
            return ArticleKind.Opinion;
        }
        if (ListTitle().IsMatch(title) && Items(body) >= RoundupItems)
        {
            return ArticleKind.Roundup;
        }
        if (ScatteredItems(title, body))
        {
            return ArticleKind.Roundup;
        }
        return ArticleKind.Report;
    }

    /// <summary>Headed items (the text before the first heading among them) a text must have to be read as a round-up without a label.</summary>
    private const int ScatteredMinItems = 5;

    /// <summary>
    /// The longest an item of a round-up is, at the median: a brief is a heading and a paragraph or two. A feature's
    /// sections run longer and may each name their own people.
    /// </summary>
    private const int ScatteredMaxItemChars = 700;

    /// <summary>The shortest line that counts as an item's paragraph (with a sentence end in it).</summary>
    private const int ItemProseChars = 80;

    /// <summary>The share of a text that one name must reach for the text to be about one thing.</summary>
    private const double ScatteredMaxCover = 0.35;

    /// <summary>
    /// Whether a text is a list of items about unrelated things, whatever its title says:
    /// <list type="bullet">
    /// <item>at least <see cref="ScatteredMinItems"/> items, each a short heading of words (numbered or not) with a
    /// paragraph of at least <see cref="ItemProseChars"/> characters under it, that name someone or somewhere (the
    /// text before the first heading counts as an item);</item>
    /// <item>no name (a capitalised word inside a sentence, or a word of the title in any case) in items making up
    /// <see cref="ScatteredMaxCover"/> of the text;</item>
    /// <item>items of at most <see cref="ScatteredMaxItemChars"/> characters at the median.</item>
    /// </list>
    /// A report under subheadings keeps naming its people and places, or its title's subject, from section to section,
    /// and a feature's sections run longer; a briefing's items are short and each names its own. Bulleted lines are
    /// not items here: a report's key points name a different fact each.
    /// </summary>
    internal static bool ScatteredItems(string title, string body)
    {
        if (body.Length == 0 || !body.Contains('\n', StringComparison.Ordinal))
        {
            return false;
        }
        var lines = body.Split('\n');
        // Most texts have no headings at all: count them before reading names.
        var headings = 0;
        foreach (var line in lines)
        {
            if (IsHeading(line.Trim()) && ++headings >= ScatteredMinItems - 1)
            {
                break;
            }
        }
        if (headings < ScatteredMinItems - 1)
        {
            return false;
        }
        // The title's words count as names wherever they appear: "6 takeaways from the debate" has items on six
        // candidates, and each says "debate".
        var titleWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (word, _, number) in StoryText.Words(title))
        {
            if (!number && word.Length > 2 && !StoryText.IsStopWord(word))
            {
                titleWords.Add(word);
            }
        }
        var items = new List<(int Length, HashSet<string> Names)>();
        var length = 0;
        var prose = false;
        HashSet<string>? names = null;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || Extraction.ArticleText.IsFurniture(line) || line.StartsWith("By ", StringComparison.Ordinal))
            {
                continue;
            }
            if (names is null || IsHeading(line))
            {
                if (prose && names!.Count > 0)
                {
                    items.Add((length, names));
                }
                names = new HashSet<string>(StringComparer.Ordinal);
                length = 0;
                prose = false;
            }
            length += line.Length;
            // An item tells something: a paragraph of sentences, not only a heading, a list of links or lines of code.
            prose |= line.Length >= ItemProseChars && SentenceEnd().IsMatch(line);
            foreach (var (word, capitalised, _) in StoryText.Words(line))
            {
                if ((capitalised && word.Length > 1 && !StoryText.IsStopWord(word)) || titleWords.Contains(word))
                {
                    names.Add(word);
                }
            }
        }
        if (prose && names is { Count: > 0 })
        {
            items.Add((length, names));
        }
        if (items.Count < ScatteredMinItems)
        {
            return false;
        }
        var lengths = items.Select(i => i.Length).Order().ToArray();
        if (lengths[lengths.Length / 2] > ScatteredMaxItemChars)
        {
            return false;
        }
        var total = 0;
        var cover = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (n, set) in items)
        {
            total += n;
            foreach (var name in set)
            {
                cover[name] = cover.GetValueOrDefault(name) + n;
            }
        }
        return cover.Values.Max() < ScatteredMaxCover * total;
    }

    /// <summary>
    /// A short heading of words: two to twelve words without a sentence end, at least two of them words of letters
    /// and not all in capitals, with no character of code or of a table ("GROUP BY", "lower_bound │ upper_bound",
    /// "f(x)" are not headings).
    /// </summary>
    private static bool IsHeading(string line)
    {
        if (!Heading().IsMatch(line) || line.Any(c => !(char.IsLetterOrDigit(c) || char.IsWhiteSpace(c) || HeadingPunctuation.Contains(c))))
        {
            return false;
        }
        var words = 0;
        var lower = false;
        foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.All(char.IsLetter))
            {
                words++;
            }
            lower |= word.Any(char.IsLower);
        }
        return words >= 2 && lower;
    }

    private const string HeadingPunctuation = ",.)'\u2019\u2018\"\u201C\u201D-\u2013\u2014&$%/";

    /// <summary>The path of a link, lowercased, without scheme, host, query or fragment; "" when there is none.</summary>
    private static string PathOf(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return "";
        }
        return uri.AbsolutePath.ToLowerInvariant();
    }

    /// <summary>Headings of a page of many items: short lines without a sentence end, and numbered or bulleted lines.</summary>
    private static int Items(string body)
    {
        var n = 0;
        foreach (var raw in body.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if ((ListLine().IsMatch(line) || Heading().IsMatch(line)) && !Extraction.ArticleText.IsFurniture(line) && !line.StartsWith("By ", StringComparison.Ordinal))
            {
                n++;
            }
        }
        return n;
    }

    /// <summary>/opinion/, /opinions/, /commentary/, /analysis/, /editorial(s)/, /column(s)/, /columnists/, /op-ed/, /letters/ as a path segment.</summary>
    [GeneratedRegex(@"/(opinions?|commentary|analysis|editorials?|columns?|columnists?|op-?eds?|letters(-to-the-editor)?|perspectives?)(/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex OpinionPath();

    /// <summary>"Opinion:", "Opinion |", "Column:", "Editorial:", "Letters:", "Analysis:", "Commentary –", "Op-Ed:" at the start of a title.</summary>
    [GeneratedRegex(@"^\W{0,3}(opinion|column|editorial|letters?(\s+to\s+the\s+editor)?|analysis|commentary|op-?ed|perspective|viewpoint|my\s+view)\s*[:|\u2013\u2014-]\s*\S",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OpinionTitle();

    /// <summary>A section label on a line of its own near the start of the text ("Opinion", "ANALYSIS", "Editorial").</summary>
    [GeneratedRegex(@"\A(?:[^\n]{0,200}\n){0,5}?\s*(opinion|analysis|commentary|editorial|column|op-ed|letters to the editor)\s*\n",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OpinionKicker();

    /// <summary>"The views expressed … are the author's own", "This is an opinion column", "… do not necessarily reflect …".</summary>
    [GeneratedRegex(@"\b(the\s+(views|opinions)\s+expressed\s+(in\s+this\s+(article|column|piece|commentary)\s+)?are\s+(those\s+of\s+the\s+(author|writer)|(the\s+)?(author|writer)'?s'?\s+own|(his|her|their)\s+own)|this\s+is\s+an?\s+(opinion|op-ed)\s+(column|piece|article)|(views|opinions)\s+expressed\s+[^.\n]{0,80}\s+do\s+not\s+necessarily\s+reflect)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Disclaimer();

    /// <summary>Titles of round-ups whatever their text: briefings, digests, "N things to know", "news roundup", "what you need to know today".</summary>
    [GeneratedRegex(@"\b((morning|evening|afternoon|daily|weekly|weekend|midday|news)\s+(briefing|digest|brief|roundup|round-up|wrap|rundown)|briefing\s*:|\d+\s+(things|stories|headlines)\s+(to\s+know|you\s+need\s+to\s+know|to\s+watch|to\s+start\s+your)|(five|three|four|six|seven|ten)\s+things\s+to\s+know|what\s+you\s+need\s+to\s+know\s+(today|this\s+(morning|week|weekend))|news\s+round-?up|round-?up\s*:|top\s+stories\s+(today|this\s+(morning|week)))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoundupTitle();

    [GeneratedRegex(@"/(briefing|briefings|newsletters?|roundup|round-up|digest)(/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex RoundupPath();

    /// <summary>Titles that are a round-up only when the page is a list of many items: live pages and "what we know".</summary>
    [GeneratedRegex(@"\b(live\s+(updates?|blog|coverage)|live\s*:|what\s+we\s+know|as\s+it\s+happened|the\s+latest\s*:)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListTitle();

    [GeneratedRegex(@"[.!?][""\u201D\u2019')]?(\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    /// <summary>A short heading of two to twelve words without a sentence end, numbered or not ("3. Strike ends").</summary>
    [GeneratedRegex(@"^(\d{1,2}[.)]\s+)?(?=[^.!?;:]{6,90}$)\S+(\s+\S+){1,11}$", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    /// <summary>A numbered or bulleted line ("1.", "2)", "•").</summary>
    [GeneratedRegex(@"^(\d{1,2}[.)]|[\u2022*\u25AA\u00B7-])\s+\S", RegexOptions.CultureInvariant)]
    private static partial Regex ListLine();
}
