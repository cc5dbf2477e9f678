using System.Numerics.Tensors;
using Salient.Dedup;

namespace Salient.Stories;

/// <summary>One article as story grouping sees it: its time (published, or first seen), outlet, text and embedding.</summary>
internal sealed record StoryArticle(long Id, string Title, string? Text, string? Source, string? Url, long TimeMs, float[] Embedding)
{
    /// <summary>The article's language (ISO 639-1), or null when it is not known; articles of different known languages never share a story.</summary>
    public string? Language { get; init; }

    /// <summary>
    /// The whole text when <see cref="Text"/> holds only its lead (the daemon keeps leads in memory); null when
    /// <see cref="Text"/> is the whole text. Read for the body comparison of borderline joins and for opinion labels.
    /// </summary>
    public string? Body { get; init; }

    /// <summary>
    /// What grouping read from the text when it met the article before (its terms, body terms and kind); when set,
    /// the text is not read again, so a rebuild of the window reads only the texts of articles new to it.
    /// </summary>
    public ArticleFacts? Facts { get; init; }

    /// <summary>
    /// The embedding of the title alone, by the model that made <see cref="Embedding"/>, for the title term of the join
    /// score (<see cref="StoryOptions.TitleWeight"/>); null: the article has none and the term leaves it alone. Only
    /// <c>eval cluster</c> makes these: neither the embed stage nor <c>cluster</c> does.
    /// </summary>
    public float[]? TitleEmbedding { get; init; }
}

/// <summary>What grouping reads from an article's title and text, once: lead terms, whole-body names and numbers, kind.</summary>
internal sealed record ArticleFacts(TermBag Terms, TermBag Body, ArticleKind Kind)
{
    /// <summary>The body's central sentences and, once a borderline decision needed it, their embedding; null without a body.</summary>
    public CentralBody? Central { get; init; }

    /// <summary>The weekday the article's start gives its news (<see cref="StoryText.NewsWeekday"/>), or null.</summary>
    public DayOfWeek? Weekday { get; init; }
}

/// <summary>
/// The central sentences of an article's body (<see cref="StoryText.CentralSentences"/>), kept until a borderline
/// decision first needs their embedding; then the vector (384 floats, 1.5 KB) is kept instead of the text.
/// </summary>
internal sealed class CentralBody(string text)
{
    public string? Text { get; private set; } = text;

    public float[]? Vector { get; private set; }

    public void Embedded(float[] vector)
    {
        Vector = vector;
        Text = null;
    }
}

/// <summary>Where an article went: its story, whether that story is new, and the stories merged into it on the way.</summary>
internal sealed record Assignment(long ArticleId, long StoryId, bool Created, bool Duplicate, IReadOnlyList<long> Merged);

/// <summary>
/// Online story grouping over a sliding window, in memory: each article joins the best live story or starts one,
/// and two live stories that an article shows to be one event are merged. Used by both the group stage of the
/// daemon and the <c>cluster</c> batch tool, so both give the same stories. The state is a function of the live
/// stories' members alone (kept in (time, id) order), so rebuilding it from the store with <see cref="Restore"/>
/// continues a stream exactly as if it had never stopped. Memory is bounded by the window: only articles within
/// <see cref="StoryOptions.WindowHours"/> of the newest are kept, so a story that goes on for days is matched by its
/// recent articles while its id, and its older articles in the store, stay. Not thread-safe.
/// </summary>
internal sealed partial class StoryAssigner
{
    private readonly StoryOptions _options;
    private readonly Dictionary<long, Story> _live = [];
    private readonly Dictionary<string, int> _df = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _bodyDf = new(StringComparer.Ordinal);
    private int _bodyDocs;
    private readonly Func<string, double> _idf;
    private readonly Func<string, double> _bodyIdf;
    private readonly Dictionary<string, long> _byUrl = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byTitle = new(StringComparer.Ordinal);
    private readonly List<long> _closed = [];
    private int _docs;
    private long _clock = long.MinValue;
    private bool _restored;
    private readonly Func<IReadOnlyList<string>, CancellationToken, float[][]>? _embedBodies;
    private CancellationToken _assigning;

    /// <param name="options">The settings.</param>
    /// <param name="firstStoryId">The id the first new story gets.</param>
    /// <param name="embedBodies">
    /// Embeds texts with the model that made the articles' vectors, for the body embedding of borderline joins
    /// (<see cref="StoryOptions.BodyVectorWeight"/>); null: no body is embedded, whatever the setting.
    /// </param>
    public StoryAssigner(StoryOptions options, long firstStoryId = 1, Func<IReadOnlyList<string>, CancellationToken, float[][]>? embedBodies = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        NextStoryId = firstStoryId;
        _idf = Idf;
        _bodyIdf = BodyIdf;
        _embedBodies = options.BodyVectorWeight > 0 && options.BodyBand > 0 ? embedBodies : null;
    }

