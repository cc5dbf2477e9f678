using System.Text;
using System.Text.RegularExpressions;

namespace Salient.Stories;

/// <summary>
/// The words of an article that embeddings blur: names, places and numbers, weighted so that a rare name shared
/// by two articles counts for much more than a common word. A bag of lowercased terms with weights.
/// </summary>
internal sealed class TermBag
{
    public TermBag(string[] terms, float[] weights)
    {
        Terms = terms;
        Weights = weights;
    }

    public string[] Terms { get; }
    public float[] Weights { get; }

    public static readonly TermBag Empty = new([], []);
}

/// <summary>Turns a title and the start of an article's text into a <see cref="TermBag"/> and a duplicate key.</summary>
internal static partial class StoryText
{
    private const float TitleWeight = 2f;
    private const float NameBoost = 1.5f;
    private const float NumberBoost = 1.5f;

    /// <summary>Short function words and news boilerplate that say nothing about which event a text is about.</summary>
    private static readonly HashSet<string> Stop = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is",
        "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "he", "she", "they",
        "we", "you", "i", "his", "her", "their", "our", "your", "my", "him", "them", "us", "me", "not", "no", "so", "than",
        "then", "there", "here", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "all", "any",
        "both", "each", "more", "most", "other", "some", "such", "only", "own", "same", "too", "very", "can", "will",
        "just", "should", "would", "could", "may", "might", "must", "shall", "do", "does", "did", "has", "have", "had",
        "having", "about", "after", "before", "over", "under", "again", "into", "out", "up", "down", "off", "also", "new",
        "says", "said", "say", "saying", "told", "according", "week", "year", "years", "day", "days", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tomorrow", "now", "one", "two",
        "while", "during", "amid", "against", "between", "through", "because", "since", "until", "while", "many", "much",
        "first", "last", "like", "get", "gets", "got", "make", "makes", "made", "take", "takes", "took", "per", "via",
        "mr", "mrs", "ms", "s", "t", "don", "didn", "doesn", "won", "isn", "aren", "wasn", "weren", "ve", "ll", "re", "d",
        "news", "report", "reports", "reported", "update", "live", "breaking", "opinion", "analysis", "watch", "video",
    };

    /// <summary>
    /// Weighted terms of the title (counted double) and the text's lead (<see cref="Embeddings.LeadText"/>: its first
    /// real paragraphs without page furniture, at most <paramref name="leadChars"/> characters). The rest of a full
    /// text is left out: it is mostly background that other events on the theme share.
    /// </summary>
    public static TermBag Terms(string title, string? text, int leadChars) => Terms(title, text, leadChars, null);

    /// <summary>
    /// As <see cref="Terms(string, string?, int)"/>, but with <paramref name="names"/> (<see cref="NamesIn"/> of the
    /// story's text) deciding which title words are names: a title line in Title Case capitalises common words too
    /// ("Plan", "Bill", "Order"), so there a word counts as a name only when the text capitalises it inside a sentence;
    /// a line in sentence case keeps its own capitals as well. Null: every title line's own capitals, as before.
    /// </summary>
    public static TermBag Terms(string title, string? text, int leadChars, IReadOnlySet<string>? names)
    {
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        if (names is null)
        {
            Add(weights, title, TitleWeight);
        }
        else
        {
            foreach (var line in title.Split('\n'))
            {
                AddTitle(weights, line, names, IsTitleCase(line));
            }
        }
        if (!string.IsNullOrEmpty(text) && leadChars > 0)
        {
            Add(weights, Embeddings.LeadText.Of(text, leadChars), 1f);
        }
        var terms = weights.Keys.ToArray();
        Array.Sort(terms, StringComparer.Ordinal);
        var w = new float[terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            w[i] = weights[terms[i]];
        }
        return new TermBag(terms, w);
    }

    /// <summary>
    /// The names, places and numbers of a whole text, for the borderline joins of grouping: each term once per
    /// occurrence, damped (1 + ln n), capitalised words inside a sentence and numbers only, page furniture left out
    /// (in a text of several lines). Empty for a text shorter than <paramref name="minChars"/>: a lead given alone
    /// adds nothing to what the lexical terms already read. At most <paramref name="maxChars"/> are read.
    /// </summary>
    public static TermBag BodyTerms(string? text, int minChars, int maxChars)
    {
        if (string.IsNullOrEmpty(text) || text.Length < minChars || maxChars <= 0)
        {
            return TermBag.Empty;
        }
        var body = text.Length <= maxChars ? text : text[..maxChars];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = body.Contains('\n', StringComparison.Ordinal);
        foreach (var raw in body.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || (lines && Embeddings.LeadText.IsFurniture(line)))
            {
                continue;
            }
            foreach (var (word, capitalised, number) in Words(line))
            {
                if (!(capitalised || number) || (word.Length < 2 && !number) || Stop.Contains(word))
                {
                    continue;
                }
                var term = number ? word : Stem(word);
                counts[term] = counts.GetValueOrDefault(term) + 1;
            }
        }
        var terms = counts.Keys.ToArray();
        Array.Sort(terms, StringComparer.Ordinal);
        var w = new float[terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            w[i] = 1f + MathF.Log(counts[terms[i]]);
        }
        return new TermBag(terms, w);
    }

    /// <summary>A piece of a run-on line is cut at a word boundary near this length, so no candidate outgrows the budget.</summary>
    private const int SentencePieceChars = 300;

    /// <summary>Sentences shorter than this are captions, fragments or datelines, not what an article says.</summary>
    private const int MinSentenceChars = 40;

    /// <summary>
    /// The sentences of a whole text, beyond what the article's embedding already read (its title and lead), that
    /// tell most what the article itself is about: those sharing the most of the title's and lead's terms (names and
    /// numbers counted more, as in a <see cref="TermBag"/>), at most <paramref name="chars"/> characters of them, put
    /// back in text order. Page furniture lines are left out (the lead's furniture rule, in a text of several lines);
    /// a line without sentence ends is cut into pieces of about 300 characters. Null when the text is shorter than
    /// <paramref name="minChars"/> (a lead, not a body) or no sentence beyond the lead shares a term with it. Reads at
    /// most <paramref name="maxChars"/> characters. A function of the article alone, so it is the same in every run.
    /// </summary>
    public static string? CentralSentences(string title, string? text, int minChars, int maxChars, int chars)
    {
        if (string.IsNullOrEmpty(text) || text.Length < minChars || maxChars <= 0 || chars <= 0)
        {
            return null;
        }
        var body = text.Length <= maxChars ? text : text[..maxChars];
        // What the article's own embedding read: those sentences are not read twice.
        var read = Embeddings.TextEmbedder.Truncate(Embeddings.EmbeddingText.Of(title, body));
        var lead = Terms(title, read, read.Length);
        var leadWeights = new Dictionary<string, float>(lead.Terms.Length, StringComparer.Ordinal);
        for (var i = 0; i < lead.Terms.Length; i++)
        {
            leadWeights[lead.Terms[i]] = lead.Weights[i];
        }
        var candidates = new List<(int Order, string Sentence, double Score)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lines = body.Contains('\n', StringComparison.Ordinal);
        foreach (var raw in body.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || (lines && Embeddings.LeadText.IsFurniture(line)))
            {
                continue;
            }
            foreach (var sentence in Sentences(line))
            {
                if (sentence.Length < MinSentenceChars || !seen.Add(sentence) || read.Contains(sentence[..Math.Min(sentence.Length, MinSentenceChars)], StringComparison.Ordinal))
                {
                    continue;
                }
                var shared = new HashSet<string>(StringComparer.Ordinal);
                var words = 0;
                double score = 0;
                foreach (var (word, _, number) in Words(sentence))
                {
                    if ((word.Length < 2 && !number) || Stop.Contains(word))
                    {
                        continue;
                    }
                    words++;
                    var term = number ? word : Stem(word);
                    if (leadWeights.TryGetValue(term, out var w) && shared.Add(term))
                    {
                        score += w;
                    }
                }
                if (score > 0)
                {
                    // Per word, so a long sentence is not taken for touching many terms once each; short ones are not favoured either.
                    candidates.Add((candidates.Count, sentence, score / Math.Sqrt(Math.Max(8, words))));
                }
            }
        }
        if (candidates.Count == 0)
        {
            return null;
        }
        var chosen = new List<(int Order, string Sentence)>();
        var used = 0;
        foreach (var c in candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Order))
        {
            var cost = c.Sentence.Length + (chosen.Count > 0 ? 1 : 0);
            if (used + cost > chars)
            {
                continue;
            }
            chosen.Add((c.Order, c.Sentence));
            used += cost;
        }
        if (chosen.Count == 0)
        {
            // Every candidate is longer than the budget: the best one, cut at a word.
            var best = candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Order).First().Sentence;
            var cut = best.LastIndexOf(' ', Math.Min(best.Length - 1, chars));
            return best[..(cut > chars / 2 ? cut : Math.Min(best.Length, chars))];
        }
        return string.Join(' ', chosen.OrderBy(c => c.Order).Select(c => c.Sentence));
    }

    /// <summary>The sentences of one line: split after '.', '!', '?' or '…' before a space; a run-on stretch is cut into pieces at words.</summary>
    private static IEnumerable<string> Sentences(string line)
    {
        var start = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var end = line[i] is '.' or '!' or '?' or '\u2026' && (i + 1 == line.Length || char.IsWhiteSpace(line[i + 1]));
            if (!end && i + 1 < line.Length && i - start < SentencePieceChars)
            {
                continue;
            }
            if (!end && i + 1 < line.Length)
            {
                // A stretch without a sentence end: cut at the last space of the piece.
                var space = line.LastIndexOf(' ', i, i - start);
                if (space > start)
                {
                    i = space;
                }
            }
            var piece = line[start..(i + 1)].Trim();
            if (piece.Length > 0)
            {
                yield return piece;
            }
            start = i + 1;
        }
    }

    /// <summary>Whether a lowercased word is a function word or news boilerplate, which says nothing about an event.</summary>
    internal static bool IsStopWord(string word) => Stop.Contains(word);

    /// <summary>A key equal for the same headline however it is cased or punctuated; null when the headline is too short to be telling.</summary>
    public static string? DuplicateKey(string title)
    {
        var words = new List<string>();
        foreach (var (word, _, _) in Words(title))
        {
            words.Add(word);
        }
        return words.Count >= 5 ? string.Join(' ', words) : null;
    }

    /// <summary>
    /// The weekday that the start of an article gives its news ("… said on Thursday"): the first weekday named in the
    /// title and the first <paramref name="chars"/> characters of title and text together; null when none is named.
    /// </summary>
    public static DayOfWeek? NewsWeekday(string title, string? text, int chars)
    {
        if (chars <= 0)
        {
            return null;
        }
        // Only the start is read, so only the start is copied: a text may be megabytes long.
        var head = (title.Length <= chars ? title : title[..chars]) + (string.IsNullOrEmpty(text) ? "" : "\n" + (text.Length <= chars ? text : text[..chars]));
        var match = WeekdayName().Match(head, 0, Math.Min(chars, head.Length));
        return match.Success ? Enum.Parse<DayOfWeek>(match.Value, ignoreCase: true) : null;
    }

    /// <summary>
    /// The day (days since 1970-01-01, UTC) that a weekday named by an article published at <paramref name="timeMs"/>
    /// stands for: the latest such day on or before the article's own. A report the morning after ("on Thursday") keeps
    /// the event's day; a preview ("will vote Friday") falls on the Friday before, apart from the day's outcome.
    /// </summary>
    public static long NewsDay(long timeMs, DayOfWeek weekday)
    {
        var day = Math.DivRem(timeMs, 86_400_000L, out var rest);
        if (rest < 0)
        {
            day--;
        }
        // 1970-01-01 was a Thursday.
        var dow = (int)((day % 7 + 7 + (int)DayOfWeek.Thursday) % 7);
        return day - ((dow - (int)weekday + 7) % 7);
    }

    /// <summary>A weekday's name, unless it is part of a named day ("Super Tuesday", "Black Friday", "Easter Sunday"), which dates no news.</summary>
    [GeneratedRegex(@"(?<!\b(?:Super|Black|Cyber|Good|Ash|Easter|Palm|Bloody|Giving|Holy|Maundy|Shrove|Fat|Small Business)\s+)\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WeekdayName();

    /// <summary>Characters of a text <see cref="NamesIn"/> reads at most: a lead is what it is for, a huge text is cut.</summary>
    public const int NameChars = 4000;

    /// <summary>
    /// The terms (stemmed as in a <see cref="TermBag"/>) that <paramref name="text"/> writes capitalised inside a
    /// sentence: the words a story's own text treats as names. Reads at most <see cref="NameChars"/> characters.
    /// </summary>
    public static HashSet<string> NamesIn(string? text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text))
        {
            return names;
        }
        foreach (var (word, capitalised, number) in Words(text.Length <= NameChars ? text : text[..NameChars]))
        {
            if (capitalised && !number && word.Length >= 2 && !Stop.Contains(word))
            {
                names.Add(Stem(word));
            }
        }
        return names;
    }

    /// <summary>
    /// Whether a title capitalises its common words (Title Case, or all capitals): at least two of its words of four
    /// letters or more after the first, function words aside, and at most one in five of them lowercase.
    /// </summary>
    public static bool IsTitleCase(string title)
    {
        int upper = 0, lower = 0;
        var first = true;
        foreach (var token in title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var start = 0;
            while (start < token.Length && !char.IsLetterOrDigit(token[start]))
            {
                start++;
            }
            if (start == token.Length)
            {
                continue;
            }
            var word = token[start..];
            var letters = word.Count(char.IsLetter);
            var isFirst = first;
            first = false;
            if (isFirst || letters < 4 || !char.IsLetter(word[0]) || Stop.Contains(word.TrimEnd('.', ',', ':', ';', '!', '?', '"', '\'', '\u2019', '\u201D').ToLowerInvariant()))
            {
                continue;
            }
            if (char.IsUpper(word[0]))
            {
                upper++;
            }
            else
            {
                lower++;
            }
        }
        return upper + lower >= 2 && lower * 5 <= upper + lower;
    }

    /// <summary>A title line's terms, its names told by <paramref name="names"/> (and by its own capitals when it is not in Title Case).</summary>
    private static void AddTitle(Dictionary<string, float> weights, string line, IReadOnlySet<string> names, bool titleCase)
    {
        foreach (var (word, capitalised, number) in Words(line))
        {
            if ((word.Length < 2 && !number) || Stop.Contains(word))
            {
                continue;
            }
            var term = number ? word : Stem(word);
            var name = names.Contains(term) || (capitalised && !titleCase);
            weights[term] = weights.GetValueOrDefault(term) + TitleWeight * (number ? NumberBoost : name ? NameBoost : 1f);
        }
    }

    private static void Add(Dictionary<string, float> weights, string text, float weight)
    {
        foreach (var (word, capitalised, number) in Words(text))
        {
            if (word.Length < 2 && !number)
            {
                continue;
            }
            if (Stop.Contains(word))
            {
                continue;
            }
            var w = weight * (number ? NumberBoost : capitalised ? NameBoost : 1f);
            var term = number ? word : Stem(word);
            weights[term] = weights.GetValueOrDefault(term) + w;
        }
    }

    /// <summary>A light stemmer: plural and possessive endings only, so "vaccines" meets "vaccine".</summary>
    private static string Stem(string w)
    {
        if (w.Length > 4 && w.EndsWith("ies", StringComparison.Ordinal))
        {
            return w[..^3] + "y";
        }
        if (w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal))
        {
            return w[..^1];
        }
        return w;
    }

    /// <summary>
    /// Lowercased words with whether they were capitalised away from the start of a sentence (a name) and whether
    /// they are numbers ("1,200" and "$1.2" become "1200" and "1.2").
    /// </summary>
    internal static IEnumerable<(string Word, bool Capitalised, bool Number)> Words(string text)
    {
        var sb = new StringBuilder();
        var sentenceStart = true;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                sb.Clear();
                var first = c;
                var hasDigit = false;
                var hasLetter = false;
                while (i < text.Length)
                {
                    c = text[i];
                    if (char.IsLetterOrDigit(c))
                    {
                        hasDigit |= char.IsDigit(c);
                        hasLetter |= char.IsLetter(c);
                        sb.Append(char.ToLowerInvariant(c));
                        i++;
                    }
                    else if ((c == ',' || c == '.') && hasDigit && !hasLetter && i + 1 < text.Length && char.IsDigit(text[i + 1]))
                    {
                        if (c == '.')
                        {
                            sb.Append('.');
                        }
                        i++;
                    }
                    else if ((c == '\'' || c == '\u2019') && i + 1 < text.Length && (text[i + 1] == 's' || text[i + 1] == 'S')
                        && (i + 2 >= text.Length || !char.IsLetterOrDigit(text[i + 2])))
                    {
                        i += 2;
                        break;
                    }
                    else if ((c == '-' || c == '\'' || c == '\u2019') && i + 1 < text.Length && char.IsLetter(text[i + 1]) && hasLetter)
                    {
                        // hyphenated and contracted words stay one term ("covid-19" splits at the digit below)
                        i++;
                    }
                    else
                    {
                        break;
                    }
                }
                var word = sb.ToString();
                var number = hasDigit && !hasLetter;
                var capitalised = !sentenceStart && char.IsUpper(first);
                yield return (word, capitalised, number);
                sentenceStart = false;
                continue;
            }
            if (c is '.' or '!' or '?' or ':' or '\n' or '"' or '\u201C' or '\u2018' or '\'')
            {
                sentenceStart = true;
            }
            i++;
        }
    }
}
