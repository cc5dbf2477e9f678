using System.Globalization;
using System.Text.RegularExpressions;
using Salient.Storage;

namespace Salient.Stories;

/// <summary>One development of a story: the report that first brought it, the reports that followed it, and what it added.</summary>
/// <param name="At">When its first report was published.</param>
/// <param name="New">What its first report named that no earlier report of the story had: numbers and names.</param>
/// <summary>
/// The settings of the timeline's rule, for measuring (<c>eval timeline</c>); <see cref="Default"/> is the product's.
/// </summary>
/// <param name="MinGap">A report with a new number or name opens a development only this long after the current one began.</param>
/// <param name="TitleCaseNames">Read names from Title Case headlines: the words the story's sentence-case headlines, or the report's lead, capitalise inside a sentence.</param>
/// <param name="LeadFacts">Read numbers and names from the first sentence of the report's lead too.</param>
/// <param name="ShiftGap">A report at least this long after the current development began opens a new one when most of its headline's words are new to the development (<see cref="ShiftShare"/>).</param>
/// <param name="ShiftShare">The share of a headline's content words, new to the development, that makes a later report a new development.</param>
/// <param name="LeadKnown">Every word of an earlier report's lead counts as known, so a headline naming what an earlier lead named brings nothing new.</param>
internal sealed record TimelineRule(TimeSpan MinGap, bool TitleCaseNames, bool LeadFacts, TimeSpan ShiftGap, double ShiftShare, bool LeadKnown)
{
    public static readonly TimelineRule Default = new(TimeSpan.FromHours(2), true, false, TimeSpan.FromHours(18), 0.5, true);

    /// <summary>The rule before it was measured: names from sentence-case headlines only, nothing from leads, no shift of words.</summary>
    public static readonly TimelineRule HeadlinesOnly = new(TimeSpan.FromHours(2), false, false, TimeSpan.MaxValue, 1, false);
}

internal sealed record Development(DateTimeOffset At, ArticleCard FirstReport, IReadOnlyList<ArticleCard> Articles, IReadOnlyList<string> Outlets, IReadOnlyList<string> New);

/// <summary>
/// How a story developed, from its articles' headlines and times: the first report opens the first development; a later
/// report opens a new one when it names a number or a name that no earlier report did (a new toll, a new actor, a
/// ruling's figure) and comes at least <see cref="MinGap"/> after the current development began (reports of one news
/// cycle restate each other in their own words); every other report follows the development before it.
/// Names are read only from headlines in sentence case: in a Title Case headline every word is capitalised.
/// </summary>
internal static partial class StoryTimeline
{
    /// <summary>Reports closer than this to the start of the current development belong to it.</summary>
    public static readonly TimeSpan MinGap = TimeSpan.FromHours(2);

    public static IReadOnlyList<Development> Build(IReadOnlyList<ArticleCard> articles) => Build(articles, TimelineRule.Default);