    /// <summary>How many articles' central body sentences this assigner has embedded (each once, for a borderline decision).</summary>
    public int BodyVectorsMade { get; private set; }

    /// <summary>The id the next new story gets.</summary>
    public long NextStoryId { get; set; }

    /// <summary>The newest article time seen (Unix ms); the window ends here.</summary>
    public long Clock => _clock;

    public int LiveStoryCount => _live.Count;

    public int LiveArticleCount => _docs;

    public bool IsLive(long storyId) => _live.ContainsKey(storyId);

    /// <summary>Stories that left the window since the last call.</summary>
    public IReadOnlyList<long> TakeClosed()
    {
        var list = _closed.ToList();
        _closed.Clear();
        return list;
    }

    /// <summary>
    /// Puts a live story back as it was (after a restart); members in any order. Members and stories that the window
    /// has left behind by the newest restored article are dropped before the next article is assigned.
    /// </summary>
    public void Restore(long storyId, IEnumerable<StoryArticle> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var story = new Story(storyId);
        foreach (var a in members)
        {
            story.Members.Add(ToMember(a));
        }
        if (story.Members.Count == 0)
        {
            return;
        }
        if (!_live.TryAdd(storyId, story))
        {
            throw new ArgumentException($"story {storyId} is already live", nameof(storyId));
        }
        story.Members.Sort(MemberOrder);
        story.Recompute();
        foreach (var m in story.Members)
        {
            Index(m, storyId);
            _clock = Math.Max(_clock, m.Time);
        }
        NextStoryId = Math.Max(NextStoryId, storyId + 1);
        _restored = true;
    }

    /// <summary>Assigns one article; call in time order for best results (late articles are still placed).</summary>
    /// <param name="article">The article.</param>
    /// <param name="ct">Handed to the body embedder when a borderline join embeds central sentences.</param>
    public Assignment Assign(StoryArticle article, CancellationToken ct = default)
    {
        _assigning = ct;
        try
        {
            return AssignOne(article);
        }
        finally
        {
            _assigning = default;
        }
    }

    private Assignment AssignOne(StoryArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        if (article.Embedding.Length == 0)
        {
            throw new ArgumentException($"article {article.Id} has no embedding", nameof(article));
        }
        if (article.TimeMs > _clock || _restored)
        {
            _clock = Math.Max(_clock, article.TimeMs);
            _restored = false;
            Evict();
        }
        var m = ToMember(article);

        // The same article under two links, or the same headline from two feeds, is the same story.
        if ((m.UrlKey is not null && _byUrl.TryGetValue(m.UrlKey, out var dup)) || (m.TitleKey is not null && _byTitle.TryGetValue(m.TitleKey, out dup)))
        {
            Join(_live[dup], m);
            ForgetIfOld(_live[dup], m);
            return new Assignment(article.Id, dup, Created: false, Duplicate: true, []);
        }

        // A round-up starts its own story and takes no report in: it mentions the event among unrelated items.
        var candidates = _options.SeparateCommentary && m.Kind == ArticleKind.Roundup ? []
            : Candidates(m.Embedding, null).Where(c => SameLanguage(c.Story.Language, m.Language) && !(_options.SeparateCommentary && c.Story.Kind == ArticleKind.Roundup)).ToList();
        Story? best = null;
        var bestScore = double.NegativeInfinity;
        var secondScore = double.NegativeInfinity;
        var bestCommentary = false;
        foreach (var (story, cosine) in candidates)
        {
            var (unsized, lexical) = JoinScore(m, story, cosine);
            var score = unsized - TimePenalty(m.Time, m.Time, story) - SizePenaltyOf(story.Members.Count);
            var commentary = Commentary(m, story);
            if (commentary && !MeetsOnTheEvent(m, story, lexical, score))
            {
                continue;
            }
            if (score > bestScore || (score == bestScore && best is not null && story.Id < best.Id))
            {
                secondScore = bestScore;
                best = story;
                bestScore = score;
                bestCommentary = commentary;
            }
            else if (score > secondScore)
            {
                secondScore = score;
            }
        }
        var bar = 0.0;
        var joins = best is not null && Joins(bestScore, secondScore, out bar);
        if (best is not null && !bestCommentary && Math.Abs(bestScore - bar) <= _options.BodyBand)
        {
            // Borderline: the whole texts decide, by their names, places and numbers, and (when on) by the
            // embedding of their central sentences.
            double? moved = null;
            if (_options.BodyWeight > 0 && BodySimilarity(m, best) is { } body)
            {
                moved = _options.BodyWeight * (body - _options.BodyPivot);
            }
            if (_embedBodies is not null && BodyVectorSimilarity(m, best) is { } central)
            {
                moved = (moved ?? 0) + _options.BodyVectorWeight * (central - _options.BodyVectorPivot);
            }
            if (moved is { } by)
            {
                joins = Joins(bestScore + by, secondScore, out _);
            }
        }
        if (!joins)
        {
            var story = new Story(NextStoryId++);
            _live.Add(story.Id, story);
            Join(story, m);
            ForgetIfOld(story, m);
            return new Assignment(article.Id, story.Id, Created: true, Duplicate: false, []);
        }
        Join(best!, m);
        var merged = MergeNeighbours(best!, candidates);
        var survivor = merged.Survivor;
        ForgetIfOld(_live[survivor], m);
        return new Assignment(article.Id, survivor, Created: false, Duplicate: false, merged.Absorbed);
    }

