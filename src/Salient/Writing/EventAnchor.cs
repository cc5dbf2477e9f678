using System.Text.RegularExpressions;

namespace Salient.Writing;

/// <summary>
/// Whether a sentence is about the story's own event, not only its theme. <see cref="Relevance"/> lets through a
/// sentence that shares words or a vector direction with the story; a page's filler, a "related" teaser or a background
/// paragraph about another event of the same kind (another state's audit, another storm, another company's results)
/// does. The story's <em>core</em> is what its reports agree on: the words at least two of its headlines share, the
/// title's words, the names and numbers of any headline, and the names and numbers found in at least two of its
/// articles (headline, feed description or lead). Judged sentence by sentence, in each article's order:
/// <list type="bullet">
/// <item>Not <see cref="Verdict.Anchored"/>: it shares no term with the core, is not the lead of an article whose headline
/// shares a word with the title, is not a sentence leaning on the one before it ("He said …", "But …") after a
/// sentence that was anchored, and does not go on from the sentence before it (a sentence naming nothing the story never
/// mentions, after one that passed on its own, that shares a term with it or states a figure) nor repeat a figure the
/// story states elsewhere. It is never used.</item>
/// <item><see cref="Verdict.Strangers"/>: it names more people, places or bodies the story never mentions (in its
/// headlines, descriptions, other articles or its own article before it) than ones it does (numbers the story states
/// count with them): "Hurricane Nicholas brought heavy rain to Texas" in a story on Ida in Louisiana. It is left out
/// while the story's other sentences make up <see cref="WritingOptions.MinWords"/>; short of it, one naming a single
/// stranger (<see cref="MaxStrangers"/>) may be used, one naming more never.</item>
/// </list>
/// A name is a capitalised word the story never writes in lower case ("Nicholas", "Texas"; not "Hurricane" when the
/// story says "the hurricane"); a run of them ("Maricopa County") is one name, known when any of its words is and
/// strange when any is not.
/// </summary>
internal sealed partial class EventAnchor
{
    /// <summary>
    /// A sentence's verdict: whether it shares the story's core (else it is never used), and how many more things it
    /// names that the story never mentions than things it does (0 when no more).
    /// </summary>
    public readonly record struct Verdict(bool Anchored, int Strangers);

    /// <summary>The most strangers a sentence may name (<see cref="Verdict.Strangers"/>) to be used when the story's own sentences fall short of the minimum length.</summary>
    public const int MaxStrangers = 1;

    private readonly HashSet<string> _core;
    private readonly HashSet<string> _lowercase;
    private readonly HashSet<int> _leadArticles;
    private readonly HashSet<string> _shared;
    private readonly HashSet<string>[] _own;
    private readonly Dictionary<string, int> _textCount;
    private readonly HashSet<string>[] _textWords;

