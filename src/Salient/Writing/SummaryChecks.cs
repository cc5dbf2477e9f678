using System.Globalization;
using System.Text.RegularExpressions;

namespace Salient.Writing;

/// <summary>
/// What keeps a summary from saying one fact twice or contradicting itself: whether a sentence restates another
/// (most of the smaller one's content words, names and numbers are in the other), whether two texts state a
/// different number for the same thing ("25 million cases" against "24 million cases"), and whether they say one thing
/// went up and down ("claims rose" against "claims fell").
/// </summary>
internal static partial class SummaryChecks
{
    /// <summary>A restatement shares at least this many content words with the other sentence…</summary>
    public const int MinSharedWords = 4;

    /// <summary>…and at least this share of the smaller sentence's content words.</summary>
    public const double RestateShare = 0.5;

    /// <summary>
    /// A number stated for a thing: its value, the precision it was given with (so "25 million" and "25.2 million"
    /// agree), whether it is a bound ("more than 6 million"), its unit (count, percent, money) and the words naming the thing.
    /// </summary>
    /// <param name="Milestone">
    /// The number is a running total the thing has reached ("passed 25 million confirmed cases", "tops 6 million"), not
    /// a count for a day or a week ("200,000 new cases"): two milestones of one thing are two moments, and the
    /// smaller is no longer true of the story however far apart they are.
    /// </param>
    /// <param name="Subject">The names (capitalised words) of the milestone's clause before its verb: "Texas", "US".</param>
    internal sealed record Quantity(double Value, double Precision, int Bound, string Unit, HashSet<string> Thing, bool Milestone = false, HashSet<string>? Subject = null);

