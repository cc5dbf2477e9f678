using Salient.Embeddings;
using Salient.Sources;

namespace Salient.Writing;

/// <summary>
/// The offline writer. The title is the best of the articles' own headlines, cleaned; the summary is
/// extractive: sentences are scored by closeness to the story's centroid, support from the other outlets,
/// position in their article (a lead bias) and the outlet's tier, then chosen by maximal marginal relevance
/// until the length target is met. Every summary sentence is a cleaned sentence of one source article.
/// </summary>
internal sealed class ExtractiveWriter
{
    private readonly Func<IReadOnlyList<string>, CancellationToken, float[][]> _embed;
    private readonly WritingOptions options;

    public ExtractiveWriter(TextEmbedder embedder, WritingOptions options)
        : this((texts, ct) => embedder.Embed(texts, ct), options)
    {
    }

    /// <summary>With another source of unit sentence vectors (a cache, in evaluation).</summary>
    public ExtractiveWriter(Func<IReadOnlyList<string>, CancellationToken, float[][]> embed, WritingOptions options)
    {
        ArgumentNullException.ThrowIfNull(embed);
        ArgumentNullException.ThrowIfNull(options);
        _embed = embed;
        this.options = options;
    }

    private sealed record Candidate(string Text, int Article, int Position, int Words)
    {
        public float[] Vector { get; set; } = [];
        public double Score { get; set; }

        /// <summary>Whether it is about the story's own event (<see cref="EventAnchor"/>); anchored when the refusal is off.</summary>
        public EventAnchor.Verdict Anchor { get; set; } = new(true, 0);

        /// <summary>Its content words and the numbers it states, for <see cref="SummaryChecks"/>.</summary>
        public HashSet<string> ContentWords { get; } = SummaryChecks.ContentWords(Text);
        public List<SummaryChecks.Quantity> Quantities { get; } = SummaryChecks.Quantities(Text);
        public int Direction { get; } = SummaryChecks.Direction(Text);
        public SummaryChecks.Deaths Deaths { get; } = SummaryChecks.Deaths.Of(Text);
    }

    public WrittenStory Write(IReadOnlyList<SourceArticle> articles, CancellationToken ct = default) =>
        Write(articles, options.SentenceVectors, ct);

    /// <summary>
    /// Writes with sentence vectors of the given kind: <see cref="SentenceVectorKinds.Model"/> (MiniLM, through the
    /// vector source this writer was made with) or <see cref="SentenceVectorKinds.Words"/> (<see cref="WordVectors"/>).
    /// </summary>
    public WrittenStory Write(IReadOnlyList<SourceArticle> articles, string sentenceVectors, CancellationToken ct = default)
    {
        Func<IReadOnlyList<string>, CancellationToken, float[][]> embed = SentenceVectorKinds.IsWords(sentenceVectors) ? WordVectors.Of : _embed;
        ArgumentNullException.ThrowIfNull(articles);
        articles = SourceArticle.AsPlainText(articles);
        if (articles.Count == 0)
        {
            throw new ArgumentException("a story needs at least one article", nameof(articles));
        }
        if (articles.Count == 1 && options.SingleArticleLead)
        {
            return WriteLead(articles[0]);
        }
        var tiers = articles.Select(a => a.Tier ?? OutletRegistry.Default.TierOf(a.Source, a.Url)).ToArray();
        var used = ChooseArticles(articles, tiers, embed, ct);

        var candidates = new List<Candidate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in used)
        {
            var position = 0;
            foreach (var raw in TextCleaner.SplitSentences(articles[a].Text).Take(options.MaxSentencesPerArticle * 2))
            {
                if (position >= options.MaxSentencesPerArticle)
                {
                    break;
                }
                var clean = TextCleaner.CleanSentence(raw);
                if (clean is null)
                {
                    continue;
                }
                var key = string.Join(' ', TextCleaner.Tokens(clean));
                if (!seen.Add(key))
                {
                    continue;
                }
                candidates.Add(new Candidate(clean, a, position, TextCleaner.CountWords(clean)));
                position++;
            }
        }
        // A summary speaks in no one's voice: a column's first-person sentences are left out while the story has others.
        if (candidates.Exists(c => !TextCleaner.SpeaksInFirstPerson(c.Text)))
        {
            candidates.RemoveAll(c => TextCleaner.SpeaksInFirstPerson(c.Text));
        }

        var casing = StoryCasing(articles, used);
        var titles = used.Select(a => (Article: a, Raw: articles[a].Title ?? "", Clean: Headlines.Clean(articles[a].Title, articles[a].Source, CasingContext(articles[a].Text, casing))))
            .Where(t => t.Clean.Length > 0).ToList();

        var texts = candidates.Select(c => c.Text).Concat(titles.Select(t => t.Clean)).ToList();
        var vectors = texts.Count == 0 ? [] : embed(texts, ct);
        for (var i = 0; i < candidates.Count; i++)
        {
            candidates[i].Vector = vectors[i];
        }
        var titleVectors = vectors.Skip(candidates.Count).ToArray();

