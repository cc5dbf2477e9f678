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
        if (RoundupTitle().IsMatch(title) || RoundupLabel().IsMatch(title) || RoundupPath().IsMatch(PathOf(url)))
        {
            return ArticleKind.Roundup;
        }
        var body = string.IsNullOrEmpty(text) ? "" : text.Length <= MaxChars ? text : text[..MaxChars];
        if (HasKicker(body) || Disclaimer().IsMatch(body))
        {
            return ArticleKind.Opinion;
        }
        if (!body.Contains('\n', StringComparison.Ordinal))
        {
            return ArticleKind.Report;
        }
        var lines = body.Split('\n');
        if (ListTitle().IsMatch(title) && Items(lines) >= RoundupItems)
        {
            return LeadTellsTitle(title, lines) || ItemsOfOneSubject(title, lines) ? ArticleKind.Report : ArticleKind.Roundup;
        }
        return ScatteredItems(title, lines) || BulletBriefing(title, lines) ? ArticleKind.Roundup : ArticleKind.Report;
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
    /// <see cref="ScatteredMaxCover"/> of the text, either of all names or once the one or two names of a theme that
    /// every item shares are set aside (<see cref="ScatteredBesideTheme"/>);</item>
    /// <item>items of at most <see cref="ScatteredMaxItemChars"/> characters at the median.</item>
    /// </list>
    /// A report under subheadings keeps naming its people and places, or its title's subject, from section to section,
    /// and a feature's sections run longer; a briefing's items are short and each names its own. Bulleted lines are
    /// not items here (a report's key points name a different fact each); <see cref="BulletBriefing"/> reads them.
    /// </summary>
    private static bool ScatteredItems(string title, string[] lines)
    {
        var items = HeadedItems(title, lines, ScatteredMinItems, ItemProseChars);
        if (items is null || items.Count < ScatteredMinItems)
        {
            return false;
        }
        var lengths = items.Select(i => i.Length).Order().ToArray();
        return lengths[lengths.Length / 2] <= ScatteredMaxItemChars && (Scattered(items, null) || ScatteredBesideTheme(items, lines));
    }

    /// <summary>
    /// Whether a live page or a "what we know" page of many items is about one event: at least
    /// <see cref="RoundupItems"/> headed items with a sentence under each that name someone or somewhere, and a name
    /// in items making up <see cref="ScatteredMaxCover"/> of the text, even once a theme is set aside
    /// (<see cref="ScatteredBesideTheme"/>). "Millbrook flood live" whose sections each say "flood" is a report of the
    /// flood; a live page of the day's news is a round-up.
    /// </summary>
    private static bool ItemsOfOneSubject(string title, string[] lines)
    {
        var items = HeadedItems(title, lines, RoundupItems, 1);
        return items is { Count: >= RoundupItems } && !Scattered(items, null) && !ScatteredBesideTheme(items, lines);
    }

    /// <summary>Words of a live page's title that name the page, not its subject.</summary>
    private static readonly HashSet<string> LiveWords = new(StringComparer.Ordinal)
    {
        "updates", "blog", "coverage", "latest", "know", "happened", "happens", "happening", "unfolds", "unfolded", "follow",
    };

    /// <summary>The fewest words of a live page's title its lead must say for the page to be that subject's coverage.</summary>
    private const int LeadTitleWords = 2;

    /// <summary>
    /// Whether a live page or "what we know" page opens with a lead that tells what its title names: a paragraph of
    /// <see cref="ItemProseChars"/> characters or more, before the first heading or list line, that says at least
    /// <see cref="LeadTitleWords"/> words of the title besides its live label ("Hurricane Delia live updates" and "The
    /// eye of Hurricane Delia…", "Live updates: Oregon primary election results" and "Polls closed in Oregon's primary
    /// election…"). Its entries then tell that one event, each with its own people and places. A live page of the day's
    /// news opens with a welcome, or nothing, under a title that names no one thing ("Live updates: Monday's news").
    /// </summary>
    private static bool LeadTellsTitle(string title, string[] lines)
    {
        var subject = TitleWords(title);
        subject.ExceptWith(LiveWords);
        if (subject.Count < LeadTitleWords)
        {
            return false;
        }
        var said = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || Extraction.ArticleText.IsFurniture(line) || line.StartsWith("By ", StringComparison.Ordinal))
            {
                continue;
            }
            if (IsHeading(line) || ListLine().IsMatch(line))
            {
                break;
            }
            if (line.Length < ItemProseChars || !SentenceEnd().IsMatch(line))
            {
                continue;
            }
            foreach (var (word, _, _) in StoryText.Words(line))
            {
                if (subject.Contains(word) && said.Add(word) && said.Count >= LeadTitleWords)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>
    /// The items of a text under short headings (the text before the first heading is one too), each with its length
    /// and names, if it has a paragraph of <paramref name="proseChars"/> characters or more with a sentence end and
    /// names someone or somewhere; null when the text has fewer than <paramref name="minItems"/> - 1 headings.
    /// </summary>
    private static List<(int Length, HashSet<string> Names)>? HeadedItems(string title, string[] lines, int minItems, int proseChars)
    {
        // Most texts have no headings at all: count them before reading names.
        var headings = 0;
        foreach (var line in lines)
        {
            if (IsHeading(line.Trim()) && ++headings >= minItems - 1)
            {
                break;
            }
        }
        if (headings < minItems - 1)
        {
            return null;
        }
        // The title's words count as names wherever they appear: "6 takeaways from the debate" has items on six
        // candidates, and each says "debate".
        var titleWords = TitleWords(title);
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
            prose |= line.Length >= proseChars && SentenceEnd().IsMatch(line);
            AddNames(line, titleWords, names);
        }
        if (prose && names is { Count: > 0 })
        {
            items.Add((length, names));
        }
        return items;
    }

    /// <summary>
    /// Whether items that all name one theme still scatter once it is set aside. A digest on one theme ("Ukraine war
    /// at a glance") names the theme in every item, and each item tells another development: the one or two names
    /// in every item but at most one are set aside, and the rest must still scatter. A theme's name is written
    /// capitalised wherever it appears; a word the text also writes in lower case ("debate", "flood") is the event's
    /// own noun and keeps the items together, and more than two names in nearly every item are a report that keeps
    /// naming its town and its people.
    /// </summary>
    private static bool ScatteredBesideTheme(List<(int Length, HashSet<string> Names)> items, string[] lines)
    {
        var inItems = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, names) in items)
        {
            foreach (var name in names)
            {
                inItems[name] = inItems.GetValueOrDefault(name) + 1;
            }
        }
        var theme = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, n) in inItems)
        {
            if (n >= items.Count - 1 && !WrittenInLowerCase(name, lines))
            {
                theme.Add(name);
            }
        }
        return theme.Count is > 0 and <= ThemeMaxNames && Scattered(items, theme, ThemeMaxCover);
    }

    /// <summary>Bulleted or numbered sentences a text must have to be read as a briefing of bullets.</summary>
    private const int BriefingMinBullets = 5;

    /// <summary>The shortest bullet that counts as an item of news: a sentence, not a word, a link or an empty marker.</summary>
    private const int BulletMinChars = 30;

    /// <summary>
    /// Whether a text is a briefing of bulleted (or numbered) one-line sentences about different things, without
    /// headings:
    /// <list type="bullet">
    /// <item>at least <see cref="BriefingMinBullets"/> bulleted or numbered lines that are each a sentence of at least
    /// <see cref="BulletMinChars"/> characters naming someone or somewhere;</item>
    /// <item>those bullets make up at least two thirds of the text: they are the text, not key points under a report's
    /// prose;</item>
    /// <item>the prose before the first bullet does not share a word with the title that a bullet also says: a report's
    /// lead tells the event its title names, and its key points follow on it; a briefing opens with a greeting, or
    /// with nothing, and a word its greeting shares with its title ("The day in brief") is in none of its bullets;</item>
    /// <item>no name (as in <see cref="ScatteredItems"/>: a capitalised word inside a sentence, or a word of the title in
    /// any case) in bullets making up <see cref="ScatteredMaxCover"/> of the bullets' text, of all names or once a
    /// theme every bullet names is set aside (<see cref="ScatteredBesideTheme"/>), and bullets of at most
    /// <see cref="ScatteredMaxItemChars"/> characters at the median.</item>
    /// </list>
    /// A bulleted timeline of one event says its name or its title's words again and again; a briefing's bullets
    /// each carry their own names.
    /// </summary>
    private static bool BulletBriefing(string title, string[] lines)
    {
        // Most texts have no bulleted lines at all: count them before reading anything else, looking at a line's first
        // character before matching it.
        var bullets = 0;
        foreach (var raw in lines)
        {
            var line = raw.TrimStart();
            if (line.Length > 0 && (char.IsAsciiDigit(line[0]) || BulletMarks.Contains(line[0])) && ListLine().IsMatch(line)
                && ++bullets >= BriefingMinBullets)
            {
                break;
            }
        }
        if (bullets < BriefingMinBullets)
        {
            return false;
        }
        var titleWords = TitleWords(title);
        var items = new List<(int Length, HashSet<string> Names)>();
        var bulletChars = 0;
        var otherChars = 0;
        var leadTitleWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || Extraction.ArticleText.IsFurniture(line) || line.StartsWith("By ", StringComparison.Ordinal))
            {
                continue;
            }
            var marker = ListLine().Match(line);
            var sentence = marker.Success ? line[(marker.Length - 1)..].Trim() : "";
            if (sentence.Length >= BulletMinChars && SentenceEnd().IsMatch(sentence))
            {
                var names = new HashSet<string>(StringComparer.Ordinal);
                AddNames(sentence, titleWords, names);
                if (names.Count > 0)
                {
                    items.Add((sentence.Length, names));
                    bulletChars += sentence.Length;
                    continue;
                }
            }
            otherChars += line.Length;
            if (items.Count == 0 && !marker.Success)
            {
                foreach (var (word, _, _) in StoryText.Words(line))
                {
                    if (titleWords.Contains(word))
                    {
                        leadTitleWords.Add(word);
                    }
                }
            }
        }
        // A report's lead and its key points tell what its title names; "The day in brief" over "Here is the day's news
        // in brief" shares a word with its greeting that no bullet says.
        if (items.Count < BriefingMinBullets || bulletChars < 2 * otherChars || items.Any(i => i.Names.Overlaps(leadTitleWords)))
        {
            return false;
        }
        var lengths = items.Select(i => i.Length).Order().ToArray();
        return lengths[lengths.Length / 2] <= ScatteredMaxItemChars && (Scattered(items, null) || ScatteredBesideTheme(items, lines));
    }

    /// <summary>The most names a theme shared by a digest's items has ("Ukraine", "Russia").</summary>
    private const int ThemeMaxNames = 2;

    /// <summary>
    /// The share of a text that one name beside a theme must reach for the text to be about one thing. Lower than
    /// <see cref="ScatteredMaxCover"/>: with the name every item shares set aside, the rest must scatter clearly. A
    /// profile of one person under short sections ("Early life", "Career") names her in every section and some of her
    /// people and places in two; a digest's items each name their own.
    /// </summary>
    private const double ThemeMaxCover = 0.25;

    /// <summary>Whether no name but those set aside is in items making up <paramref name="maxCover"/> of the items' text.</summary>
    private static bool Scattered(List<(int Length, HashSet<string> Names)> items, HashSet<string>? aside, double maxCover = ScatteredMaxCover)
    {
        var total = 0;
        var cover = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (n, set) in items)
        {
            total += n;
            foreach (var name in set)
            {
                if (aside is null || !aside.Contains(name))
                {
                    cover[name] = cover.GetValueOrDefault(name) + n;
                }
            }
        }
        return cover.Count > 0 && cover.Values.Max() < maxCover * total;
    }

    /// <summary>The words of a title that count as names wherever they appear (not numbers, not function words).</summary>
    private static HashSet<string> TitleWords(string title)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (word, _, number) in StoryText.Words(title))
        {
            if (!number && word.Length > 2 && !StoryText.IsStopWord(word))
            {
                words.Add(word);
            }
        }
        return words;
    }

    /// <summary>Adds a line's names: capitalised words inside a sentence (not function words), and the title's words in any case.</summary>
    private static void AddNames(string line, HashSet<string> titleWords, HashSet<string> names)
    {
        foreach (var (word, capitalised, _) in StoryText.Words(line))
        {
            if ((capitalised && word.Length > 1 && !StoryText.IsStopWord(word)) || titleWords.Contains(word))
            {
                names.Add(word);
            }
        }
    }

    /// <summary>
    /// Whether a lowercased word is written in lower case somewhere in the lines, as a whole word ("debate" in "the
    /// debate", not in "debates" nor "Debate"). Asked only of the few names that nearly every item shares.
    /// </summary>
    private static bool WrittenInLowerCase(string word, string[] lines)
    {
        foreach (var line in lines)
        {
            for (var at = line.IndexOf(word, StringComparison.Ordinal); at >= 0; at = line.IndexOf(word, at + 1, StringComparison.Ordinal))
            {
                var end = at + word.Length;
                if ((at == 0 || !char.IsLetterOrDigit(line[at - 1])) && (end == line.Length || !char.IsLetterOrDigit(line[end])))
                {
                    return true;
                }
            }
        }
        return false;
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
    private static int Items(string[] lines)
    {
        var n = 0;
        foreach (var raw in lines)
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

    /// <summary>/opinion/, /opinions/, /commentary/, /analysis/, /editorial(s)/, /column(s)/, /columnists/, /op-ed/, /letters/, /commentisfree/ (a desk's own name for its opinion section) as a path segment.</summary>
    [GeneratedRegex(@"/(opinions?|commentary|analysis|editorials?|columns?|columnists?|op-?eds?|letters(-to-the-editor)?|perspectives?|commentisfree)(/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex OpinionPath();

    /// <summary>"Opinion:", "Opinion |", "Column:", "Editorial:", "Letters:", "Analysis:", "Commentary –", "Op-Ed:" at the start of a title.</summary>
    [GeneratedRegex(@"^\W{0,3}(opinion|column|editorial|letters?(\s+to\s+the\s+editor)?|analysis|commentary|op-?ed|perspective|viewpoint|my\s+view|our\s+view|guest\s+(essay|column|commentary))\s*[:|\u2013\u2014-]\s*\S",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OpinionTitle();

    /// <summary>Lines at the start of a text read for a section label (<see cref="HasKicker"/>).</summary>
    private const int KickerLines = 6;

    /// <summary>
    /// Whether a section label ("Opinion", "ANALYSIS", "Editorial", "Guest essay") stands on a line of its own among the
    /// first <see cref="KickerLines"/> lines, above the body: no line before it is a sentence of
    /// <see cref="ItemProseChars"/> characters or more (a report's lead, with an "Analysis" box by a correspondent
    /// under it, is not a kicker), and it is not one of three or more short lines in a row (a site menu left in by the
    /// extractor, "News / Opinion / Sports").
    /// </summary>
    private static bool HasKicker(string body)
    {
        var lines = body.Split('\n', KickerLines + 2);
        for (var i = 0; i < Math.Min(KickerLines, lines.Length - 1); i++)
        {
            var line = lines[i].Trim();
            if (line.Length > 200 || (line.Length >= ItemProseChars && SentenceEnd().IsMatch(line)))
            {
                return false;
            }
            if (!OpinionKicker().IsMatch(line))
            {
                continue;
            }
            var run = 1;
            for (var j = i - 1; j >= 0 && IsMenuItem(lines[j]); j--)
            {
                run++;
            }
            for (var j = i + 1; j < lines.Length && IsMenuItem(lines[j]); j++)
            {
                run++;
            }
            if (run < 3)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A line of a site menu: one or two words, no sentence end, not a byline.</summary>
    private static bool IsMenuItem(string line)
    {
        line = line.Trim();
        return line.Length is > 0 and <= 30 && line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 2
            && !SentenceEnd().IsMatch(line) && !line.StartsWith("By ", StringComparison.Ordinal);
    }

    /// <summary>A section label as a whole line ("Opinion", "ANALYSIS", "Editorial", "Guest Essay").</summary>
    [GeneratedRegex(@"^(opinion|analysis|news\s+analysis|commentary|editorial|column|op-ed|letters\s+to\s+the\s+editor|guest\s+(essay|column|commentary)|perspective|viewpoint)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OpinionKicker();

    /// <summary>
    /// "The views expressed … are (solely) the author's own", "This is an opinion column", "The views expressed in this
    /// article / by the author … do not necessarily reflect …". A line that the views of a program's guests, of sources
    /// or of a quoted document are their own is not the author's disclaimer: TV sites put it under reports and interviews.
    /// </summary>
    [GeneratedRegex(@"\b(the\s+(views|opinions)\s+expressed\s+(in\s+this\s+(article|column|piece|commentary)\s+)?are\s+((solely|entirely|only)\s+)?(those\s+of\s+the\s+(author|writer)|(the\s+)?(author|writer)'?s'?\s+own|(his|her|their)\s+own)|this\s+is\s+an?\s+(opinion|op-ed)\s+(column|piece|article)|(views|opinions)\s+expressed\s+(in\s+this\s+(article|column|piece|commentary|op-ed|essay|letter|blog|post)|by\s+(the\s+)?(authors?|writers?|columnists?|contributors?|bloggers?))\b[^.\n]{0,60}\s+do\s+not\s+necessarily\s+reflect)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Disclaimer();

    /// <summary>
    /// Titles of round-ups whatever their text: briefings, digests, "N things to know", "news roundup", "what you need to
    /// know today". Not a report of a press briefing ("news briefing", "at her daily briefing"), nor "5 things to know
    /// about" one event, which is an explainer of it.
    /// </summary>
    [GeneratedRegex(@"\b((?<!\b(at|during|in|from|after|before|to)\s+(the\s+|a\s+|an\s+|her\s+|his\s+|their\s+|its\s+|today'?s\s+|\w+'s\s+)?)((morning|evening|afternoon|daily|weekly|weekend|midday)\s+(briefing|digest|brief|roundup|round-up|wrap|rundown)|news\s+(digest|roundup|round-up|wrap|rundown))|(\d+|five|three|four|six|seven|ten)\s+(things|stories|headlines)\s+(to\s+know|you\s+need\s+to\s+know|to\s+watch|to\s+start\s+your)(?!\s+(about|from|on|in|at|regarding|as)\b)|what\s+you\s+need\s+to\s+know\s+(today|this\s+(morning|week|weekend))|news\s+round-?up|top\s+stories\s+(today|this\s+(morning|week)))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoundupTitle();

    /// <summary>
    /// A desk's label that opens a title: "Briefing: …", "Roundup – …", "Digest | …". Only at the start: "Pentagon
    /// briefing: …" or "News briefing: …" is a report of a press briefing.
    /// </summary>
    [GeneratedRegex(@"^\W{0,3}(briefing|round-?up|digest)\s*[:|\u2013\u2014-]\s*\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoundupLabel();

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

    /// <summary>The characters that start a bulleted line (<see cref="ListLine"/>).</summary>
    private const string BulletMarks = "\u2022*\u25AA\u00B7-";

    /// <summary>A numbered or bulleted line ("1.", "2)", "•").</summary>
    [GeneratedRegex(@"^(\d{1,2}[.)]|[\u2022*\u25AA\u00B7-])\s+\S", RegexOptions.CultureInvariant)]
    private static partial Regex ListLine();
}