    /// <summary>
    /// An article's join score with a story before the time and size penalties: embedding and lexical similarity, the
    /// title term, less the news-day and same-outlet penalties; and the lexical similarity alone.
    /// </summary>
    private (double Score, double Lexical) JoinScore(Member m, Story story, double centroidCosine)
    {
        var (similarity, lexical) = Similarity(m, story, centroidCosine);
        return (similarity + TitleTerm(m, story) - NewsDayPenalty(m, story)
            - (m.Source is not null && story.Outlets.ContainsKey(m.Source) ? _options.SameOutletPenalty : 0), lexical);
    }

    /// <summary>An opinion piece and a story of reports, or a report and a story of opinion (when they are told apart).</summary>
    private bool Commentary(Member m, Story story) =>
        _options.SeparateCommentary && (m.Kind == ArticleKind.Opinion) != (story.Kind == ArticleKind.Opinion);

    /// <summary>
    /// Whether such a pair (<see cref="Commentary"/>) meets on the event: on its own names, places and numbers, and then
    /// on the full join score (<paramref name="score"/>) or on whole texts that name the same ones; a column on the
    /// theme reads like the event to an embedding.
    /// </summary>
    private bool MeetsOnTheEvent(Member m, Story story, double lexical, double score) =>
        lexical >= _options.CommentaryLexical && (score >= _options.JoinThreshold || AboutTheEvent(m, story));

    /// <summary>
    /// Whether an opinion piece and a story of reports (or a report and a story of opinion) name the same people,
    /// places and figures across their whole texts (<see cref="StoryOptions.CommentaryBody"/>): then the piece is about
    /// the event, not its theme, and the usual rule decides. Leads alone never show it.
    /// </summary>
    private bool AboutTheEvent(Member m, Story story) =>
        _options.CommentaryBody <= 1 && BodySimilarity(m, story) is { } body && body >= _options.CommentaryBody;

    /// <summary>Whether the whole bodies' names are read: for borderline joins, or for opinion pieces about an event.</summary>
    private bool ReadsBodies => (_options.BodyWeight > 0 && _options.BodyBand > 0) || (_options.SeparateCommentary && _options.CommentaryBody <= 1);

    /// <summary>
    /// Whether a best score joins: at least the join threshold, or the loose threshold for a clear winner (no rival
    /// story within the margin). <paramref name="bar"/> is the threshold that decided.
    /// </summary>
    private bool Joins(double best, double second, out double bar)
    {
        // A clear winner may join on a lower score: with no rival story near, a weaker match is still the right one.
        var clear = best - Math.Max(second, _options.LooseThreshold - _options.Margin) >= _options.Margin;
        bar = clear ? Math.Min(_options.LooseThreshold, _options.JoinThreshold) : _options.JoinThreshold;
        return best >= bar;
    }

    /// <summary>
    /// Mean IDF-weighted cosine between the names, places and numbers of the article's whole body and those of the
    /// story's articles that have a body (the newest 32); null when either side has none.
    /// </summary>
    private double? BodySimilarity(Member m, Story story)
    {
        if (m.Body.Terms.Length == 0)
        {
            return null;
        }
        double sum = 0;
        var n = 0;
        for (var i = story.Members.Count - 1; i >= 0 && n < MaxLinkedMembers; i--)
        {
            var other = story.Members[i].Body;
            if (other.Terms.Length == 0)
            {
                continue;
            }
            sum += Cosine(m.Body, other, _bodyIdf);
            n++;
        }
        return n == 0 ? null : sum / n;
    }