        // Each article counts once in the centroid, however long it is.
        var byArticle = new Dictionary<int, List<float[]>>();
        foreach (var c in candidates)
        {
            Add(byArticle, c.Article, c.Vector);
        }
        for (var i = 0; i < titles.Count; i++)
        {
            Add(byArticle, titles[i].Article, titleVectors[i]);
        }
        var centroid = new float[vectors.Length > 0 ? vectors[0].Length : TextEmbedder.Dimensions];
        foreach (var list in byArticle.Values)
        {
            AddInto(centroid, Normalised(Mean(list)));
        }
        centroid = Normalised(centroid);

        var shared = SharedWords(articles, used);
        foreach (var c in candidates)
        {
            c.Score = options.CentroidWeight * TextEmbedder.Dot(c.Vector, centroid)
                + options.LexicalWeight * Lexical(c.Text, c.Article, shared, used.Count)
                + options.SupportWeight * Support(c.Vector, c.Article, byArticle)
                + options.LeadWeight / (1 + c.Position)
                + options.TierWeight * TierValue(tiers[c.Article])
                - LengthPenalty(c.Words);
        }

        var (title, titleArticle, titleVector) = ChooseTitle(articles, titles, titleVectors, tiers, centroid, byArticle, candidates, shared, used.Count);
        var refused = 0;
        if (options.RefuseUnrelated)
        {
            // Judged on every sentence in its article's order before any is refused, so that a sentence's own article
            // before it, and the sentence before a pronoun, are what the page says.
            var verdicts = EventAnchor.Of(articles, title).Judge(candidates, c => c.Text, c => c.Article, c => c.Position);
            for (var i = 0; i < candidates.Count; i++)
            {
                candidates[i].Anchor = verdicts[i];
            }
            var relevance = Relevance.Of(articles);
            refused = candidates.RemoveAll(c => !relevance.IsRelated(c.Text, c.Article, TextEmbedder.Dot(c.Vector, centroid)));
            refused += candidates.RemoveAll(c => !c.Anchor.Anchored);
        }
        if (options.CheckFacts)
        {
            DropSuperseded(candidates, articles);
            if (options.SetAsideOutdatedPreviews)
            {
                DropOutdatedPreviews(candidates, articles, titleArticle, title);
            }
        }
        var titleFacts = new TitleFacts(SummaryChecks.ContentWords(title), SummaryChecks.Quantities(title), SummaryChecks.Direction(title));
        // A sentence that names people and places the story never mentions (another storm, another company) is left out
        // while the story's own sentences make up the minimum length; short of it, one naming a single stranger may be let
        // in, never one naming more (another event's actors and places).
        // The title's fact is told once; only when the story's own sentences fall short of the minimum without a second
        // telling of it is one let in, before any sentence naming a stranger.
        var strangeness = 0;
        var picked = Select(candidates.Where(c => c.Anchor.Strangers <= strangeness).ToList(), titleVector, titleFacts with { TellOnce = true });
        if (picked.Sum(c => c.Words) < options.MinWords)
        {
            picked = Select(candidates.Where(c => c.Anchor.Strangers <= strangeness).ToList(), titleVector, titleFacts);
        }
        while (picked.Sum(c => c.Words) < options.MinWords && candidates.Where(c => c.Anchor.Strangers > strangeness).Select(c => c.Anchor.Strangers).DefaultIfEmpty().Min() is var next && next > strangeness && next <= EventAnchor.MaxStrangers)
        {
            strangeness = next;
            picked = Select(candidates.Where(c => c.Anchor.Strangers <= strangeness).ToList(), titleVector, titleFacts);
        }
        refused += candidates.Count(c => c.Anchor.Strangers > strangeness);
        var chosen = StandaloneFirst(TitleFactFirst(picked, titleFacts.Words, titleVector)).Select(c => new SummarySentence(c.Text, c.Article)).ToList();
        if (chosen.Count == 0)
        {
            Fallback(articles, used, titleArticle, title, refused, chosen);
        }
        return new WrittenStory(title, titleArticle, chosen, WrittenStory.Extractive) { Refused = refused };
    }

    /// <summary>
    /// The summary when no sentence was chosen: the opening words of the best article (<see cref="Excerpt"/>); but when
    /// sentences were refused as unrelated, the text is not to be trusted (its opening words would carry them), so the
    /// feed's description of the title's article (then of the others), else the title alone.
    /// </summary>
    private void Fallback(IReadOnlyList<SourceArticle> articles, List<int> used, int titleArticle, string title, int refused, List<SummarySentence> chosen)
    {
        if (refused == 0 || !options.RefuseUnrelated)
        {
            if (Excerpt(articles, used, titleArticle, title) is { } excerpt)
            {
                chosen.Add(excerpt);
            }
            return;
        }
        var order = titleArticle >= 0 ? used.Where(a => a == titleArticle).Concat(used.Where(a => a != titleArticle)) : used;
        foreach (var a in order)
        {
            var description = TextCleaner.Normalise(articles[a].Description);
            if (description.Length > 0 && !string.Equals(description.TrimEnd('.', ' '), title.TrimEnd('.', ' '), StringComparison.OrdinalIgnoreCase))
            {
                chosen.Add(new SummarySentence(TextCleaner.CountWords(description) <= options.MaxWords ? description : TextCleaner.Opening(description, options.TargetWords).Text + "…", a));
                return;
            }
        }
        chosen.Add(new SummarySentence(title.TrimEnd() is var t && t.EndsWith('.') ? t : t + ".", Math.Max(0, titleArticle)));
    }

    /// <summary>
    /// A one-article story: its cleaned headline (or, when the headline asks or teases, its first short sentence),
    /// and its opening sentences in order until the summary reaches the minimum length, then each next one only while
    /// it brings the length closer to the target; a sentence that repeats the title or an earlier sentence is passed
    /// over. No sentence vectors: with one article there is no centre to measure against, and news says what matters
    /// first.
    /// </summary>
    private WrittenStory WriteLead(SourceArticle article)
    {
        var sentences = new List<(string Text, int Words, HashSet<string> Tokens)>();
        foreach (var raw in TextCleaner.SplitSentences(article.Text).Take(options.MaxSentencesPerArticle * 2))
        {
            if (sentences.Count >= options.MaxSentencesPerArticle)
            {
                break;
            }
            if (TextCleaner.CleanSentence(raw) is not { } clean)
            {
                continue;
            }
            var tokens = TextCleaner.Tokens(clean).Where(t => !Stopwords.Contains(t)).ToHashSet(StringComparer.Ordinal);
            if (sentences.Any(s => Overlap(s.Tokens, tokens) >= 0.8))
            {
                continue;
            }
            sentences.Add((clean, TextCleaner.CountWords(clean), tokens));
        }
        if (sentences.Exists(s => !TextCleaner.SpeaksInFirstPerson(s.Text)))
        {
            sentences.RemoveAll(s => TextCleaner.SpeaksInFirstPerson(s.Text));
        }
        var headline = Headlines.Clean(article.Title, article.Source, article.Text);
        string title;
        if (headline.Length > 0 && !Headlines.IsQuestionOrTeaser(article.Title ?? ""))
        {
            title = headline;
        }
        else if (SummaryChecks.ContentWords(article.Title) is var named && sentences.FirstOrDefault(s => s.Words <= 25 && NamesAnyOf(s.Text, named)) is { Text: not null } first)
        {
            title = first.Text.TrimEnd('.');
        }
        else
        {
            title = headline.Length > 0 ? Headlines.Unasked(headline) : "Untitled story";
        }
        var refused = 0;
        if (options.RefuseUnrelated)
        {
            var relevance = Relevance.Of([article]);
            // With only a title to go by, a lead in other words than the title would be refused and take every sentence
            // after it along. A text of which some sentence plainly reads as the title's is an article: its first
            // sentence is taken as related, and a later one needs only one word in common with the title or the
            // sentences before it. A list or a comment thread, none of whose lines reads as the title's, is taken for nothing.
            var isArticle = sentences.Count > 0 && sentences.Any(s => relevance.Reads(s.Text, 0));
            if (isArticle)
            {
                relevance.Accept(sentences[0].Text, 0);
            }
            refused = sentences.RemoveAll(s => !relevance.IsRelated(s.Text, 0, lenient: isArticle));
        }
        var titleTokens = TextCleaner.Tokens(title).Where(t => !Stopwords.Contains(t)).ToHashSet(StringComparer.Ordinal);
        var titleQuantities = SummaryChecks.Quantities(title);
        var titleWords = SummaryChecks.ContentWords(title);
        var titleDirection = SummaryChecks.Direction(title);
        var chosen = new List<SummarySentence>();
        var kept = new List<(HashSet<string> Words, List<SummaryChecks.Quantity> Quantities, int Direction)>();
        var words = 0;
        foreach (var s in sentences)
        {
            if (words + s.Words > options.MaxWords || Overlap(s.Tokens, titleTokens) >= 0.8)
            {
                continue;
            }
            var content = SummaryChecks.ContentWords(s.Text);
            var quantities = SummaryChecks.Quantities(s.Text);
            var direction = SummaryChecks.Direction(s.Text);
            if (options.CheckFacts && (SummaryChecks.Disagrees(quantities, titleQuantities) || SummaryChecks.Opposes(content, direction, titleWords, titleDirection)
                || kept.Any(k => SummaryChecks.Restates(content, quantities, k.Words, k.Quantities) || SummaryChecks.Disagrees(quantities, k.Quantities)
                    || SummaryChecks.Opposes(content, direction, k.Words, k.Direction))))
            {
                continue;
            }
            if (words >= options.MinWords && Math.Abs(words + s.Words - options.TargetWords) >= Math.Abs(words - options.TargetWords))
            {
                break;
            }
            chosen.Add(new SummarySentence(s.Text, 0));
            kept.Add((content, quantities, direction));
            words += s.Words;
        }
        if (chosen.Count == 0)
        {
            Fallback([article], [0], 0, title, refused, chosen);
        }
        return new WrittenStory(title, 0, chosen, WrittenStory.Extractive) { Refused = refused };
    }

    /// <summary>The share of the smaller set's words that the other set has too.</summary>
    private static double Overlap(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        return (double)small.Count(large.Contains) / small.Count;
    }

    /// <summary>
    /// When no sentence qualifies (a text with no full stops, only questions or fragments), the opening words of
    /// the best article's text, cut at a word and marked as cut: a summary still, and still from a source.
    /// </summary>
    private SummarySentence? Excerpt(IReadOnlyList<SourceArticle> articles, List<int> used, int titleArticle, string title)
    {
        var order = titleArticle >= 0 ? used.Where(a => a == titleArticle).Concat(used.Where(a => a != titleArticle)) : used;
        foreach (var a in order)
        {
            var text = TextCleaner.Normalise(articles[a].Text);
            if (TextCleaner.CountWords(text) < 5 || string.Equals(text.TrimEnd('.', ' '), title.TrimEnd('.', ' '), StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var (opening, cut) = TextCleaner.Opening(text, options.TargetWords);
            return new SummarySentence(cut ? opening + "…" : text, a);
        }
        return null;
    }

    /// <summary>
    /// How the story's words are written beyond one article: the texts of the articles the writer reads (their first
    /// <see cref="CasingChars"/> characters each) and their headlines that are not in Title Case, one per line. A Title
    /// Case headline is put in sentence case from the words' capitals in this text as well as its own article's, so a
    /// word its own article never uses ("Might", "Parade") does not keep the whole headline in Title Case.
    /// </summary>
    private static string StoryCasing(IReadOnlyList<SourceArticle> articles, List<int> used)
    {
        if (used.Count < 2)
        {
            return "";
        }
        var b = new System.Text.StringBuilder();
        foreach (var a in used)
        {
            var title = articles[a].Title;
            if (!string.IsNullOrWhiteSpace(title) && !Stories.StoryText.IsTitleCase(title))
            {
                b.Append(title.Trim()).Append(".\n\n");
            }
        }
        foreach (var a in used)
        {
            var text = articles[a].Text;
            if (!string.IsNullOrWhiteSpace(text))
            {
                // Each text ends as a sentence does, so the next one's first word is read as a sentence's first.
                b.Append(text.AsSpan(0, Math.Min(text.Length, CasingChars))).Append(".\n\n");
            }
        }
        return b.ToString();
    }

    private const int CasingChars = 3000;

    /// <summary>The article's own text, then the story's (<see cref="StoryCasing"/>), for putting its headline in sentence case.</summary>
    private static string? CasingContext(string? own, string casing) =>
        casing.Length == 0 ? own : string.IsNullOrWhiteSpace(own) ? casing : own + ".\n\n" + casing;

    /// <summary>For a large story, the articles closest to its centre, better tiers first among equals.</summary>
    private List<int> ChooseArticles(IReadOnlyList<SourceArticle> articles, int[] tiers, Func<IReadOnlyList<string>, CancellationToken, float[][]> embed, CancellationToken ct)
    {
        var all = Enumerable.Range(0, articles.Count).ToList();
        if (articles.Count <= options.MaxArticles)
        {
            return all;
        }
        var leads = articles.Select(a => $"{a.Title}. {a.Text}").ToList();
        var v = embed(leads, ct);
        var c = new float[v[0].Length];
        foreach (var x in v)
        {
            AddInto(c, x);
        }
        c = Normalised(c);
        // The newest articles are read whatever their distance from the centre, which the first reports' bulk sets.
        var newest = all.Where(i => articles[i].Published is not null)
            .OrderByDescending(i => articles[i].Published).ThenByDescending(i => i).Take(options.NewestArticles).ToHashSet();
        return newest.Concat(all.Where(i => !newest.Contains(i)).OrderByDescending(i => TextEmbedder.Dot(v[i], c) + 0.05 * TierValue(tiers[i])))
            .Take(options.MaxArticles).Order().ToList();
    }

    /// <summary>
    /// The headlines (indices into <paramref name="titles"/>) that a newer article's headline contradicts (<see cref="Superseded"/>),
    /// and, with <paramref name="previews"/>, those that looked ahead to what a newer headline reports as done: "Senate to vote
    /// Tuesday on $1 trillion infrastructure bill" under a newer "Senate passes $1 trillion infrastructure bill" (the older
    /// one <see cref="SummaryChecks.HeadlineLooksAhead"/>, the newer one <see cref="SummaryChecks.HeadlineTellsOutcome"/> and
    /// tells no one's word, and it holds <see cref="MinSharedWithOutcome"/> and half of the preview's content words). However many previews there were, the story is now
    /// the outcome.
    /// </summary>
    private static HashSet<int> SupersededTitles(List<(int Article, string Raw, string Clean)> titles, IReadOnlyList<SourceArticle> articles, List<Candidate> candidates, bool previews)
    {
        var facts = titles.Select(t => (t.Article, Words: SummaryChecks.ContentWords(t.Clean), Quantities: SummaryChecks.Quantities(t.Clean), Direction: SummaryChecks.Direction(t.Clean),
            Deaths: SummaryChecks.Deaths.Of(t.Clean))).ToList();
        var superseded = Superseded(facts, f => f.Article, articles,
            (a, b) => SummaryChecks.Contradicts(a.Words, a.Quantities, a.Direction, b.Words, b.Quantities, b.Direction) || SummaryChecks.UpdatesToll(b.Deaths, b.Words, a.Deaths, a.Words));
        // A headline whose count of the dead a newer article's toll has outgrown ("Earthquake kills 20" under a newer
        // "the death toll rose to 150") is no title either, whether the newer toll is in a headline or a sentence.
        for (var i = 0; i < facts.Count; i++)
        {
            if (articles[facts[i].Article].Published is { } oldTime
                && candidates.Exists(c => articles[c.Article].Published is { } time && time > oldTime && SummaryChecks.UpdatesToll(c.Deaths, c.ContentWords, facts[i].Deaths, facts[i].Words)))
            {
                superseded.Add(i);
            }
        }
        if (previews)
        {
            for (var i = 0; i < facts.Count; i++)
            {
                if (articles[facts[i].Article].Published is { } oldTime && SummaryChecks.HeadlineLooksAhead(titles[i].Raw)
                    && facts.Where((f, j) => articles[f.Article].Published is { } time && time > oldTime && SummaryChecks.HeadlineTellsOutcome(titles[j].Raw) && !SummaryChecks.Attributes(titles[j].Raw)
                        && f.Words.Count(facts[i].Words.Contains) is var shared && shared >= MinSharedWithOutcome && shared >= 0.5 * facts[i].Words.Count).Any())
                {
                    superseded.Add(i);
                }
            }
        }
        return superseded;
    }

    /// <summary>
    /// Drops each candidate that a candidate of a newer article contradicts (<see cref="Superseded"/>): when reports
    /// differ, the newer one is what the story says now.
    /// </summary>
    private static void DropSuperseded(List<Candidate> candidates, IReadOnlyList<SourceArticle> articles)
    {
        var superseded = Superseded(candidates, c => c.Article, articles,
            (a, b) => SummaryChecks.Contradicts(a.ContentWords, a.Quantities, a.Direction, b.ContentWords, b.Quantities, b.Direction)
                || SummaryChecks.UpdatesToll(b.Deaths, b.ContentWords, a.Deaths, a.ContentWords));
        var kept = candidates.Where((_, i) => !superseded.Contains(i)).ToList();
        candidates.Clear();
        candidates.AddRange(kept);
    }

    /// <summary>
    /// Sets aside the sentences of older reports that looked ahead to what the title reports as done: under "FDA
    /// authorizes Pfizer's vaccine", the look-ahead sentences ("There's not much suspense going into Thursday's meeting
    /// of the FDA's vaccine advisers, who will discuss emergency use authorization …") of "Key committee meets Thursday
    /// to consider FDA authorization" (its headline <see cref="SummaryChecks.HeadlineLooksAhead"/>, it is older than the title's
    /// report, and the two headlines share <see cref="MinSharedWithPreview"/> content words) told a moment the story has
    /// moved past. The preview's other sentences (background, what was said) stay. Only when the title tells an outcome
    /// (<see cref="SummaryChecks.HeadlineTellsOutcome"/>: not "wants to", "could", "will", "to be"), and only while the other sentences make up <see cref="WritingOptions.MinWords"/>; articles without a
    /// publication time are never older.
    /// </summary>
    private void DropOutdatedPreviews(List<Candidate> candidates, IReadOnlyList<SourceArticle> articles, int titleArticle, string title)
    {
        if (titleArticle < 0 || titleArticle >= articles.Count || articles[titleArticle].Published is not { } titleTime || !SummaryChecks.HeadlineTellsOutcome(title))
        {
            return;
        }
        var titleWords = SummaryChecks.ContentWords(title);
        var previews = new HashSet<int>();
        var older = new HashSet<int>();
        for (var a = 0; a < articles.Count; a++)
        {
            if (articles[a].Published is { } time && time < titleTime)
            {
                older.Add(a);
                if (SummaryChecks.HeadlineLooksAhead(articles[a].Title) && SummaryChecks.ContentWords(articles[a].Title).Count(titleWords.Contains) >= MinSharedWithPreview)
                {
                    previews.Add(a);
                }
            }
        }
        // A preview's look-ahead sentences; and in any older report, one that looks ahead to the very thing the title
        // reports as done ("The Senate is expected to pass the bill" under "Senate passes bill").
        bool Outdated(Candidate c) => (previews.Contains(c.Article) && SummaryChecks.LooksAhead(c.Text, orIntends: true))
            || (older.Contains(c.Article) && SummaryChecks.LooksAheadTo(c.Text, titleWords, MinSharedWithLookAhead));
        if (older.Count == 0 || candidates.Where(c => !Outdated(c)).Sum(c => c.Words) < options.MinWords)
        {
            return;
        }
        candidates.RemoveAll(Outdated);
    }

    /// <summary>Content words an older preview's headline shares with the title to be a preview of its event.</summary>
    public const int MinSharedWithPreview = 2;

    /// <summary>Content words (and at least half of them) an outcome's headline shares with an older preview's to take its place as the title.</summary>
    public const int MinSharedWithOutcome = 3;

    /// <summary>Content words a look-ahead sentence of a report whose headline is no preview shares with the title.</summary>
    public const int MinSharedWithLookAhead = 3;

    /// <summary>
    /// The indices of the items that an item of a strictly newer article contradicts (<see cref="SummaryChecks.Contradicts"/>:
    /// the same fact with a figure that disagrees, or a movement the other way). Articles without a publication time are
    /// never taken as newer or older.
    /// </summary>
    private static HashSet<int> Superseded<T>(IReadOnlyList<T> items, Func<T, int> article, IReadOnlyList<SourceArticle> articles, Func<T, T, bool> contradicts)
    {
        var superseded = new HashSet<int>();
        for (var i = 0; i < items.Count; i++)
        {
            if (articles[article(items[i])].Published is not { } oldTime)
            {
                continue;
            }
            for (var j = 0; j < items.Count; j++)
            {
                if (articles[article(items[j])].Published is { } time && time > oldTime && contradicts(items[i], items[j]))
                {
                    superseded.Add(i);
                    break;
                }
            }
        }
        return superseded;
    }

    private (string Title, int Article, float[]? Vector) ChooseTitle(IReadOnlyList<SourceArticle> articles,
        List<(int Article, string Raw, string Clean)> titles, float[][] vectors, int[] tiers, float[] centroid,
        Dictionary<int, List<float[]>> byArticle, List<Candidate> candidates, Dictionary<string, HashSet<int>> shared, int articleCount)
    {
        var best = -1;
        var bestScore = double.NegativeInfinity;
        var superseded = options.CheckFacts ? SupersededTitles(titles, articles, candidates, options.SetAsideOutdatedPreviews) : [];
        // An opinion piece's headline argues; a report's tells (its link, its text or its label say which it is).
        var opinion = articles.Select(a => Stories.ArticleKinds.Of(a.Title, a.Url, a.Text) == Stories.ArticleKind.Opinion).ToArray();
        for (var i = 0; i < titles.Count; i++)
        {
            if (superseded.Contains(i))
            {
                continue;
            }
            var words = TextCleaner.CountWords(titles[i].Clean);
            var score = TextEmbedder.Dot(vectors[i], centroid)
                + options.TitleSupportWeight * Support(vectors[i], titles[i].Article, byArticle)
                + options.TitleLexicalWeight * Lexical(titles[i].Clean, titles[i].Article, shared, articleCount)
                + options.TierWeight * TierValue(tiers[titles[i].Article])
                - Headlines.Flaws(titles[i].Raw, opinion[titles[i].Article])
                - options.TitleLengthWeight * Math.Abs(words - options.TitleWords);
            if (score > bestScore)
            {
                bestScore = score;
                best = i;
            }
        }
        if (best >= 0 && !Headlines.IsQuestionOrTeaser(titles[best].Raw))
        {
            return (titles[best].Clean, titles[best].Article, vectors[best]);
        }
        // Every headline asks or teases: state what happened with the most central short sentence instead, one that
        // names something a headline names (a page's filler or another story's paragraph can be the most central).
        var named = titles.SelectMany(t => SummaryChecks.ContentWords(t.Clean)).ToHashSet(StringComparer.Ordinal);
        var sentence = candidates.Where(c => c.Words <= 25 && NamesAnyOf(c.Text, named)).OrderByDescending(c => c.Score).FirstOrDefault();
        if (sentence is not null)
        {
            return (sentence.Text.TrimEnd('.'), sentence.Article, sentence.Vector);
        }
        if (best >= 0)
        {
            return (Headlines.Unasked(titles[best].Clean), titles[best].Article, vectors[best]);
        }
        return ("Untitled story", -1, null);
    }

    /// <summary>Whether the sentence shares a content word with <paramref name="words"/> (a headline's).</summary>
    private static bool NamesAnyOf(string sentence, IReadOnlySet<string> words) => SummaryChecks.ContentWords(sentence).Overlaps(words);

    /// <summary>
    /// Maximal marginal relevance, never taking a sentence that says what a chosen one says (a near-duplicate vector,
    /// or a restatement: <see cref="SummaryChecks.Restates"/>) or that states a number for a thing which the title or a
    /// chosen sentence counts differently (<see cref="SummaryChecks.Disagrees"/>), or says it moved the other way
    /// (<see cref="SummaryChecks.Opposes"/>); the next best is taken instead.
    /// </summary>
    private List<Candidate> Select(List<Candidate> candidates, float[]? titleVector, TitleFacts titleFacts)
    {
        var chosen = new List<Candidate>();
        var remaining = new List<Candidate>(candidates);
        var words = 0;
        while (remaining.Count > 0)
        {
            Candidate? best = null;
            var bestValue = double.NegativeInfinity;
            foreach (var c in remaining)
            {
                if (words + c.Words > options.MaxWords)
                {
                    continue;
                }
                var redundancy = 0.0;
                foreach (var s in chosen)
                {
                    redundancy = Math.Max(redundancy, TextEmbedder.Dot(c.Vector, s.Vector));
                }
                if (redundancy >= options.DuplicateSimilarity || (options.CheckFacts && !Fits(c, chosen, titleFacts)))
                {
                    continue;
                }
                if (titleVector is not null)
                {
                    redundancy = Math.Max(redundancy, options.TitleRedundancy * TextEmbedder.Dot(c.Vector, titleVector));
                }
                var value = c.Score - options.RedundancyWeight * redundancy
                    - options.OvershootWeight * Math.Max(0, words + c.Words - options.TargetWords) / options.TargetWords;
                if (value > bestValue)
                {
                    bestValue = value;
                    best = c;
                }
            }
            if (best is null)
            {
                break;
            }
            // Past the minimum, a sentence is added only when it brings the length closer to the target.
            if (words >= options.MinWords && Math.Abs(words + best.Words - options.TargetWords) >= Math.Abs(words - options.TargetWords))
            {
                break;
            }
            chosen.Add(best);
            remaining.Remove(best);
            words += best.Words;
        }
        return chosen;
    }

    /// <summary>
    /// The chosen sentences with a sentence that stands on its own first: the summary is read from its first sentence, and
    /// one that leans on what came before it in its article ("But in her speech …", "He will still be allowed …") cannot
    /// open it, nor does one that opens with a quotation (<see cref="CannotOpen"/>). The first chosen sentence that can
    /// open moves to the front; the rest keep their order. When none can, the first that does not lean on its context
    /// opens; when every sentence leans on its context, the order stays.
    /// </summary>
    internal static List<T> StandaloneFirst<T>(List<T> chosen, Func<T, string> text)
    {
        if (chosen.Count < 2 || !CannotOpen(text(chosen[0])))
        {
            return chosen;
        }
        var standalone = chosen.FindIndex(c => !CannotOpen(text(c)));
        if (standalone < 0 && TextCleaner.LeansOnContext(text(chosen[0])))
        {
            standalone = chosen.FindIndex(c => !TextCleaner.LeansOnContext(text(c)));
        }
        if (standalone <= 0)
        {
            return chosen;
        }
        var reordered = new List<T>(chosen.Count) { chosen[standalone] };
        reordered.AddRange(chosen.Where((_, i) => i != standalone));
        return reordered;
    }

    private static List<Candidate> StandaloneFirst(List<Candidate> chosen) => StandaloneFirst(chosen, c => c.Text);

    /// <summary>
    /// A sentence that leans on its context, or one that opens with someone's words ("“My administration is committed
    /// …,” the proclamation states."): a summary opens with the news in no one's voice, and gives the quotation after it.
    /// </summary>
    private static bool CannotOpen(string sentence) => TextCleaner.LeansOnContext(sentence) || TextCleaner.OpensOnQuotation(sentence);

    /// <summary>
    /// The chosen sentences with the one that tells the title's fact (<see cref="SummaryChecks.TellsTitle"/>) first, when
    /// one does and stands on its own: a summary opens with the news its headline gives ("The FDA authorized Pfizer's
    /// vaccine …"), then what follows from it ("The CDC expects 25 million doses this month"). When none tells it whole,
    /// the one closest to the title (<see cref="LeadsOnTitle"/>) opens instead: under "Economy adds 1.4 million jobs in
    /// August", not "Last week marks a decrease of 130,000 new claims …". The rest keep their order.
    /// </summary>
    private static List<Candidate> TitleFactFirst(List<Candidate> chosen, HashSet<string> titleWords, float[]? titleVector) =>
        TitleFactFirst(chosen, c => c.Text, titleWords, titleVector is null ? null : () => LeadsOnTitle(chosen, titleWords, titleVector));

    /// <summary>
    /// As above, for any sentences (<paramref name="text"/> gives each one's text); <paramref name="closest"/>, when given,
    /// names the sentence to open with when none tells the title's fact (−1 for none).
    /// </summary>
    internal static List<T> TitleFactFirst<T>(List<T> chosen, Func<T, string> text, HashSet<string> titleWords, Func<int>? closest = null)
    {
        var first = chosen.FindIndex(c => SummaryChecks.TellsTitle(SummaryChecks.ContentWords(text(c)), titleWords) && !TextCleaner.LeansOnContext(text(c)));
        if (first < 0 && closest is not null)
        {
            first = closest();
        }
        if (first <= 0)
        {
            return chosen;
        }
        var reordered = new List<T>(chosen.Count) { chosen[first] };
        reordered.AddRange(chosen.Where((_, i) => i != first));
        return reordered;
    }

    /// <summary>
    /// The index of the sentence that should open the summary in place of the first: one standing on its own, closer to
    /// the title than the first by at least <see cref="CloserToTitle"/> (cosine of the sentence vectors) and holding more
    /// of the title's content words, at least <see cref="MinTitleWordsToLead"/>; the closest such; otherwise −1. A story
    /// whose reports came at different moments ("Tokyo Olympics postponed" hours before "Russia banned from the
    /// Pyeongchang Games") so opens with the title's.
    /// </summary>
    private static int LeadsOnTitle(List<Candidate> chosen, HashSet<string> titleWords, float[] titleVector)
    {
        if (chosen.Count < 2)
        {
            return -1;
        }
        var firstWords = SummaryChecks.TitleWordsIn(chosen[0].ContentWords, titleWords);
        var bar = TextEmbedder.Dot(chosen[0].Vector, titleVector) + CloserToTitle;
        var best = -1;
        var bestCosine = double.NegativeInfinity;
        for (var i = 1; i < chosen.Count; i++)
        {
            var cosine = TextEmbedder.Dot(chosen[i].Vector, titleVector);
            var words = SummaryChecks.TitleWordsIn(chosen[i].ContentWords, titleWords);
            if (cosine >= bar && cosine > bestCosine && words >= MinTitleWordsToLead && words > firstWords && !TextCleaner.LeansOnContext(chosen[i].Text))
            {
                best = i;
                bestCosine = cosine;
            }
        }
        return best;
    }

    /// <summary>How much closer to the title than the first sentence another must be to open the summary in its place.</summary>
    public const double CloserToTitle = 0.1;

    /// <summary>The fewest title content words a sentence holds to open the summary in place of the first.</summary>
    public const int MinTitleWordsToLead = 2;

    /// <summary>The title's content words, numbers and movement, which no summary sentence may contradict.</summary>
    /// <param name="TellOnce">At most one sentence that tells the title's fact (<see cref="SummaryChecks.TellsTitle"/>).</param>
    private sealed record TitleFacts(HashSet<string> Words, List<SummaryChecks.Quantity> Quantities, int Direction, bool TellOnce = false);

    /// <summary>
    /// False when the candidate restates a chosen sentence, or its numbers disagree with the title's or a chosen
    /// sentence's, or it says the thing they say went up went down (or the reverse).
    /// </summary>
    private static bool Fits(Candidate c, List<Candidate> chosen, TitleFacts title)
    {
        if (SummaryChecks.Disagrees(c.Quantities, title.Quantities) || SummaryChecks.Opposes(c.ContentWords, c.Direction, title.Words, title.Direction))
        {
            return false;
        }
        var tellsTitle = title.TellOnce && SummaryChecks.TellsTitle(c.ContentWords, title.Words);
        foreach (var s in chosen)
        {
            if ((tellsTitle && SummaryChecks.TellsTitle(s.ContentWords, title.Words))
                || SummaryChecks.Restates(c.ContentWords, c.Quantities, s.ContentWords, s.Quantities) || SummaryChecks.Disagrees(c.Quantities, s.Quantities)
                || SummaryChecks.Opposes(c.ContentWords, c.Direction, s.ContentWords, s.Direction))
            {
                return false;
            }
        }
        return true;
    }

    private static double Support(float[] v, int article, Dictionary<int, List<float[]>> byArticle)
    {
        double sum = 0;
        var n = 0;
        foreach (var (other, list) in byArticle)
        {
            if (other == article)
            {
                continue;
            }
            var best = -1.0;
            foreach (var x in list)
            {
                best = Math.Max(best, TextEmbedder.Dot(v, x));
            }
            sum += best;
            n++;
        }
        return n == 0 ? 0.5 : sum / n;
    }

    /// <summary>For each content word, the articles (title or text) that use it.</summary>
    private static Dictionary<string, HashSet<int>> SharedWords(IReadOnlyList<SourceArticle> articles, List<int> used)
    {
        var map = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var a in used)
        {
            foreach (var t in TextCleaner.Tokens(articles[a].Title + " " + articles[a].Text))
            {
                if (Stopwords.Contains(t))
                {
                    continue;
                }
                if (!map.TryGetValue(t, out var set))
                {
                    map[t] = set = [];
                }
                set.Add(a);
            }
        }
        return map;
    }

    /// <summary>The share of other articles that use each of the sentence's content words, averaged: facts every outlet reports score high.</summary>
    private static double Lexical(string text, int article, Dictionary<string, HashSet<int>> shared, int articleCount)
    {
        if (articleCount < 2)
        {
            return 0.5;
        }
        double sum = 0;
        var n = 0;
        foreach (var t in TextCleaner.Tokens(text).Distinct(StringComparer.Ordinal))
        {
            if (Stopwords.Contains(t) || !shared.TryGetValue(t, out var set))
            {
                continue;
            }
            sum += (double)(set.Count - (set.Contains(article) ? 1 : 0)) / (articleCount - 1);
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }

    internal static readonly HashSet<string> Stopwords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "is", "are", "was", "were", "be",
        "been", "being", "has", "have", "had", "it", "its", "this", "that", "these", "those", "he", "she", "they", "his", "her", "their", "them",
        "who", "which", "what", "not", "no", "will", "would", "can", "could", "should", "may", "might", "s", "t", "into", "about", "after",
        "before", "over", "than", "then", "also", "more", "said", "says", "we", "i", "you", "our", "if", "so", "up", "out", "do", "did", "does",
        "there", "when", "where", "while", "all", "some", "any", "just", "now", "new", "one", "two", "most", "other", "such", "only", "very",
    };

    private static double TierValue(int tier) => (3 - Math.Clamp(tier, 1, 3)) / 2.0;

    private static double LengthPenalty(int words) => words < 8 ? 0.1 : words > 50 ? 0.1 : 0;

    private static void Add(Dictionary<int, List<float[]>> map, int key, float[] v)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }
        list.Add(v);
    }

    private static float[] Mean(List<float[]> list)
    {
        var m = new float[list[0].Length];
        foreach (var v in list)
        {
            AddInto(m, v);
        }
        return m;
    }

    private static void AddInto(float[] target, float[] v)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] += v[i];
        }
    }

    private static float[] Normalised(float[] v)
    {
        var norm = Math.Sqrt(TextEmbedder.Dot(v, v));
        if (norm > 0)
        {
            for (var i = 0; i < v.Length; i++)
            {
                v[i] = (float)(v[i] / norm);
            }
        }
        return v;
    }
}