    /// <summary>The content words of a text: lowercase tokens without function words, plurals folded.</summary>
    public static HashSet<string> ContentWords(string? text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in TextCleaner.Tokens(text))
        {
            if (!ExtractiveWriter.Stopwords.Contains(t) && !Filler.Contains(t))
            {
                set.Add(Stem(t));
            }
        }
        return set;
    }

    /// <summary>True when one sentence restates the other: they share <see cref="MinSharedWords"/> content words, half of the smaller one's.</summary>
    public static bool Restates(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return false;
        }
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var shared = small.Count(large.Contains);
        return shared >= MinSharedWords && shared >= RestateShare * small.Count;
    }

    /// <summary>
    /// True when one sentence restates the other by words (<see cref="Restates(HashSet{string}, HashSet{string})"/>), or
    /// states the same figure for the same thing and shares <see cref="MinSharedWithFigure"/> content words with it
    /// ("passed 25 million confirmed cases" and "reached 25 million confirmed infections").
    /// </summary>
    public static bool Restates(HashSet<string> a, IReadOnlyList<Quantity> qa, HashSet<string> b, IReadOnlyList<Quantity> qb) =>
        Restates(a, b) || (a.Count(b.Contains) >= MinSharedWithFigure && qa.Any(q => qb.Any(o => Same(q, o) && Agree(q, o))));

    /// <summary>
    /// True when a sentence tells the title's fact: it holds at least <see cref="TitleShare"/> of the title's content
    /// words (at least <see cref="MinTitleWords"/> of them), a word counting by its first five letters so that
    /// "authorizes" is "authorized". Two such sentences tell one fact twice, whatever else each adds.
    /// </summary>
    public static bool TellsTitle(HashSet<string> sentence, HashSet<string> title)
    {
        if (title.Count < MinTitleWords)
        {
            return false;
        }
        var told = TitleWordsIn(sentence, title);
        return told >= MinTitleWords && told >= TitleShare * title.Count;
    }

    /// <summary>How many of the title's content words the sentence holds, a word counting by its first five letters.</summary>
    public static int TitleWordsIn(HashSet<string> sentence, HashSet<string> title)
    {
        var roots = sentence.Select(Root).ToHashSet(StringComparer.Ordinal);
        return title.Count(w => sentence.Contains(w) || roots.Contains(Root(w)));
    }

    /// <summary>The share of the title's content words a sentence that tells the title holds.</summary>
    public const double TitleShare = 0.75;

    /// <summary>The fewest title content words for <see cref="TellsTitle"/>: a short title's words are in many sentences.</summary>
    public const int MinTitleWords = 4;

    private static string Root(string w) => w.Length > 5 ? w[..5] : w;

    /// <summary>Content words two sentences stating one figure must share to be one fact.</summary>
    public const int MinSharedWithFigure = 3;

    /// <summary>
    /// True when two texts state one fact and contradict each other on it: they share <see cref="MinSharedWithFigure"/>
    /// content words besides numbers (as two statements of one figure must, <see cref="Restates(HashSet{string}, IReadOnlyList{Quantity}, HashSet{string}, IReadOnlyList{Quantity})"/>)
    /// and one states a number the other disagrees with (<see cref="Disagrees"/>), or they say it moved opposite ways
    /// (<see cref="Opposes"/>). Stricter than either check alone, so that an older report is set aside for a newer one
    /// only when both plainly tell the same thing.
    /// </summary>
    public static bool Contradicts(HashSet<string> a, IReadOnlyList<Quantity> qa, int da, HashSet<string> b, IReadOnlyList<Quantity> qb, int db) =>
        Opposes(a, da, b, db)
        || (a.Count(w => b.Contains(w) && !w.All(char.IsDigit)) >= MinSharedWithFigure && (Disagrees(qa, qb) || Disagrees(qb, qa)));

    /// <summary>
    /// True when <paramref name="newer"/> gives a death toll ("the death toll rose to 150", "raising the toll to 150")
    /// larger than a count of the dead in <paramref name="older"/> ("an earthquake killed 20 people", "20 dead") about
    /// the same event (they share <see cref="MinSharedWithToll"/> content words besides numbers and words of death): a toll
    /// grows as a story goes on, so the older count is no longer what the story says, however far it lies below (up to
    /// fifty times), where two figures for one thing are otherwise taken as one only within twice of each other.
    /// </summary>
    public static bool UpdatesToll(string newer, string older) =>
        UpdatesToll(Deaths.Of(newer), ContentWords(newer), Deaths.Of(older), ContentWords(older));

    /// <summary>As <see cref="UpdatesToll(string, string)"/>, on figures and content words read once per text.</summary>
    public static bool UpdatesToll(Deaths newer, HashSet<string> newerWords, Deaths older, HashSet<string> olderWords) =>
        newer.Tolls.Count > 0
        && older.Counts.Exists(o => newer.Tolls.Exists(n => o < n && n <= 50 * o))
        && olderWords.Count(w => newerWords.Contains(w) && !w.Any(char.IsDigit) && !DeathWords.Contains(w)) >= MinSharedWithToll;

    /// <summary>The death tolls a text gives ("the toll rose to 150") and every count of the dead it states, tolls included ("killed 20").</summary>
    internal sealed record Deaths(List<double> Tolls, List<double> Counts)
    {
        public static Deaths Of(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return new([], []);
            }
            var tolls = DeathToll().Matches(text).Select(m => Count(m.Groups["num"].Value)).Where(v => v > 0).ToList();
            var counts = DeathCount().Matches(text).Select(m => Count(m.Groups["num"].Value)).Where(v => v > 0).Concat(tolls).ToList();
            return new(tolls, counts);
        }
    }

    /// <summary>Content words, besides numbers and words of death, a toll and an older count must share to be of one event.</summary>
    public const int MinSharedWithToll = 2;

    private static readonly HashSet<string> DeathWords = new(StringComparer.Ordinal)
    {
        "death", "dead", "toll", "kill", "killed", "kills", "killing", "people", "died", "die", "dies", "life", "lives", "victim", "rose", "rise",
        "rises", "risen", "climbed", "climb", "climbs", "least", "more",
    };

    private static double Count(string number) =>
        NumberWords.TryGetValue(number.ToLowerInvariant(), out var w) ? w
        : double.TryParse(number.Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;

    // "death toll rose to 150", "the toll stands at 150", "raising the toll to 150": a number within the clause after "toll".
    [GeneratedRegex(@"\btoll\b[^.;!?\d]{0,60}?(?<num>\d{1,3}(?:,\d{3})+|\d+)(?![\d.,]*\s*(?:%|percent|years?|days?|hours?|weeks?|months?|am|pm|a\.m|p\.m)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DeathToll();

    // "killed 20 people", "kills at least 20", "left 20 dead", "20 people were killed", "20 dead", "20 deaths".
    [GeneratedRegex(@"\b(?:kill(?:s|ed|ing)?|left|leaving)\s+(?:at\s+least\s+|more\s+than\s+|nearly\s+|about\s+|some\s+)?(?<num>\d{1,3}(?:,\d{3})+|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty)\b|\b(?<num>\d{1,3}(?:,\d{3})+|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty)\s+(?:people\s+|persons\s+)?(?:dead|deaths|died|were\s+killed|have\s+been\s+killed|killed)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DeathCount();

    /// <summary>Content words, besides numbers and the movement itself, two texts saying one thing moved must share.</summary>
    public const int MinSharedWithDirection = 3;

    /// <summary>
    /// True when a text looks ahead to what has not happened yet: "Key committee meets Thursday to consider FDA
    /// authorization", "FDA to meet on vaccine: what to expect", "Panel head predicts approval", "Senate set to vote on
    /// bill", "Biden will sign order". A report of the outcome ("FDA authorizes vaccine", "Senate passes bill") does not.
    /// </summary>
    /// <remarks>Someone's word about the future is a report of what was said, not a preview: "Biden says US will have
    /// enough vaccines by July" does not look ahead.</remarks>
    /// <param name="orIntends">Also an intention or a possibility ("wants to cancel", "could rule", "plans to"): for the
    /// sentences of a report already known to be a preview, whose speculation goes with it.</param>
    public static bool LooksAhead(string? text, bool orIntends = false) =>
        !string.IsNullOrEmpty(text)
        && ((Ahead().Match(text) is { Success: true } m && !SaidBefore(text, m.Index))
            || (orIntends && Intends().Match(text) is { Success: true } i && !SaidBefore(text, i.Index)));

    /// <summary>
    /// Whether what comes at <paramref name="index"/> is someone's word: a speaker opening the text ("Trump: …"), or a
    /// reporting verb in the <see cref="Around"/> characters before it ("Biden says the US will …").
    /// </summary>
    private static bool SaidBefore(string text, int index) =>
        (Speaker().Match(text) is { Success: true } speaker && speaker.Index + speaker.Length <= index)
        || Said().IsMatch(text.AsSpan(Math.Max(0, index - Around), index - Math.Max(0, index - Around)));

    /// <summary>
    /// True when a sentence looks ahead to the very thing a headline reports as done: "The Senate is expected to pass the
    /// $1 trillion infrastructure bill on Tuesday" under "Senate passes $1 trillion infrastructure bill". The word after
    /// the look-ahead ("pass") begins as a word of the headline does (four letters: "passes", "authorized"), and the two
    /// share <paramref name="minShared"/> content words.
    /// </summary>
    public static bool LooksAheadTo(string? sentence, HashSet<string> headlineWords, int minShared)
    {
        if (string.IsNullOrEmpty(sentence) || ContentWords(sentence).Count(headlineWords.Contains) < minShared)
        {
            return false;
        }
        var prefixes = headlineWords.Where(w => w.Length >= 4).Select(w => w[..4]).ToHashSet(StringComparer.Ordinal);
        foreach (var m in Ahead().Matches(sentence).Concat(Intends().Matches(sentence)).Take(MaxLookAheads))
        {
            if (SaidBefore(sentence, m.Index))
            {
                continue;
            }
            var next = NextWord().Match(sentence, m.Index + m.Length);
            var verb = next.Groups["verb"].Value;
            if (next.Success && verb.Length >= 4 && prefixes.Contains(verb[..4].ToLowerInvariant()))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The look-aheads of one sentence read by <see cref="LooksAheadTo"/>; a sentence says "will" a few times at most.</summary>
    private const int MaxLookAheads = 8;

    /// <summary>
    /// True when a headline previews what has not happened yet, as <see cref="LooksAhead"/> reads a sentence, or in
    /// headline form, a subject and "to" and a verb ("Senate to vote Tuesday on bill", "Harris to visit Guatemala"). Only
    /// its first clause counts, so "Trump ousts Tillerson, will replace him with Pompeo" reports what was done, and "FDA
    /// to meet on vaccine: what to expect" looks ahead. A speaker's word is no preview ("Trump: I will sign the bill").
    /// </summary>
    public static bool HeadlineLooksAhead(string? headline)
    {
        if (string.IsNullOrEmpty(headline))
        {
            return false;
        }
        var clause = FirstClause(headline);
        return LooksAhead(clause) || (!IsSaid(clause) && SubjectTo(clause));
    }

    /// <summary>
    /// True when a headline reports something done: it says nothing of what will, may, could or is to happen, nor what
    /// someone plans, wants, aims or tries to do, whoever says so ("White House: Trump to declare opioid crisis an
    /// emergency", "IOC member says Olympics will be postponed" are not outcomes yet). Stricter than the negation of
    /// <see cref="HeadlineLooksAhead"/>: only such a headline makes an older preview outdated.
    /// </summary>
    public static bool HeadlineTellsOutcome(string? headline)
    {
        if (string.IsNullOrEmpty(headline))
        {
            return false;
        }
        if (Ahead().IsMatch(headline) || Intends().IsMatch(headline) || Future().IsMatch(headline))
        {
            return false;
        }
        var clause = FirstClause(headline);
        var speaker = Speaker().Match(clause);
        return !SubjectTo(clause) && !(speaker.Success && SubjectTo(clause[speaker.Length..]));
    }

    /// <summary>True when a text tells what someone said ("Conway says El Paso is ready", "Trump: …"): a statement, not an event's outcome.</summary>
    public static bool Attributes(string? text) => !string.IsNullOrEmpty(text) && IsSaid(text);

    private static string FirstClause(string headline)
    {
        var cut = headline.IndexOfAny([',', ';']);
        return cut < 0 ? headline : headline[..cut];
    }

    /// <summary>
    /// A headline's future: a subject and "to" and a verb ("Senate to vote Tuesday on bill", "Biden To Choose Blinken"),
    /// no verb before the "to" ("Trump encourages Floridians to vote", "House votes to impeach", "Man sentenced to …":
    /// a word after the first ending in -s, -ed or -ing before it is read as one; in a sentence-case headline only a
    /// lowercase one), and no quotation in the subject ("Trump 'morally unfit to be president'").
    /// </summary>
    private static bool SubjectTo(string clause)
    {
        var m = HeadlineTo().Match(clause);
        if (!m.Success)
        {
            return false;
        }
        var words = m.Groups["subject"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var longWords = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 4 && char.IsLetter(w[0])).ToList();
        var titleCase = char.IsUpper(m.Groups["to"].Value[0]) || (longWords.Count > 0 && longWords.Count(w => char.IsUpper(w[0])) > 0.6 * longWords.Count);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (word.IndexOfAny(['\'', '"', '\u2018', '\u2019', '\u201C', '\u201D']) >= 0 && !word.EndsWith("'s", StringComparison.Ordinal) && !word.EndsWith("\u2019s", StringComparison.Ordinal))
            {
                return false;
            }
            if ((char.IsLower(word[0]) || (titleCase && i > 0))
                && ((word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal))
                    || word.EndsWith("ed", StringComparison.Ordinal) || word.EndsWith("ing", StringComparison.Ordinal)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// +1 when a text says something went up ("rose", "climbed", "jumped"), −1 when it says something went down ("fell",
    /// "dropped", "declined"), 0 when it says neither or both ("cases rose as deaths fell" compares two things).
    /// </summary>
    public static int Direction(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }
        var up = Rise().IsMatch(text);
        var down = Fall().IsMatch(text);
        return up == down ? 0 : up ? 1 : -1;
    }

    /// <summary>
    /// True when two texts say one thing moved opposite ways: each moves one way only, the ways differ, and they share
    /// <see cref="MinSharedWithDirection"/> content words that are neither numbers nor movement words ("applications for
    /// unemployment benefits rose 37,000, the Labor Department reported" against "first-time jobless claims fell to the
    /// lowest level, according to the Labor Department": two weeks' reports, not one fact).
    /// </summary>
    public static bool Opposes(HashSet<string> a, int directionA, HashSet<string> b, int directionB) =>
        directionA != 0 && directionB != 0 && directionA != directionB
        && a.Count(w => b.Contains(w) && !w.All(char.IsDigit) && !Rise().IsMatch(w) && !Fall().IsMatch(w)) >= MinSharedWithDirection;

    private static bool Same(Quantity a, Quantity b) =>
        a.Unit == b.Unit && ((a.Thing.Overlaps(b.Thing) && Comparable(a.Value, b.Value)) || Milestones(a, b));

    /// <summary>
    /// Two running totals of one thing (<see cref="Quantity.Milestone"/>, naming it with at least
    /// <see cref="MinMilestoneThing"/> of the same words): "passed six million confirmed coronavirus cases" and "tops 25
    /// million confirmed coronavirus cases" are one count at two moments, however far apart.
    /// </summary>
    /// <remarks>Two milestones whose clauses name different places or bodies ("Texas passed 2 million cases", "the U.S.
    /// passed 25 million cases") count different things.</remarks>
    private static bool Milestones(Quantity a, Quantity b) =>
        a.Milestone && b.Milestone && a.Unit == b.Unit && a.Thing.Count(b.Thing.Contains) >= MinMilestoneThing
        && (a.Subject is not { Count: > 0 } || b.Subject is not { Count: > 0 } || a.Subject.Overlaps(b.Subject));

    /// <summary>Words naming the thing two milestones must share to count one thing.</summary>
    public const int MinMilestoneThing = 2;

    /// <summary>
    /// True when <paramref name="text"/> states a number for a thing that <paramref name="other"/> also counts, and
    /// its number agrees with none of <paramref name="other"/>'s for that thing. Counts of one thing that differ by
    /// more than twice are taken as different measures (a day's new cases and the total), not as a contradiction; nor
    /// is a figure that either text gives with another for the same thing (a comparison, or parts of a whole).
    /// </summary>
    public static bool Disagrees(IReadOnlyList<Quantity> text, IReadOnlyList<Quantity> other)
    {
        foreach (var q in text)
        {
            // Two figures for one thing in one text compare or add up ("from 6 feet to 3 feet", "four more, eight in all"): no single claim.
            if (text.Any(o => !ReferenceEquals(o, q) && Same(q, o) && !Agree(q, o)))
            {
                continue;
            }
            // The same holds for the other text: "2.5 million doses to Mexico and 1.5 million to Canada" is no claim
            // against "4 million doses".
            var same = other.Where(o => Same(q, o) && !other.Any(p => !ReferenceEquals(p, o) && Same(o, p) && !Agree(o, p))).ToList();
            if (same.Count > 0 && !same.Any(o => Agree(q, o)))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Comparable(double a, double b) =>
        a > 0 && b > 0 && Math.Max(a, b) <= 2 * Math.Min(a, b);

    /// <summary>Equal at the coarser of the two precisions, or within a bound one of them states.</summary>
    private static bool Agree(Quantity a, Quantity b)
    {
        var p = Math.Max(a.Precision, b.Precision);
        if (Math.Round(a.Value / p) == Math.Round(b.Value / p))
        {
            return true;
        }
        if (Milestones(a, b))
        {
            // "passed 6 million" is still true when the total is 25 million, but a summary that says it under "tops 25
            // million" tells an old moment as the story's news: two different milestones disagree.
            return false;
        }
        // "more than 6 million" agrees with 6.1 million; "nearly 6 million" with 5.9 million.
        return (a.Bound > 0 && b.Value >= a.Value) || (a.Bound < 0 && b.Value <= a.Value)
            || (b.Bound > 0 && a.Value >= b.Value) || (b.Bound < 0 && a.Value <= b.Value);
    }

    /// <summary>The numbers a text states for things, with what they count; years, dates and ordinals are not quantities.</summary>
    public static List<Quantity> Quantities(string? text)
    {
        var list = new List<Quantity>();
        if (string.IsNullOrEmpty(text))
        {
            return list;
        }
        foreach (Match m in Number().Matches(text))
        {
            var digits = m.Groups["num"].Value;
            double value;
            double precision;
            if (digits.Length > 0)
            {
                var plain = digits.Replace(",", "", StringComparison.Ordinal);
                if (!double.TryParse(plain, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
                {
                    continue;
                }
                var dot = plain.IndexOf('.', StringComparison.Ordinal);
                precision = dot >= 0 ? Math.Pow(10, -(plain.Length - dot - 1)) : Math.Pow(10, plain.Length - plain.TrimEnd('0').Length);
            }
            else if (NumberWords.TryGetValue(m.Groups["word"].Value.ToLowerInvariant(), out var w))
            {
                value = w;
                precision = 1;
            }
            else
            {
                continue;
            }
            var scale = m.Groups["scale"].Value.ToLowerInvariant();
            // What a number means is told by the words around it within its clause: a window of 200 characters each way
            // keeps a text of thousands of numbers from being read again for each one.
            var before = text[Math.Max(0, m.Index - Around)..m.Index];
            var after = text[(m.Index + m.Length)..Math.Min(text.Length, m.Index + m.Length + Around)];
            // A year, a day of a month, an ordinal, a clock time or a name with a number ("COVID-19") says no amount.
            if (scale.Length == 0 && m.Groups["cur"].Length == 0 && digits.Length > 0
                && ((value is >= 1900 and <= 2100 && !digits.Contains('.', StringComparison.Ordinal) && !digits.Contains(',', StringComparison.Ordinal))
                    || MonthBefore().IsMatch(before) || OrdinalAfter().IsMatch(after)))
            {
                continue;
            }
            var multiplier = scale switch
            {
                "thousand" => 1e3,
                "million" => 1e6,
                "billion" or "bn" => 1e9,
                "trillion" => 1e12,
                _ => 1,
            };
            var unit = m.Groups["cur"].Length > 0 ? "money" : scale is "%" or "percent" ? "percent" : "count";
            var thing = ThingWords(after, after: true);
            if (thing.Count == 0)
            {
                // "Inflation rose to 4 percent in May": the thing is named before the number.
                thing = ThingWords(before, after: false);
            }
            if (thing.Count == 0)
            {
                continue;
            }
            var clause = Clause(before, forward: false);
            var verb = MilestoneBefore().Match(before.Length > 30 ? before[^30..] : before);
            var milestone = verb.Success && !PerPeriod().IsMatch(Clause(after, forward: true)) && !PerPeriod().IsMatch(clause)
                && !Projected().IsMatch(before[..^(verb.Length)]);
            list.Add(new Quantity(value * multiplier, precision * multiplier, Bound(before), unit, thing, milestone,
                milestone ? SubjectNames(clause.Length > verb.Length ? clause[..^verb.Length] : "") : null));
        }
        return list;
    }

    /// <summary>The characters read on each side of a number (<see cref="Quantities"/>).</summary>
    private const int Around = 200;

    /// <summary>Up to three content words next to a number (after it, or else before it) within its clause: what it counts.</summary>
    private static HashSet<string> ThingWords(string side, bool after)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        char[] stops = ['.', ',', ';', ':', '(', ')', '"', '\u201C', '\u201D', '!', '?'];
        var cut = after ? side.IndexOfAny(stops) : side.LastIndexOfAny(stops);
        var span = cut < 0 ? side : after ? side[..cut] : side[(cut + 1)..];
        var tokens = TextCleaner.Tokens(span);
        foreach (var t in after ? tokens.Take(5) : Enumerable.Reverse(tokens).Take(5))
        {
            if (ExtractiveWriter.Stopwords.Contains(t) && set.Count > 0)
            {
                // "three people in Kenosha": the thing ends where a function word starts what follows.
                break;
            }
            if (t.Length < 2 || ExtractiveWriter.Stopwords.Contains(t) || Filler.Contains(t) || t.All(char.IsDigit))
            {
                continue;
            }
            set.Add(Stem(t));
            if (set.Count == 3)
            {
                break;
            }
        }
        return set;
    }

    /// <summary>The capitalised words of a clause (not a function word opening it: "The"), with the United States' names as one ("us").</summary>
    private static HashSet<string> SubjectNames(string clause)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var words = clause.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i].Trim('\'', '\u2019', '"', '\u201C', '\u201D');
            if (w.Length == 0 || !char.IsUpper(w[0]) || (i == 0 && ExtractiveWriter.Stopwords.Contains(w.ToLowerInvariant())))
            {
                continue;
            }
            var key = w.TrimEnd('.').Replace(".", "", StringComparison.Ordinal).ToLowerInvariant();
            key = key.EndsWith("'s", StringComparison.Ordinal) || key.EndsWith("\u2019s", StringComparison.Ordinal) ? key[..^2] : key;
            names.Add(key is "us" or "usa" or "america" or "united" or "states" or "american" ? "us" : key);
        }
        return names;
    }

    /// <summary>The part of <paramref name="side"/> next to a number up to the end of its clause (after it, or before it).</summary>
    private static string Clause(string side, bool forward)
    {
        char[] stops = [',', ';', ':', '(', ')', '!', '?'];
        var cut = forward ? side.IndexOfAny(stops) : side.LastIndexOfAny(stops);
        // A full stop ends a clause, but not the dots of "U.S." or "Jan.": only one after a word of more than one letter
        // with no dot of its own, followed by a space.
        for (var i = forward ? 0 : side.Length - 1; forward ? i < side.Length : i >= 0; i += forward ? 1 : -1)
        {
            if (forward ? cut >= 0 && i >= cut : i <= cut)
            {
                break;
            }
            if (side[i] == '.' && (i + 1 == side.Length || char.IsWhiteSpace(side[i + 1])))
            {
                var start = side.LastIndexOf(' ', Math.Max(0, i - 1)) + 1;
                var word = side[start..i];
                if (word.Length > 1 && !word.Contains('.', StringComparison.Ordinal) && !Abbreviation().IsMatch(word))
                {
                    cut = i;
                    break;
                }
            }
        }
        return cut < 0 ? side : forward ? side[..cut] : side[(cut + 1)..];
    }

    /// <summary>+1 when the words before a number make it a lower bound, −1 an upper bound, 0 otherwise.</summary>
    private static int Bound(string before)
    {
        var tail = before.Length > 30 ? before[^30..] : before;
        return LowerBound().IsMatch(tail) ? 1 : UpperBound().IsMatch(tail) ? -1 : 0;
    }

    private static string Stem(string w) =>
        w.Length > 4 && w.EndsWith("ies", StringComparison.Ordinal) ? w[..^3] + "y"
        : w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) ? w[..^1]
        : w;

    /// <summary>Words that are in almost every news sentence and tell nothing about which fact it states.</summary>
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "year", "years", "day", "days",
        "according", "told", "say", "saying", "reported", "report", "percent", "million", "billion", "thousand", "trillion",
        "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "last", "since", "even", "still", "many", "much",
    };

    private static readonly Dictionary<string, double> NumberWords = new(StringComparer.Ordinal)
    {
        ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10,
        ["eleven"] = 11, ["twelve"] = 12, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["hundred"] = 100,
    };

    [GeneratedRegex(@"(?<![\w.\-/])(?<cur>[$£€])?(?:(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|(?<word>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)\b)(?![\w\-/:])\s*(?<scale>%|percent\b|per cent\b|thousand\b|million\b|billion\b|trillion\b|bn\b)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MonthBefore();

    [GeneratedRegex(@"^(?:st|nd|rd|th)\b|^\s*(?:a\.m\.|p\.m\.|am\b|pm\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrdinalAfter();

    [GeneratedRegex(@"\b(?:more than|over|at least|above|exceed(?:s|ed|ing)?|top(?:s|ped)?|surpass(?:es|ed)?|pass(?:es|ed)?|topping|passing|surpassing)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LowerBound();

    // "passed", "surpassed", "tops", "crossed", "reached", "hit", "rose past", "eclipsed", "exceeded": a running total
    // reaching a mark. "More than" alone is a bound, not a milestone ("more than 4,000 people died on Tuesday").
    [GeneratedRegex(@"\b(?:(?:sur)?pass(?:es|ed|ing)?|top(?:s|ped|ping)?|cross(?:es|ed|ing)?|reach(?:es|ed|ing)?|hit(?:s|ting)?|past|eclips(?:e|es|ed|ing)|exceed(?:s|ed|ing)?)\s+(?:the\s+)?(?:mark\s+of\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MilestoneBefore();

    [GeneratedRegex(@"^(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Gov|Sen|Rep|Gen|Inc|Corp|Co|Ltd|Jr|Sr|No|vs)$", RegexOptions.CultureInvariant)]
    private static partial Regex Abbreviation();

    [GeneratedRegex(@"\b(?:will|(?:is|are|was|were)\s+(?:expected|set|poised|scheduled|likely|due)\s+to|expected\s+to|set\s+to|poised\s+to|due\s+to\s+(?:meet|vote|decide|rule|sign|announce)|what\s+to\s+(?:expect|watch|know)|predicts?|preview|going\s+into|set\s+for|to\s+be\s+(?:held|named|sworn|chosen|given|\w+ed)|to\s+(?:consider|weigh|debate|discuss|review))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Ahead();

    // The verb after a look-ahead: "expected to pass" → "pass", "will sign" → "sign", "could authorize the" → "authorize".
    [GeneratedRegex(@"\G\s+(?:to\s+|be\s+|have\s+)?(?<verb>[A-Za-z]+)", RegexOptions.CultureInvariant)]
    private static partial Regex NextWord();

    [GeneratedRegex(@"^\s*(?<subject>(?:[\w.'\u2018\u2019\u201C\u201D""$&-]+\s+){1,5}?)(?<to>[Tt]o)\s+(?:[a-z]+|[A-Z][a-z]+)\b", RegexOptions.CultureInvariant)]
    private static partial Regex HeadlineTo();

    // Intentions and possibilities: what may come, though not a preview of a set event ("wants to cancel", "could rule").
    [GeneratedRegex(@"\b(?:could|(?-i:may)|might|plans?\s+to|planning\s+to|(?:aims?|hopes?|seeks?|wants?|tries|try|moves?|prepares?|readies|looks?)\s+to)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Intends();

    // "will", "would", "to be", "is to": the future however it is told, for telling a headline that is no outcome yet.
    [GeneratedRegex(@"\b(?:will|would|shall|is\s+to|are\s+to|to\s+be|(?-i:may)|might|could|expected|set\s+for|poised|plans?|scheduled|upcoming|looms?|eyes|weighs|mulls|considers|ponders)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Future();

    [GeneratedRegex(@"^\s*(?:\S+\s+){0,3}?\S+:\s", RegexOptions.CultureInvariant)]
    private static partial Regex Speaker();

    // A reporting verb: what follows is someone's word ("Biden says the US will …").
    [GeneratedRegex(@"\b(?:says?|said|vows?|vowed|pledges?|pledged|promises?|promised|warns?|warned|announces?|announced|confirms?|confirmed|tells?|told|insists?|insisted|claims?|claimed)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Said();

    /// <summary>A reporting verb anywhere in the text, or a speaker's name opening it ("Trump: I will sign the bill").</summary>
    private static bool IsSaid(string text) => Said().IsMatch(text) || Speaker().IsMatch(text);

    // A mark not yet reached: "expected to pass 600,000", "the goal of reaching 200 million", "could top 1 million".
    [GeneratedRegex(@"\b(?:to|will|would|could|can|may|might|should|must|soon|goal|target|aim|of|before|until)\s+(?:\w+\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Projected();

    // A count for a span of time, not a running total: "200,000 new cases", "a record 4,000 deaths in a single day".
    [GeneratedRegex(@"\b(?:new|daily|additional|another|single-day|a day|per day|each day|in a day|in 24 hours|a week|per week|weekly|this week|last week|past week|that day)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PerPeriod();

    [GeneratedRegex(@"\b(?:less than|fewer than|under|nearly|almost|up to|near(?:s|ed|ing)?|approach(?:es|ed|ing)?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UpperBound();

    [GeneratedRegex(@"\b(?:ris(?:e|es|ing|en)|rose|increas(?:e|es|ed|ing)|climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|surg(?:e|es|ed|ing)|soar(?:s|ed|ing)?|grew|grow(?:s|n|ing)?|spik(?:e|es|ed|ing))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Rise();

    [GeneratedRegex(@"\b(?:f(?:all|alls|ell|allen|alling)|drop(?:s|ped|ping)?|declin(?:e|es|ed|ing)|dip(?:s|ped|ping)?|slipp(?:ed|ing)|slips?|sank|sinks?|sinking|plung(?:e|es|ed|ing)|tumbl(?:e|es|ed|ing)|shr(?:ank|ink|inks|inking|unk))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Fall();
}