    /// <summary>
    /// Mean cosine between the embedding of the article's central body sentences and those of the story's articles
    /// that have a body (the newest 32); each is embedded the first time it is needed, all in one call. Null when
    /// either side has none.
    /// </summary>
    private double? BodyVectorSimilarity(Member m, Story story)
    {
        if (m.Central is null)
        {
            return null;
        }
        var others = new List<CentralBody>();
        for (var i = story.Members.Count - 1; i >= 0 && others.Count < MaxLinkedMembers; i--)
        {
            if (story.Members[i].Central is { } c)
            {
                others.Add(c);
            }
        }
        if (others.Count == 0)
        {
            return null;
        }
        var missing = others.Prepend(m.Central).Where(c => c.Vector is null).ToList();
        if (missing.Count > 0)
        {
            var vectors = _embedBodies!(missing.Select(c => c.Text!).ToList(), _assigning);
            if (vectors.Length != missing.Count)
            {
                throw new InvalidOperationException($"the body embedder gave {vectors.Length} vectors for {missing.Count} texts");
            }
            for (var i = 0; i < missing.Count; i++)
            {
                missing[i].Embedded(vectors[i]);
            }
            BodyVectorsMade += missing.Count;
        }
        double sum = 0;
        foreach (var c in others)
        {
            sum += TensorPrimitives.Dot(m.Central.Vector!, c.Vector!);
        }
        return sum / others.Count;
    }

    /// <summary>
    /// <see cref="StoryOptions.TitleWeight"/> × (mean cosine between the article's title embedding and those of the
    /// story's articles that have one (the newest 32) − <see cref="StoryOptions.TitlePivot"/>); 0 when the weight is 0
    /// or either side has no title embedding.
    /// </summary>
    private double TitleTerm(Member m, Story story)
    {
        if (_options.TitleWeight == 0 || m.TitleVector is null)
        {
            return 0;
        }
        double sum = 0;
        var n = 0;
        for (var i = story.Members.Count - 1; i >= 0 && n < MaxLinkedMembers; i--)
        {
            if (story.Members[i].TitleVector is { } other)
            {
                sum += TensorPrimitives.Dot(m.TitleVector, other);
                n++;
            }
        }
        return n == 0 ? 0 : _options.TitleWeight * (sum / n - _options.TitlePivot);
    }

    /// <summary>
    /// <see cref="StoryOptions.EventDayPenalty"/> × the share of the story's articles (the newest 32) naming a day for
    /// their news that differs from the one the article names for its own; 0 when either side names none.
    /// </summary>
    private double NewsDayPenalty(Member m, Story story)
    {
        if (m.NewsDay is not { } day || _options.EventDayPenalty == 0)
        {
            return 0;
        }
        int dated = 0, other = 0;
        for (var i = story.Members.Count - 1; i >= 0 && dated < MaxLinkedMembers; i--)
        {
            if (story.Members[i].NewsDay is { } d)
            {
                dated++;
                if (d != day)
                {
                    other++;
                }
            }
        }
        return dated == 0 ? 0 : _options.EventDayPenalty * other / dated;
    }

    /// <summary>
    /// <see cref="StoryOptions.EventDayPenalty"/> × the share of pairs of the two stories' articles (the newest 32 of
    /// each) naming a day for their news whose days differ; 0 when either story names none.
    /// </summary>
    private double NewsDayPenalty(Story a, Story b)
    {
        if (_options.EventDayPenalty == 0)
        {
            return 0;
        }
        int pairs = 0, other = 0;
        var seen = 0;
        for (var i = a.Members.Count - 1; i >= 0 && seen < MaxLinkedMembers; i--)
        {
            if (a.Members[i].NewsDay is not { } day)
            {
                continue;
            }
            seen++;
            var seenB = 0;
            for (var j = b.Members.Count - 1; j >= 0 && seenB < MaxLinkedMembers; j--)
            {
                if (b.Members[j].NewsDay is { } d)
                {
                    seenB++;
                    pairs++;
                    if (d != day)
                    {
                        other++;
                    }
                }
            }
        }
        return pairs == 0 ? 0 : _options.EventDayPenalty * other / pairs;
    }

    private double BodyIdf(string term) => Math.Log((_bodyDocs + 1.0) / (_bodyDf.GetValueOrDefault(term) + 1.0)) + 1.0;

    /// <summary>
    /// A late article from before the window is placed like any other but not kept: the state holds only what is
    /// within the window, as a rebuild from the store would. A story of nothing but such articles is closed at once.
    /// </summary>
    private void ForgetIfOld(Story story, Member m)
    {
        var horizon = _clock - _options.WindowMs;
        if (m.Time >= horizon)
        {
            return;
        }
        Trim(story, horizon);
        if (story.Members.Count == 0)
        {
            _live.Remove(story.Id);
            _closed.Add(story.Id);
        }
    }