    private EventAnchor(HashSet<string> core, HashSet<string> lowercase, HashSet<int> leadArticles, HashSet<string> shared, HashSet<string>[] textWords)
    {
        _core = core;
        _lowercase = lowercase;
        _leadArticles = leadArticles;
        _shared = shared;
        _textWords = textWords;
        _own = textWords.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
        _textCount = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var set in textWords)
        {
            foreach (var w in set)
            {
                _textCount[w] = _textCount.GetValueOrDefault(w) + 1;
            }
        }
    }

    /// <summary>The anchor of a story of these articles, written under <paramref name="title"/>.</summary>
    public static EventAnchor Of(IReadOnlyList<SourceArticle> articles, string title)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var lowercase = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in articles)
        {
            foreach (var text in new[] { a.Title, a.Description, a.Text })
            {
                foreach (Match m in Word().Matches(text ?? ""))
                {
                    if (char.IsLower(m.Value[0]))
                    {
                        lowercase.UnionWith(Terms(m.Value));
                    }
                }
            }
        }

        var core = new HashSet<string>(StringComparer.Ordinal);
        var headCount = new Dictionary<string, int>(StringComparer.Ordinal);
        var leadCount = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in articles)
        {
            var head = Terms(a.Title);
            foreach (var w in head)
            {
                headCount[w] = headCount.GetValueOrDefault(w) + 1;
                if (!lowercase.Contains(w))
                {
                    core.Add(w); // a headline's names and numbers
                }
            }
            var lead = Terms($"{a.Title} {a.Description} {(a.Text is { Length: > Relevance.LeadChars } t ? t[..Relevance.LeadChars] : a.Text)}");
            foreach (var w in lead.Where(w => !lowercase.Contains(w)))
            {
                leadCount[w] = leadCount.GetValueOrDefault(w) + 1;
            }
        }
        core.UnionWith(headCount.Where(kv => kv.Value >= 2).Select(kv => kv.Key));
        core.UnionWith(leadCount.Where(kv => kv.Value >= 2).Select(kv => kv.Key));
        var titleTerms = Terms(title);
        core.UnionWith(titleTerms);

        var leadArticles = new HashSet<int>();
        var shared = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < articles.Count; i++)
        {
            var head = Terms(articles[i].Title);
            if (head.Overlaps(titleTerms))
            {
                leadArticles.Add(i);
            }
            shared.UnionWith(head);
            shared.UnionWith(Terms(articles[i].Description));
        }
        var textWords = articles.Select(a => Terms(a.Text)).ToArray();
        return new EventAnchor(core, lowercase, leadArticles, shared, textWords);
    }

    /// <summary>
    /// The verdicts on a story's sentences, given in each article's order (<paramref name="position"/> 0 is the
    /// article's first sentence).
    /// </summary>
    public Verdict[] Judge<T>(IReadOnlyList<T> sentences, Func<T, string> text, Func<T, int> article, Func<T, int> position)
    {
        var verdicts = new Verdict[sentences.Count];
        var previous = new Dictionary<int, (Verdict Verdict, HashSet<string> Terms, bool OnItsOwn)>();
        for (var i = 0; i < sentences.Count; i++)
        {
            var s = text(sentences[i]);
            var a = article(sentences[i]);
            var terms = Terms(s);
            var before = previous.TryGetValue(a, out var p) ? p : ((Verdict Verdict, HashSet<string> Terms, bool OnItsOwn)?)null;
            // On its own: it shares the core, opens an article on the story, or leans on a sentence that passed on its own.
            var leans = TextCleaner.ContinuesSentenceBefore(s) && before is { Verdict.Anchored: true };
            var onItsOwn = terms.Overlaps(_core)
                || (position(sentences[i]) == 0 && _leadArticles.Contains(a))
                || (leans && before is { OnItsOwn: true });
            var anchored = onItsOwn || leans || (NamesOnlyKnown(s, a) && (FollowsOn(terms, before) || StatesOwnFigure(s, a)));
            verdicts[i] = new Verdict(anchored, anchored ? Strangers(s, a) : 0);
            previous[a] = (verdicts[i], terms, onItsOwn);
            if (a >= 0 && a < _own.Length)
            {
                _own[a].UnionWith(terms);
            }
        }
        return verdicts;
    }

    /// <summary>
    /// Whether a sentence goes on from the one before it in its article: that one passed on its own (it shares the core,
    /// opens an article on the story or leans on a sentence that did, and names no stranger), and this one shares a term
    /// with it ("… to pass a measure giving workers paid leave." / "The measure now heads to the governor's desk.") or
    /// states a figure ("The unemployment rate fell to 5.4% from 5.9%."). A sentence let in this way vouches for no other.
    /// </summary>
    private static bool FollowsOn(HashSet<string> terms, (Verdict Verdict, HashSet<string> Terms, bool OnItsOwn)? before) =>
        before is { OnItsOwn: true, Verdict: { Anchored: true, Strangers: 0 } } b
        && (terms.Overlaps(b.Terms) || terms.Any(t => t.Any(char.IsDigit)));

    /// <summary>Whether the sentence states a figure of two digits or more that the story states elsewhere (<see cref="Known"/>): "The vote was 52-48." where another report gave 52 to 48.</summary>
    private bool StatesOwnFigure(string sentence, int article) =>
        Number().Matches(sentence).Select(m => m.Value.Replace(",", "", StringComparison.Ordinal)).Any(n => n.Count(char.IsDigit) >= 2 && Known(n, article));

    /// <summary>Whether every name the sentence gives is one the story mentions (<see cref="Known"/>), so that it names no stranger.</summary>
    private bool NamesOnlyKnown(string sentence, int article) => Names(sentence).All(name => name.All(w => Known(w, article)));

    /// <summary>
    /// How many more things the sentence names that the story never mentions than things it does (numbers the story
    /// states count with the latter); a name with words of both kinds ("Ethiopian Airlines Boeing") counts on both sides.
    /// </summary>
    private int Strangers(string sentence, int article)
    {
        var unknown = 0;
        var known = 0;
        foreach (var name in Names(sentence))
        {
            var isKnown = name.Any(w => Known(w, article));
            known += isKnown ? 1 : 0;
            unknown += !isKnown || name.Any(w => !Known(w, article)) ? 1 : 0;
        }
        foreach (Match m in Number().Matches(sentence))
        {
            if (Known(m.Value.Replace(",", "", StringComparison.Ordinal), article))
            {
                known++;
            }
        }
        return Math.Max(0, unknown - known);
    }

    /// <summary>Whether the story mentions the term anywhere but in this sentence: a headline, a description, another article, or its own article before it.</summary>
    private bool Known(string term, int article)
    {
        if (_shared.Contains(term) || (article >= 0 && article < _own.Length && _own[article].Contains(term)))
        {
            return true;
        }
        var inOwn = article >= 0 && article < _textWords.Length && _textWords[article].Contains(term) ? 1 : 0;
        return _textCount.GetValueOrDefault(term) - inOwn > 0;
    }

    /// <summary>The names of a sentence: runs of capitalised words (a full stop after an abbreviation does not end one), each as the words the story never writes in lower case.</summary>
    private IEnumerable<List<string>> Names(string sentence)
    {
        var run = new List<string>();
        var end = -1;
        foreach (Match m in Word().Matches(sentence))
        {
            var gap = end < 0 ? "" : sentence[end..m.Index];
            if (run.Count > 0 && (!char.IsUpper(m.Value[0]) || gap.Any(c => !char.IsWhiteSpace(c) && c != '.')))
            {
                yield return run;
                run = [];
            }
            if (char.IsUpper(m.Value[0]) && !(m.Index == 0 && TextCleaner.ContinuesSentenceBefore(sentence)))
            {
                run.AddRange(Terms(m.Value).Where(w => !_lowercase.Contains(w) && !Calendar.Contains(w) && !w.Any(char.IsDigit)));
            }
            end = m.Index + m.Length;
        }
        if (run.Count > 0)
        {
            yield return run;
        }
    }

    /// <summary>A text's content words (<see cref="SummaryChecks.ContentWords"/>) and its numbers, commas dropped ("12,284" is "12284").</summary>
    private static HashSet<string> Terms(string? text)
    {
        var terms = SummaryChecks.ContentWords(text);
        terms.RemoveWhere(w => w.All(char.IsDigit));
        foreach (Match m in Number().Matches(text ?? ""))
        {
            terms.Add(m.Value.Replace(",", "", StringComparison.Ordinal));
        }
        return terms;
    }

    private static readonly HashSet<string> Calendar = new(StringComparer.Ordinal)
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mr", "mrs", "ms", "dr",
    };

    [GeneratedRegex(@"[\p{L}\p{M}][\p{L}\p{M}\d]*(?:['’\-][\p{L}\p{M}\d]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"(?<![\d.,])\d+(?:[.,]\d+)*(?![\d])", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