    internal static IReadOnlyList<Development> Build(IReadOnlyList<ArticleCard> articles, TimelineRule rule)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(rule);
        var timed = articles.Where(a => a.At is not null).OrderBy(a => a.At).ThenBy(a => a.Id).ToList();
        if (timed.Count == 0)
        {
            return [];
        }
        // The words the story's sentence-case headlines (and each report's lead) capitalise inside a sentence: the names
        // a Title Case headline of the story is read with, where every word is capitalised.
        var storyNames = rule.TitleCaseNames ? StoryNames(timed.Select(a => a.Title).Where(t => !IsTitleCase(t))) : null;
        // The words the story's headlines and leads write in lower case: a headline's first word among them ("Inside",
        // "Watchdog") is no part of the name after it.
        var lower = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in timed.SelectMany(a => new[] { a.Title, a.Lead }))
        {
            foreach (Match m in Words().Matches(t ?? ""))
            {
                if (char.IsLower(m.Value[0]))
                {
                    lower.Add(m.Value.ToLowerInvariant());
                }
            }
        }
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var developments = new List<(ArticleCard First, List<ArticleCard> Members, List<string> New, HashSet<string> Words)>();
        foreach (var a in timed)
        {
            var lead = rule.LeadFacts ? FirstSentence(a.Lead) : null;
            HashSet<string>? names = null;
            if (storyNames is not null)
            {
                names = new HashSet<string>(storyNames, StringComparer.Ordinal);
                if (a.Lead is { Length: > 0 } fullLead)
                {
                    names.UnionWith(StoryNames([fullLead]));
                }
            }
            var facts = Facts(a.Title, names, lower);
            if (lead is not null)
            {
                facts.AddRange(Facts(lead, names, lower).Select(f => f with { Position = f.Position + a.Title.Length + 1 }));
            }
            var fresh = facts.Where(f => !f.Keys.All(known.Contains)).Select(f => f.Shown).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var words = ContentWords(a.Title);
            if (developments.Count == 0)
            {
                developments.Add((a, [a], [], words));
            }
            else if (a.At!.Value - developments[^1].First.At!.Value is var since
                && ((fresh.Count > 0 && since >= rule.MinGap) || (since >= rule.ShiftGap && Unseen(words, developments[^1].Words) >= rule.ShiftShare)))
            {
                developments.Add((a, [a], fresh, words));
            }
            else
            {
                developments[^1].Members.Add(a);
                developments[^1].Words.UnionWith(words);
            }
            // Every word of a headline (and of the lead read) counts as known, so a name once written in lower case or
            // in a Title Case headline is not news later.
            foreach (var w in Words().Matches(rule.LeadKnown && a.Lead is { Length: > 0 } read ? a.Title + "\n" + read : lead is null ? a.Title : a.Title + "\n" + lead))
            {
                known.Add(Key(((Match)w).Value));
            }
            foreach (var f in facts)
            {
                known.UnionWith(f.Keys);
            }
            if (rule.LeadKnown && a.Lead is { Length: > 0 } readLead)
            {
                known.UnionWith(NumberFacts(readLead).SelectMany(f => f.Keys));
            }
        }
        // Reports without a time belong to the first development: they are as old as the story as far as anyone knows.
        var untimed = articles.Where(a => a.At is null).ToList();
        return developments.Select((d, i) =>
        {
            var members = i == 0 ? d.Members.Concat(untimed).ToList() : d.Members;
            var outlets = members.Select(m => m.Outlet).OfType<string>().Where(o => o.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            return new Development(d.First.At!.Value, d.First, members, outlets, d.New);
        }).ToList();
    }

    /// <summary>The share of <paramref name="words"/> that <paramref name="seen"/> lacks (0 for a headline of no content words).</summary>
    private static double Unseen(HashSet<string> words, HashSet<string> seen) =>
        words.Count == 0 ? 0 : (double)words.Count(w => !seen.Contains(w)) / words.Count;

    /// <summary>A headline's words of four letters or more, lower-cased and cut to their first five letters, common words aside.</summary>
    private static HashSet<string> ContentWords(string title)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Words().Matches(title))
        {
            if (m.Length >= 4 && !Common.Contains(m.Value) && !Common.Contains(CultureInfo.InvariantCulture.TextInfo.ToTitleCase(m.Value.ToLowerInvariant())))
            {
                var w = m.Value.ToLowerInvariant();
                set.Add(w.Length > 5 ? w[..5] : w);
            }
        }
        return set;
    }

    /// <summary>A lead's first sentence (at most 300 characters), or null.</summary>
    private static string? FirstSentence(string? lead)
    {
        if (string.IsNullOrWhiteSpace(lead))
        {
            return null;
        }
        var text = lead.Trim();
        var end = SentenceEnd().Match(text);
        var first = end.Success ? text[..(end.Index + 1)] : text;
        return first.Length > 300 ? first[..300] : first;
    }

    /// <summary>Whether a headline capitalises its common words (Title Case): three in four of its words of four letters or more.</summary>
    internal static bool IsTitleCase(string title)
    {
        var words = Words().Matches(title);
        var longWords = words.Count(w => w.Length >= 4);
        return longWords == 0 || words.Count(w => w.Length >= 4 && char.IsUpper(w.Value[0])) >= 0.75 * longWords;
    }

    /// <summary>The words <paramref name="texts"/> capitalise inside a sentence (not first, not after a stop), common words aside.</summary>
    private static HashSet<string> StoryNames(IEnumerable<string> texts)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var previousEnd = -1;
            foreach (Match m in Words().Matches(text))
            {
                var between = previousEnd < 0 ? "" : text[previousEnd..m.Index];
                var opensSentence = previousEnd < 0 || between.AsSpan().IndexOfAny(".!?:\n\"“‘'") >= 0;
                if (!opensSentence && char.IsUpper(m.Value[0]) && !Common.Contains(m.Value))
                {
                    names.Add(m.Value);
                }
                previousEnd = m.Index + m.Length;
            }
        }
        return names;
    }

    /// <summary>
    /// The numbers and, in a sentence-case headline, the names a headline states, in the order it states them. A number's
    /// key is its value and scale ("40 dead" and "40" are one fact; "$200 million" is not "200"); a name is a run of
    /// capitalised words, new when one of its words is. <paramref name="lower"/> holds the words the story writes in lower
    /// case (lower-cased).
    /// </summary>
    internal static List<Fact> Facts(string title, IReadOnlySet<string>? names = null, IReadOnlySet<string>? lower = null)
    {
        var facts = NumberFacts(title);
        var words = Words().Matches(title).ToList();
        var titleCase = IsTitleCase(title);
        if (titleCase && names is null)
        {
            return facts;
        }
        // In a Title Case headline a capitalised word is a name only when the story's own text capitalises it inside a sentence.
        // A month or a weekday ("Jan", "Sept", "March", "Monday") dates the news and names no one.
        bool IsName(int i) => words[i].Length >= 2 && char.IsUpper(words[i].Value[0]) && !Common.Contains(words[i].Value)
            && !Calendar.Contains(words[i].Value) && !(words[i].Value.All(char.IsUpper) && words[i].Length > 5)
            && (!titleCase || names!.Contains(words[i].Value));
        // The headline's first word, or the first after a colon or a dash, is capitalised anyway: it is no part of the name
        // after it when it is a word that opens headlines ("Inside", "Meet", "Exclusive: Behind …") or one the story writes
        // in lower case, unless the story also writes it as a name inside a sentence.
        bool Opens(int i) => i == 0 || title.AsSpan(words[i - 1].Index + words[i - 1].Length, words[i].Index - words[i - 1].Index - words[i - 1].Length).IndexOfAny(":|—–") >= 0;
        for (var i = 0; i < words.Count; i++)
        {
            if (!IsName(i) || (Opens(i) && (Openers.Contains(words[i].Value) || lower?.Contains(words[i].Value.ToLowerInvariant()) == true) && names?.Contains(words[i].Value) != true))
            {
                continue;
            }
            var j = i;
            while (j + 1 < words.Count && IsName(j + 1) && title.AsSpan(words[j].Index + words[j].Length, words[j + 1].Index - words[j].Index - words[j].Length).Trim().IsEmpty)
            {
                j++;
            }
            // The first word of a sentence-case headline is capitalised anyway: a name only when a capitalised word follows it.
            if (i > 0 || j > i || titleCase)
            {
                // Shown as the reader would name it: "Anthony Fauci", not "Anthony Fauci's".
                facts.Add(new Fact(words[i].Index, words.Skip(i).Take(j - i + 1).Select(w => Key(w.Value)).ToArray(),
                    title[words[i].Index..(words[j].Index + Key(words[j].Value).Length)]));
            }
            i = j;
        }
        return facts.OrderBy(f => f.Position).ToList();
    }

    /// <summary>The numbers a text states, keyed by value and scale.</summary>
    private static List<Fact> NumberFacts(string text)
    {
        var facts = new List<Fact>();
        foreach (Match m in Numbers().Matches(text))
        {
            var key = "#" + m.Groups["currency"].Value + m.Groups["value"].Value.Replace(",", "", StringComparison.Ordinal) + Scale(m.Groups["scale"].Value);
            facts.Add(new Fact(m.Index, [key], m.Value.Trim()));
        }
        return facts;
    }

    /// <summary>A word as a name's key: without a possessive ("Fauci's" is "Fauci").</summary>
    private static string Key(string word) =>
        word.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || word.EndsWith("’s", StringComparison.OrdinalIgnoreCase) ? word[..^2]
        : word.EndsWith('\'') || word.EndsWith('’') ? word[..^1] : word;

    internal sealed record Fact(int Position, string[] Keys, string Shown);

    private static string Scale(string unit) => unit.ToLowerInvariant() switch
    {
        "%" or "percent" or "per cent" => "%",
        "million" or "m" => "m",
        "billion" or "bn" => "bn",
        "trillion" => "tn",
        "thousand" => "k",
        _ => "",
    };

    /// <summary>Capitalised words that name nothing in particular (after a colon, in quotes, at a clause start).</summary>
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "And", "But", "Or", "Of", "In", "On", "At", "To", "For", "From", "By", "With", "As", "After", "Before", "Over", "Under",
        "New", "Breaking", "Live", "Update", "Updates", "Watch", "Video", "Analysis", "Opinion", "Exclusive", "Explainer", "Report", "Reports",
        "Why", "What", "How", "Who", "When", "Where", "Is", "Are", "Was", "Were", "Will", "Could", "Would", "Should", "It", "This", "That", "He", "She",
        "They", "We", "I", "You", "Not", "No", "Yes", "More", "Most", "First", "Last", "Says", "Said", "Say", "Day", "Week", "Year", "Today",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "Latest", "I'm", "I’m", "I've", "I’ve", "I'll", "I’ll", "I'd", "I’d", "We're", "We’re", "It's", "It’s", "That's", "That’s", "There's", "There’s",
        "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Dozens", "Hundreds", "Thousands", "Millions",
    };

    /// <summary>Words that open headlines of features, pictures and interviews, capitalised as the headline's first word.</summary>
    private static readonly HashSet<string> Openers = new(StringComparer.Ordinal)
    {
        "Inside", "Meet", "Behind", "Revealed", "Explained", "Exclusive", "Interview", "Profile", "Photos", "Pictures", "Podcast",
        "Factbox", "Fact", "Editorial", "Letters", "Column", "Commentary", "Viewpoint", "Here", "Here's", "Look", "See", "Read",
        "Listen", "Remembering", "Introducing", "Unpacking", "Decoding",
    };

    /// <summary>Months and weekdays, written out or cut short as headlines and datelines write them, in any case ("MAY 5", "SEPT").</summary>
    private static readonly HashSet<string> Calendar = new(StringComparer.OrdinalIgnoreCase)
    {
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
    };

    // Not the digits of a name such as "G-7" or "COVID-19", which the words read whole.
    [GeneratedRegex(@"(?<![\w.]|\p{L}-)(?<currency>[$€£])?\s?(?<value>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?:\s?(?<scale>%|percent|per cent|million|billion|trillion|thousand|bn|m)(?![\w]))?(?:\s(?:km|miles|people|dead|deaths|cases|days|hours|weeks|months|years)(?![\w]))?(?![\w])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Numbers();

    [GeneratedRegex(@"[.!?](?=\s+[\p{Lu}“""])", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    // A word joins letters and digits across an apostrophe or a hyphen ("O'Rourke", "G-7", "COVID-19"), never ending in
    // one: a closing quote or a dangling hyphen is no part of a name.
    [GeneratedRegex(@"\p{L}[\p{L}\p{Mn}\d]*(?:['’-][\p{L}\p{Mn}\d]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    /// <summary>"2 h after the first report" and the like, for the page.</summary>
    public static string After(TimeSpan span)
    {
        if (span < TimeSpan.FromHours(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (int)span.TotalMinutes)} min");
        }
        return span < TimeSpan.FromHours(48)
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} days");
    }
}