    /// <summary>Drops a story's articles older than the horizon (a prefix, as members are in time order).</summary>
    private void Trim(Story story, long horizon)
    {
        var members = story.Members;
        var n = 0;
        while (n < members.Count && members[n].Time < horizon)
        {
            n++;
        }
        if (n == 0)
        {
            return;
        }
        for (var i = 0; i < n; i++)
        {
            Unindex(members[i], story.Id);
        }
        members.RemoveRange(0, n);
        story.Recompute();
        // A later copy of a dropped article still finds its duplicates here.
        foreach (var m in members)
        {
            if (m.UrlKey is not null)
            {
                _byUrl.TryAdd(m.UrlKey, story.Id);
            }
            if (m.TitleKey is not null)
            {
                _byTitle.TryAdd(m.TitleKey, story.Id);
            }
        }
    }

    /// <summary>The story's mean embedding (not normalised), or null when it is not live.</summary>
    public float[]? Centroid(long storyId) => _live.TryGetValue(storyId, out var s) ? s.Sum.ToArray() : null;

    /// <summary>The article nearest the story's centroid (the earliest on a tie), or null when the story is not live.</summary>
    public long? Representative(long storyId)
    {
        if (!_live.TryGetValue(storyId, out var s))
        {
            return null;
        }
        Member? best = null;
        var bestDot = float.NegativeInfinity;
        foreach (var m in s.Members)
        {
            var d = TensorPrimitives.Dot(m.Embedding, s.Sum);
            if (d > bestDot)
            {
                best = m;
                bestDot = d;
            }
        }
        return best?.Id;
    }

    /// <summary>The article ids of a live story in (time, id) order.</summary>
    public IReadOnlyList<long> Members(long storyId) => _live.TryGetValue(storyId, out var s) ? s.Members.Select(m => m.Id).ToList() : [];

    /// <summary>What was read from the text of each article in the window, by article id, to be handed to the next rebuild.</summary>
    public Dictionary<long, ArticleFacts> Facts()
    {
        var facts = new Dictionary<long, ArticleFacts>(_docs);
        foreach (var story in _live.Values)
        {
            foreach (var m in story.Members)
            {
                facts[m.Id] = new ArticleFacts(m.Terms, m.Body, m.Kind) { Central = m.Central, Weekday = m.Weekday };
            }
        }
        return facts;
    }

    private Member ToMember(StoryArticle a)
    {
        var facts = a.Facts ?? ReadFacts(a);
        return new(
            a.Id, a.TimeMs, a.Embedding, facts.Terms,
            string.IsNullOrWhiteSpace(a.Source) ? null : a.Source.Trim().ToLowerInvariant(),
            UrlCanonicalizer.ArticleKey(a.Url), StoryText.DuplicateKey(a.Title),
            string.IsNullOrWhiteSpace(a.Language) ? null : a.Language.Trim().ToLowerInvariant())
        {
            Body = facts.Body,
            Kind = facts.Kind,
            Central = facts.Central,
            TitleVector = _options.TitleWeight > 0 ? a.TitleEmbedding : null,
            Weekday = facts.Weekday,
            NewsDay = facts.Weekday is { } weekday ? StoryText.NewsDay(a.TimeMs, weekday) : null,
        };
    }

    /// <summary>Reads an article's title and text: its lead terms, the names and numbers of its whole body, its kind.</summary>
    private ArticleFacts ReadFacts(StoryArticle a)
    {
        var body = a.Body ?? a.Text;
        var central = _embedBodies is null ? null : StoryText.CentralSentences(a.Title, body, _options.BodyMinChars, _options.BodyMaxChars, _options.BodyVectorChars);
        return new ArticleFacts(
            StoryText.Terms(a.Title, a.Text, _options.LexicalChars),
            ReadsBodies ? StoryText.BodyTerms(body, _options.BodyMinChars, _options.BodyMaxChars) : TermBag.Empty,
            _options.SeparateCommentary ? ArticleKinds.Of(a.Title, a.Url, body) : ArticleKind.Report)
        {
            Central = central is null ? null : new CentralBody(central),
            Weekday = _options.EventDayPenalty > 0 ? StoryText.NewsWeekday(a.Title, a.Text, _options.EventDayChars) : null,
        };
    }

    /// <summary>
    /// Whether an article or story of one language may join one of another: yes unless both languages are known and
    /// differ. A multilingual embedding puts a story and its translation close together; readers get them apart,
    /// each in its language (grouped among their own on the site), rather than one story of mixed text.
    /// </summary>
    private static bool SameLanguage(string? a, string? b) => a is null || b is null || string.Equals(a, b, StringComparison.Ordinal);

    private static int MemberOrder(Member a, Member b)
    {
        var c = a.Time.CompareTo(b.Time);
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    }

    /// <summary>Live stories whose centroid is near the vector, best first, at most CandidateCount.</summary>
    private List<(Story Story, double Cosine)> Candidates(float[] vector, Story? except)
    {
        var k = _options.CandidateCount;
        var top = new List<(Story Story, double Cosine)>(k + 1);
        foreach (var story in _live.Values)
        {
            if (ReferenceEquals(story, except))
            {
                continue;
            }
            var cosine = story.Norm > 0 ? TensorPrimitives.Dot(vector, story.Sum) / story.Norm : 0;
            if (cosine < _options.CandidateFloor)
            {
                continue;
            }
            if (top.Count == k && !Better(cosine, story.Id, top[^1]))
            {
                continue;
            }
            var at = top.Count;
            while (at > 0 && Better(cosine, story.Id, top[at - 1]))
            {
                at--;
            }
            top.Insert(at, (story, cosine));
            if (top.Count > k)
            {
                top.RemoveAt(k);
            }
        }
        return top;

        static bool Better(double cosine, long id, (Story Story, double Cosine) other) =>
            cosine > other.Cosine || (cosine == other.Cosine && id < other.Story.Id);
    }

    private (long Survivor, List<long> Absorbed) MergeNeighbours(Story story, List<(Story Story, double Cosine)> neighbours)
    {
        var absorbed = new List<long>();
        var survivor = story;
        foreach (var (other, _) in neighbours)
        {
            if (ReferenceEquals(other, survivor) || !_live.ContainsKey(other.Id) || !SameLanguage(survivor.Language, other.Language)
                || (_options.SeparateCommentary && (survivor.Kind == ArticleKind.Roundup || other.Kind == ArticleKind.Roundup)))
            {
                continue;
            }
            var cosine = survivor.Norm > 0 && other.Norm > 0 ? TensorPrimitives.Dot(survivor.Sum, other.Sum) / (survivor.Norm * other.Norm) : 0;
            if (cosine < _options.CandidateFloor)
            {
                continue;
            }
            // Average link between the two stories' articles, blended as for a single article.
            var average = TensorPrimitives.Dot(survivor.Sum, other.Sum) / ((double)survivor.Members.Count * other.Members.Count);
            var embedding = (1 - _options.AverageLink) * cosine + _options.AverageLink * average;
            var score = embedding + _options.LexicalWeight * Lexical(survivor.TermSum, other.TermSum) - TimePenalty(other.First, other.Last, survivor)
                - NewsDayPenalty(survivor, other);
            if (score < _options.MergeThreshold)
            {
                continue;
            }
            // The larger story keeps its id (the older one on a tie); the other redirects to it.
            var (keep, gone) = other.Members.Count > survivor.Members.Count || (other.Members.Count == survivor.Members.Count && other.Id < survivor.Id)
                ? (other, survivor) : (survivor, other);
            _live.Remove(gone.Id);
            foreach (var m in gone.Members)
            {
                keep.Members.Add(m);
                if (m.UrlKey is not null && _byUrl.GetValueOrDefault(m.UrlKey) == gone.Id)
                {
                    _byUrl[m.UrlKey] = keep.Id;
                }
                if (m.TitleKey is not null && _byTitle.GetValueOrDefault(m.TitleKey) == gone.Id)
                {
                    _byTitle[m.TitleKey] = keep.Id;
                }
            }
            keep.Members.Sort(MemberOrder);
            keep.Recompute();
            absorbed.Add(gone.Id);
            survivor = keep;
        }
        return (survivor.Id, absorbed);
    }

    private void Join(Story story, Member m)
    {
        var members = story.Members;
        if (members.Count == 0 || MemberOrder(members[^1], m) < 0)
        {
            members.Add(m);
            story.Append(m);
        }
        else
        {
            var at = members.BinarySearch(m, Comparer<Member>.Create(MemberOrder));
            members.Insert(at < 0 ? ~at : at, m);
            story.Recompute();
        }
        Index(m, story.Id);
    }

    private void Index(Member m, long storyId)
    {
        foreach (var t in m.Terms.Terms)
        {
            _df[t] = _df.GetValueOrDefault(t) + 1;
        }
        _docs++;
        if (m.Body.Terms.Length > 0)
        {
            foreach (var t in m.Body.Terms)
            {
                _bodyDf[t] = _bodyDf.GetValueOrDefault(t) + 1;
            }
            _bodyDocs++;
        }
        if (m.UrlKey is not null)
        {
            _byUrl.TryAdd(m.UrlKey, storyId);
        }
        if (m.TitleKey is not null)
        {
            _byTitle.TryAdd(m.TitleKey, storyId);
        }
    }

    private void Evict()
    {
        var horizon = _clock - _options.WindowMs;
        List<Story>? old = null;
        foreach (var s in _live.Values)
        {
            if (s.Last < horizon)
            {
                (old ??= []).Add(s);
            }
        }
        if (old is not null)
        {
            old.Sort((a, b) => a.Id.CompareTo(b.Id));
            foreach (var s in old)
            {
                _live.Remove(s.Id);
                _closed.Add(s.Id);
                foreach (var m in s.Members)
                {
                    Unindex(m, s.Id);
                }
            }
        }
        // Stories still live forget their articles from before the window.
        foreach (var s in _live.Values)
        {
            if (s.First < horizon)
            {
                Trim(s, horizon);
            }
        }
    }

    private void Unindex(Member m, long storyId)
    {
        foreach (var t in m.Terms.Terms)
        {
            var n = _df[t] - 1;
            if (n == 0)
            {
                _df.Remove(t);
            }
            else
            {
                _df[t] = n;
            }
        }
        _docs--;
        if (m.Body.Terms.Length > 0)
        {
            foreach (var t in m.Body.Terms)
            {
                var n = _bodyDf[t] - 1;
                if (n == 0)
                {
                    _bodyDf.Remove(t);
                }
                else
                {
                    _bodyDf[t] = n;
                }
            }
            _bodyDocs--;
        }
        if (m.UrlKey is not null && _byUrl.GetValueOrDefault(m.UrlKey) == storyId)
        {
            _byUrl.Remove(m.UrlKey);
        }
        if (m.TitleKey is not null && _byTitle.GetValueOrDefault(m.TitleKey) == storyId)
        {
            _byTitle.Remove(m.TitleKey);
        }
    }

    /// <summary>
    /// Embedding and lexical similarity of an article to a story: a blend of the similarity to the story as a whole
    /// (centroid, summed terms) and the mean similarity to its articles (average link), which keeps a broad story
    /// from pulling in everything on its theme.
    /// </summary>
    private (double Score, double Lexical) Similarity(Member m, Story story, double centroidCosine)
    {
        var alpha = _options.AverageLink;
        var members = story.Members;
        var embedding = centroidCosine;
        var lexical = _options.LexicalWeight > 0 ? Lexical(m.Terms, story) : 0;
        if (alpha > 0 && members.Count > 1)
        {
            var average = TensorPrimitives.Dot(m.Embedding, story.Sum) / members.Count;
            embedding = (1 - alpha) * centroidCosine + alpha * average;
            if (_options.LexicalWeight > 0)
            {
                // The most recent articles stand for a long story, which bounds the cost.
                var from = Math.Max(0, members.Count - MaxLinkedMembers);
                double sum = 0;
                for (var i = from; i < members.Count; i++)
                {
                    sum += Lexical(m.Terms, members[i].Terms);
                }
                lexical = (1 - alpha) * lexical + alpha * sum / (members.Count - from);
            }
        }
        return (embedding + _options.LexicalWeight * lexical, lexical);
    }

    private const int MaxLinkedMembers = 32;

    private double Lexical(TermBag a, TermBag b) => Cosine(a, b, _idf);

    /// <summary>Weighted cosine of two sorted term bags, each weight times <paramref name="weightOf"/> its term.</summary>
    private static double Cosine(TermBag a, TermBag b, Func<string, double> weightOf)
    {
        double dot = 0, na = 0, nb = 0;
        int i = 0, j = 0;
        for (var k = 0; k < b.Terms.Length; k++)
        {
            var x = b.Weights[k] * weightOf(b.Terms[k]);
            nb += x * x;
        }
        while (i < a.Terms.Length)
        {
            var idf = weightOf(a.Terms[i]);
            var wa = a.Weights[i] * idf;
            na += wa * wa;
            while (j < b.Terms.Length && string.CompareOrdinal(b.Terms[j], a.Terms[i]) < 0)
            {
                j++;
            }
            if (j < b.Terms.Length && string.Equals(b.Terms[j], a.Terms[i], StringComparison.Ordinal))
            {
                dot += wa * b.Weights[j] * idf;
            }
            i++;
        }
        return dot == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    private double TimePenalty(long from, long to, Story story) =>
        GapPenalty(to < story.First ? story.First - to : from > story.Last ? from - story.Last : 0);

    private double Idf(string term) => Math.Log((_docs + 1.0) / (_df.GetValueOrDefault(term) + 1.0)) + 1.0;

    /// <summary>IDF-weighted cosine between an article's terms and a story's summed terms.</summary>
    private double Lexical(TermBag a, Story story)
    {
        double dot = 0, na = 0;
        for (var i = 0; i < a.Terms.Length; i++)
        {
            var idf = Idf(a.Terms[i]);
            var wa = a.Weights[i] * idf;
            na += wa * wa;
            if (story.TermSum.TryGetValue(a.Terms[i], out var ws))
            {
                dot += wa * ws * idf;
            }
        }
        if (dot == 0)
        {
            return 0;
        }
        return dot / Math.Sqrt(na * Norm2(story.TermSum));
    }

    private double Lexical(Dictionary<string, float> a, Dictionary<string, float> b)
    {
        if (a.Count > b.Count)
        {
            (a, b) = (b, a);
        }
        double dot = 0;
        foreach (var (t, wa) in a)
        {
            if (b.TryGetValue(t, out var wb))
            {
                var idf = Idf(t);
                dot += wa * wb * idf * idf;
            }
        }
        return dot == 0 ? 0 : dot / Math.Sqrt(Norm2(a) * Norm2(b));
    }

    private double Norm2(Dictionary<string, float> bag)
    {
        double n = 0;
        foreach (var (t, w) in bag)
        {
            var x = w * Idf(t);
            n += x * x;
        }
        return n;
    }

    private sealed record Member(long Id, long Time, float[] Embedding, TermBag Terms, string? Source, string? UrlKey, string? TitleKey, string? Language)
    {
        /// <summary>Names, places and numbers of the whole text (empty for a lead alone).</summary>
        public TermBag Body { get; init; } = TermBag.Empty;

        /// <summary>The central sentences of the whole text and their embedding once made (null for a lead alone, or when body vectors are off).</summary>
        public CentralBody? Central { get; init; }

        public ArticleKind Kind { get; init; }

        /// <summary>The title's own embedding, kept only when the title term is on.</summary>
        public float[]? TitleVector { get; init; }

        /// <summary>The weekday the article's start gives its news, or null.</summary>
        public DayOfWeek? Weekday { get; init; }

        /// <summary>The day <see cref="Weekday"/> stands for at the article's time (<see cref="StoryText.NewsDay"/>), or null.</summary>
        public long? NewsDay { get; init; }
    }

    private sealed class Story(long id)
    {
        public long Id { get; } = id;
        public List<Member> Members { get; } = [];
        public float[] Sum { get; private set; } = [];
        public float Norm { get; private set; }
        public Dictionary<string, float> TermSum { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> Outlets { get; } = new(StringComparer.Ordinal);
        public long First { get; private set; } = long.MaxValue;
        public long Last { get; private set; } = long.MinValue;

        /// <summary>The language of its members that have one (they never differ), or null when none has.</summary>
        public string? Language { get; private set; }

        /// <summary>
        /// A story of reports when any of its articles is one; else the kind of its first article (a round-up's story
        /// holds only the round-up and its duplicates).
        /// </summary>
        public ArticleKind Kind
        {
            get
            {
                foreach (var m in Members)
                {
                    if (m.Kind == ArticleKind.Report)
                    {
                        return ArticleKind.Report;
                    }
                }
                return Members.Count > 0 ? Members[0].Kind : ArticleKind.Report;
            }
        }

        /// <summary>Adds the newest member; the same float operations, in the same order, as <see cref="Recompute"/>.</summary>
        public void Append(Member m)
        {
            if (Sum.Length == 0)
            {
                Sum = new float[m.Embedding.Length];
            }
            TensorPrimitives.Add(Sum, m.Embedding, Sum);
            Norm = TensorPrimitives.Norm(Sum);
            for (var i = 0; i < m.Terms.Terms.Length; i++)
            {
                TermSum[m.Terms.Terms[i]] = TermSum.GetValueOrDefault(m.Terms.Terms[i]) + m.Terms.Weights[i];
            }
            if (m.Source is not null)
            {
                Outlets[m.Source] = Outlets.GetValueOrDefault(m.Source) + 1;
            }
            First = Math.Min(First, m.Time);
            Last = Math.Max(Last, m.Time);
            Language ??= m.Language;
        }

        public void Recompute()
        {
            Sum = [];
            Norm = 0;
            TermSum.Clear();
            Outlets.Clear();
            First = long.MaxValue;
            Last = long.MinValue;
            Language = null;
            foreach (var m in Members)
            {
                Append(m);
            }
        }
    }
}
