using System.Numerics.Tensors;

namespace Salient.Stories;

internal sealed partial class StoryAssigner
{
    /// <summary>The most articles <see cref="GroupAtOnce"/> takes: it keeps a score for every pair (4 bytes each).</summary>
    public const int AtOnceMax = 8_000;

    /// <summary>
    /// Groups a finished set of articles all at once, so the order they come in plays no part: every pair is scored as
    /// a join scores an article against a story of one article (embedding and lexical similarity, the same-outlet,
    /// news-day and time penalties, the whole bodies for borderline pairs; two articles further apart than the window
    /// never share a story). Then, round after round, every story (at first, every article) finds its best partner by
    /// the average score over their pairs of articles, less the size penalty a join pays; two stories of several
    /// articles each are partners only on <see cref="StoryOptions.MergeThreshold"/>, as a merge would be (never,
    /// without times), or as the pairs one big event's reports form are (<see cref="StoryOptions.JoinGrownStories"/>).
    /// Two that are each other's best and reach <see cref="StoryOptions.JoinThreshold"/> become one; when none is left,
    /// two that reach <see cref="StoryOptions.LooseThreshold"/> with no rival within <see cref="StoryOptions.Margin"/>,
    /// or, when a rival is near, <see cref="StoryOptions.ContestedLooseThreshold"/> with
    /// <see cref="StoryOptions.ContestedMargin"/> over it (as the side that joins sees them: the smaller story's, or of
    /// two of one size the clearer side's; only stories begun by the time its newest article came out, as in the
    /// stream) do. Each round's pairs are disjoint. Duplicates (one link, one headline, within the window of each
    /// other) are one story from the start; round-ups stay alone. Opinion pieces take their turn after the
    /// reports have made their stories, and pair with each other only after that (<see cref="OpinionPhase"/>); while
    /// they wait, they still count as rivals. Returns story ids by index.
    /// </summary>
    public long[] GroupAtOnce(IReadOnlyList<StoryArticle> articles, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var n = articles.Count;
        if (n > AtOnceMax)
        {
            throw new ArgumentException($"{n} articles are more than the {AtOnceMax} grouped at once", nameof(articles));
        }
        var members = new Member[n];
        for (var i = 0; i < n; i++)
        {
            members[i] = ToMember(articles[i]);
            Index(members[i], 0);
        }
        var rootOf = Rounds(members, held: [], ct);
        // Numbered in the order of their first articles' times, as the stream numbers them.
        var ids = new Dictionary<int, long>();
        var stories = new long[n];
        foreach (var i in InTime(members))
        {
            if (!ids.TryGetValue(rootOf[i], out var id))
            {
                ids[rootOf[i]] = id = NextStoryId++;
            }
            stories[i] = id;
        }
        return stories;
    }

    /// <summary>
    /// Assigns a batch of articles all at once with the live window (<see cref="StoryOptions.BatchAtOnce"/>): the live
    /// stories near any of them (each article's <see cref="StoryOptions.CandidateCount"/> nearest, as in the stream)
    /// go through the rounds of <see cref="GroupAtOnce"/> with the batch, each as one entry of its size whose score
    /// with an article is the stream's join score of that article with it, and which takes the batch's articles on its
    /// event even once they have paired; two live stories never become one there. An article ends in the live story
    /// its group reached, or in a new story begun by its group's first article; a duplicate of an article in the
    /// window (one link, one headline) joins its story first, as in the stream. Then each live story that gained
    /// articles merges with its neighbours as the stream's stories do. Above <see cref="AtOnceMax"/> entries, or with
    /// the embedding of central sentences on (<see cref="StoryOptions.BodyVectorWeight"/>), the batch goes one by one in
    /// time order. Returns one assignment per article, in time order, then one per merge (the stories an article's
    /// story absorbed, as <see cref="Assignment.Merged"/>).
    /// </summary>
    public IReadOnlyList<Assignment> AssignAtOnce(IReadOnlyList<StoryArticle> batch, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var a in batch)
        {
            if (a.Embedding.Length == 0)
            {
                throw new ArgumentException($"article {a.Id} has no embedding", nameof(batch));
            }
        }
        var order = Enumerable.Range(0, batch.Count).ToArray();
        Array.Sort(order, (x, y) => batch[x].TimeMs != batch[y].TimeMs ? batch[x].TimeMs.CompareTo(batch[y].TimeMs) : x.CompareTo(y));
        var assignments = new List<Assignment>(batch.Count);
        var newest = batch.Count == 0 ? long.MinValue : batch.Max(a => a.TimeMs);
        if (newest > _clock || _restored)
        {
            _clock = Math.Max(_clock, newest);
            _restored = false;
            Evict();
        }
        // A duplicate of an article in the window joins its story, as in the stream; the others are grouped together.
        var rest = new List<int>();
        var restMembers = new List<Member>();
        foreach (var i in order)
        {
            var m = ToMember(batch[i]);
            if ((m.UrlKey is not null && _byUrl.ContainsKey(m.UrlKey)) || (m.TitleKey is not null && _byTitle.ContainsKey(m.TitleKey)))
            {
                assignments.Add(Assign(batch[i], ct));
            }
            else
            {
                rest.Add(i);
                restMembers.Add(m);
            }
        }
        // The embedding of central sentences (Stories:BodyVectorWeight) weighs a borderline join of an article with a
        // story, which only the stream makes.
        if (rest.Count < 2 || _embedBodies is not null)
        {
            assignments.AddRange(rest.Select(i => Assign(batch[i], ct)));
            return assignments;
        }
        var fresh = restMembers.ToArray();
        var near = new List<Story>();
        var seen = new HashSet<long>();
        foreach (var m in fresh)
        {
            if (_options.SeparateCommentary && m.Kind == ArticleKind.Roundup)
            {
                continue;
            }
            foreach (var (story, _) in Candidates(m.Embedding, null))
            {
                if (seen.Add(story.Id))
                {
                    near.Add(story);
                }
            }
        }
        near.Sort((a, b) => a.Id.CompareTo(b.Id));
        if (near.Count + fresh.Length > AtOnceMax)
        {
            assignments.AddRange(rest.Select(i => Assign(batch[i], ct)));
            return assignments;
        }
        var rootOf = Rounds([.. near.Select(Stand), .. fresh], near, ct);
        var storyOfRoot = new Dictionary<int, Story>();
        for (var h = 0; h < near.Count; h++)
        {
            storyOfRoot[rootOf[h]] = near[h];
        }
        var heldCount = near.Count;
        var touched = new List<Story>();
        for (var k = 0; k < fresh.Length; k++)
        {
            var root = rootOf[heldCount + k];
            var created = !storyOfRoot.TryGetValue(root, out var story);
            if (created)
            {
                story = new Story(NextStoryId++);
                _live.Add(story.Id, story);
                storyOfRoot[root] = story;
            }
            var m = fresh[k];
            var duplicate = !created && ((m.UrlKey is not null && _byUrl.GetValueOrDefault(m.UrlKey) == story!.Id)
                || (m.TitleKey is not null && _byTitle.GetValueOrDefault(m.TitleKey) == story!.Id));
            Join(story!, m);
            assignments.Add(new Assignment(m.Id, story!.Id, created, duplicate, []));
            if (seen.Contains(story.Id) && !touched.Contains(story))
            {
                touched.Add(story);
            }
        }
        // As in the stream, a story that gained articles may now be one with a neighbour. The merge is told by an
        // article of the story that set it off, after every article's own assignment, so the store moves them all.
        foreach (var story in touched)
        {
            if (!_live.ContainsKey(story.Id) || story.Norm <= 0)
            {
                continue;
            }
            var centroid = story.Sum.Select(v => v / story.Norm).ToArray();
            var (survivor, absorbed) = MergeNeighbours(story, Candidates(centroid, story));
            if (absorbed.Count > 0)
            {
                var carrier = assignments.Last(a => a.StoryId == story.Id);
                assignments.Add(new Assignment(carrier.ArticleId, survivor, Created: false, Duplicate: false, absorbed));
            }
        }
        // A late article from before the window is placed but not kept, as in the stream.
        var horizon = _clock - _options.WindowMs;
        foreach (var id in assignments.Select(a => a.StoryId).Distinct().ToList())
        {
            if (_live.TryGetValue(id, out var story) && story.First < horizon)
            {
                Trim(story, horizon);
                if (story.Members.Count == 0)
                {
                    _live.Remove(story.Id);
                    _closed.Add(story.Id);
                }
            }
        }
        return assignments;
    }

    /// <summary>The entry by which a live story takes part in <see cref="Rounds"/>: its times, language and kind.</summary>
    private static Member Stand(Story story) =>
        new(-story.Id, story.Last, story.Sum, TermBag.Empty, null, null, null, story.Language) { Kind = story.Kind };

    /// <summary>
    /// What an article scores with a live story in <see cref="Rounds"/>: the stream's join score (<see cref="Assign"/>)
    /// before the size and time penalties, which the rounds charge; the whole bodies weigh in within the band of the
    /// bars, as for two articles (<see cref="PairScore"/>); −1 where the two never share a story (another language, a
    /// round-up).
    /// </summary>
    private double HeldScore(Member m, Story story)
    {
        const double Apart = -1;
        if (!SameLanguage(story.Language, m.Language)
            || (_options.SeparateCommentary && (m.Kind == ArticleKind.Roundup || story.Kind == ArticleKind.Roundup)))
        {
            return Apart;
        }
        var cosine = story.Norm > 0 ? TensorPrimitives.Dot(m.Embedding, story.Sum) / story.Norm : 0;
        if (cosine < _options.CandidateFloor)
        {
            return cosine;
        }
        var (score, lexical) = JoinScore(m, story, cosine);
        // The bars are read as the stream would score the article alone; the rounds charge the time once for all the
        // batch's articles that join the story together.
        var sized = score - TimePenalty(m.Time, m.Time, story) - SizePenaltyOf(story.Members.Count);
        if (Commentary(m, story))
        {
            return MeetsOnTheEvent(m, story, lexical, sized) ? score : Math.Min(score, NotAboutTheEvent);
        }
        var band = _options.BodyBand;
        if (_options.BodyWeight > 0 && band > 0 && sized >= Math.Min(_options.LooseThreshold, _options.JoinThreshold) - band
            && sized <= _options.JoinThreshold + band && BodySimilarity(m, story) is { } body)
        {
            score += _options.BodyWeight * (body - _options.BodyPivot);
        }
        return score;
    }

    /// <summary>Indexes of the members in time order (ties by index).</summary>
    private static int[] InTime(Member[] members)
    {
        var inTime = Enumerable.Range(0, members.Length).ToArray();
        Array.Sort(inTime, (x, y) => members[x].Time != members[y].Time ? members[x].Time.CompareTo(members[y].Time) : x.CompareTo(y));
        return inTime;
    }

    /// <summary>
    /// The rounds of <see cref="GroupAtOnce"/> over <paramref name="members"/>; returns, for each, the lowest index of
    /// the story it ends in. The first members may stand for live stories (<paramref name="held"/>, in that order,
    /// <see cref="Stand"/>): each counts as its story's articles, scores with an article as the stream's join does
    /// (<see cref="HeldScore"/>), takes new articles that paired first on the score of the first of them, and never
    /// becomes one with another live story (<see cref="AssignAtOnce"/>).
    /// </summary>
    private int[] Rounds(Member[] members, IReadOnlyList<Story> held, CancellationToken ct)
    {
        var n = members.Length;
        var heldCount = held.Count;
        // The sum of pair scores between two stories, by their lowest index; at first every article is its own story.
        var sum = new float[n * n];
        for (var i = 0; i < n; i++)
        {
            ct.ThrowIfCancellationRequested();
            for (var j = i + 1; j < n; j++)
            {
                if (j < heldCount)
                {
                    // Two live stories never become one here, so what they score together is never read.
                    continue;
                }
                var s = i < heldCount ? (float)HeldScore(members[j], held[i]) : (float)PairScore(members[i], members[j]);
                sum[(i * n) + j] = s;
                sum[(j * n) + i] = s;
            }
        }
        var size = Enumerable.Range(0, n).Select(i => i < heldCount ? held[i].Members.Count : 1).ToArray();
        // The articles of each story, by its lowest index.
        var storyOf = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToArray();
        // The sum of pair scores within each story.
        var inner = new double[n];
        var root = Enumerable.Range(0, n).ToArray();
        var alive = Enumerable.Repeat(true, n).ToArray();
        // Stories that hold a live story (by lowest index).
        var isHeld = Enumerable.Range(0, n).Select(i => i < heldCount).ToArray();
        // Each story's first and newest article time.
        var since = Enumerable.Range(0, n).Select(i => i < heldCount ? held[i].First : members[i].Time).ToArray();
        var latest = Enumerable.Range(0, n).Select(i => i < heldCount ? held[i].Last : members[i].Time).ToArray();
        // Stories of opinion pieces only, and stories with a report among them (or every story, when kinds are not told).
        var opinion = members.Select(m => _options.SeparateCommentary && m.Kind == ArticleKind.Opinion).ToArray();
        // Where some are opinion pieces, the reports make their stories first, then each opinion piece may join one,
        // and only then may opinion pieces left over pair with each other (OpinionPhase).
        var phase = opinion.Any(o => o) ? OpinionPhase.ReportsOnly : OpinionPhase.All;
        // A duplicate joins the newest earlier article with its key, as in the stream, where a story the window has
        // left behind is no longer found by its link or headline.
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var i in InTime(members))
        {
            foreach (var key in (string?[])[members[i].UrlKey is { } u ? "u:" + u : null, members[i].TitleKey is { } t ? "t:" + t : null])
            {
                if (key is null)
                {
                    continue;
                }
                if (byKey.TryGetValue(key, out var earlier) && members[i].Time - members[earlier].Time <= _options.WindowMs
                    && Find(earlier) is var a && Find(i) is var b && a != b && !(isHeld[a] && isHeld[b]))
                {
                    Join(Math.Min(a, b), Math.Max(a, b));
                }
                byKey[key] = i;
            }
        }
        var top = new int[n];
        var first = new double[n];
        var second = new double[n];
        var loose = Math.Min(_options.LooseThreshold, _options.JoinThreshold);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            for (var a = 0; a < n; a++)
            {
                top[a] = -1;
                first[a] = second[a] = double.NegativeInfinity;
                if (!alive[a])
                {
                    continue;
                }
                double seen1 = double.NegativeInfinity, seen2 = double.NegativeInfinity;
                var seenTop = -1;
                for (var b = 0; b < n; b++)
                {
                    if (b == a || !alive[b] || (isHeld[a] && isHeld[b]))
                    {
                        continue;
                    }
                    var v = isHeld[a] == isHeld[b]
                        ? (sum[(a * n) + b] / ((double)size[a] * size[b])) - SizePenaltyOf(size[a] + size[b] - 1)
                        // A live story and new articles: the first of them decides, as in the stream, where it would
                        // bring the others in after it, each near the one before; they pay once for the time between
                        // the story's nearest article and the nearest of theirs.
                        : sum[(a * n) + b] - SizePenaltyOf(size[a] + size[b] - 1)
                            - GapPenalty(Math.Max(0, Math.Max(since[a] - latest[b], since[b] - latest[a])));
                    if (size[a] > 1 && size[b] > 1 && !isHeld[a] && !isHeld[b] && v < _options.MergeThreshold
                        && !(v >= _options.JoinThreshold && OneEvent(a, b)))
                    {
                        // Two stories of several articles each become one as a merge would, or where they are one
                        // event's reports paired off (OneEvent); not otherwise: that is what glues two events of one
                        // theme together. A live story is the exception: the batch's new articles on its event join it
                        // as each would in the stream, even when they have paired first.
                        continue;
                    }
                    // A partner whose turn has not come still counts as a rival: a report whose own event's other
                    // articles are opinion pieces does not take the next event's story for want of them.
                    var waits = (phase == OpinionPhase.ReportsOnly && (opinion[a] || opinion[b]))
                        || (phase == OpinionPhase.OpinionToReports && opinion[a] && opinion[b]);
                    if (!waits && v > first[a])
                    {
                        first[a] = v;
                        top[a] = b;
                    }
                    // A rival is a story that had begun by the time this one's newest article came out, as the
                    // stream would have seen it (with times alike, every story).
                    if (since[b] <= latest[a])
                    {
                        if (v > seen1)
                        {
                            seen2 = seen1;
                            seen1 = v;
                            seenTop = b;
                        }
                        else if (v > seen2)
                        {
                            seen2 = v;
                        }
                    }
                }
                second[a] = seenTop == top[a] ? seen2 : seen1;
            }
            if (JoinMutual(clearOnly: false) == 0 && JoinMutual(clearOnly: true) == 0)
            {
                if (phase == OpinionPhase.All)
                {
                    break;
                }
                // The reports have made their stories: now an opinion piece may join one, as it joins the story its
                // event already has in the stream, rather than pair with one report before the others gather; and
                // only when none is left to join may two opinion pieces pair, since two that have paired are a story
                // of several articles, which joins the reports' story only as a merge would.
                phase++;
            }
        }
        var rootOf = new int[n];
        for (var i = 0; i < n; i++)
        {
            rootOf[i] = Find(i);
        }
        return rootOf;

        // Joins every two stories that are each other's best partner and reach the join bar (or, clearOnly, the loose
        // bar with no rival within the margin); the pairs are disjoint, so the round's order does not matter.
        int JoinMutual(bool clearOnly)
        {
            var joined = 0;
            for (var a = 0; a < n; a++)
            {
                var b = top[a];
                if (b <= a || top[b] != a)
                {
                    continue;
                }
                if (clearOnly ? ClearWinner(a, b) : first[a] >= _options.JoinThreshold)
                {
                    Join(a, b);
                    joined++;
                }
            }
            return joined;
        }

        // A loose join: a contested one (a rival near enough) is judged by its lead over the rival; one with nothing
        // near needs the stream's loose bar and margin (StoryOptions.ContestedLooseThreshold).
        bool ClearWinner(int a, int b)
        {
            var rival = Rival(a, b);
            // A live story takes new articles on the stream's loose bar and margin.
            var contested = !isHeld[a] && !isHeld[b] && rival >= _options.ContestedLooseThreshold - _options.ContestedMargin;
            var bar = contested ? Math.Min(_options.ContestedLooseThreshold, loose) : loose;
            var lead = contested ? _options.ContestedMargin : _options.Margin;
            return first[a] >= bar && first[a] - Math.Max(rival, bar - lead) >= lead;
        }

        // A join is judged from the side that joins, as in the stream: the smaller story's rivals count; of two of
        // one size, the side with the clearer winner.
        double Rival(int a, int b) => size[a] < size[b] ? second[a] : size[b] < size[a] ? second[b] : Math.Min(second[a], second[b]);

        void Join(int a, int b)
        {
            inner[a] += inner[b] + sum[(a * n) + b];
            for (var c = 0; c < n; c++)
            {
                if (alive[c] && c != a && c != b)
                {
                    // With a live story, the score of the first of the new articles (see the rounds); a live story
                    // that takes new articles scores with another by the mean over all its articles, theirs included.
                    var s = isHeld[c] ? (since[a] <= since[b] ? sum[(a * n) + c] : sum[(b * n) + c])
                        : isHeld[a] ? ((size[a] * sum[(a * n) + c]) + (sum[(b * n) + c] / size[c])) / (size[a] + size[b])
                        : sum[(a * n) + c] + sum[(b * n) + c];
                    sum[(a * n) + c] = s;
                    sum[(c * n) + a] = s;
                }
            }
            since[a] = Math.Min(since[a], since[b]);
            latest[a] = Math.Max(latest[a], latest[b]);
            size[a] += size[b];
            storyOf[a].AddRange(storyOf[b]);
            storyOf[b].Clear();
            opinion[a] &= opinion[b];
            isHeld[a] |= isHeld[b];
            alive[b] = false;
            root[b] = a;
        }

        // Two stories told at the same time (the spans of their articles' times overlap), as alike across as within, and
        // every article of the smaller reaching the loose bar with the larger on its own, as in the stream: one event
        // whose reports paired off in the first round (StoryOptions.JoinGrownStories). Two events of one theme follow
        // each other and are each tighter than the two together; without a clock, nothing is left to tell them apart.
        bool OneEvent(int a, int b)
        {
            if (!_options.JoinGrownStories || double.IsPositiveInfinity(_options.MergeThreshold) || since[a] > latest[b] || since[b] > latest[a])
            {
                return false;
            }
            // They read as much alike across as each reads within (StoryOptions.GrownStoriesGap): two events of one theme
            // are each tighter than the two together.
            var across = sum[(a * n) + b] / ((double)size[a] * size[b]);
            if (across < Math.Min(Cohesion(a), Cohesion(b)) - _options.GrownStoriesGap)
            {
                return false;
            }
            // The score matrix keeps only each story's sums, so the few pairs that come this far are scored again.
            var (small, large) = size[a] <= size[b] ? (a, b) : (b, a);
            var penalty = SizePenaltyOf(size[large]);
            foreach (var x in storyOf[small])
            {
                double total = 0;
                foreach (var y in storyOf[large])
                {
                    total += PairScore(members[x], members[y]);
                }
                if ((total / size[large]) - penalty < loose)
                {
                    return false;
                }
            }
            return true;
        }

        // The average score of the pairs within a story of several articles.
        double Cohesion(int a) => inner[a] / (size[a] * (size[a] - 1) / 2.0);

        int Find(int i)
        {
            while (root[i] != i)
            {
                root[i] = root[root[i]];
                i = root[i];
            }
            return i;
        }
    }

    /// <summary>What grouping at once lets pair, in turn, when some articles are opinion pieces.</summary>
    private enum OpinionPhase
    {
        /// <summary>Reports with reports; opinion pieces wait.</summary>
        ReportsOnly,

        /// <summary>An opinion piece (or a story of them) with a story of reports.</summary>
        OpinionToReports,

        /// <summary>Any two.</summary>
        All,
    }

    /// <summary>
    /// The most an opinion piece and a report that fail the commentary rule score together: below the loose bar less
    /// the margin, so the pair counts against a join without barring it (the column may still name the event beside
    /// the story's other reports).
    /// </summary>
    private double NotAboutTheEvent => Math.Min(_options.LooseThreshold, _options.JoinThreshold) - _options.Margin;

    /// <summary>What a join pays for the time between two articles, as <see cref="TimePenalty"/> does between an article and a story.</summary>
    private double GapPenalty(long gap)
    {
        var hours = gap / 3_600_000.0 - _options.TimeGraceHours;
        return hours <= 0 ? 0 : _options.TimePenaltyPerDay * hours / 24.0;
    }

    private double SizePenaltyOf(int others) => Math.Min(_options.SizePenaltyMax, _options.SizePenalty * Math.Max(0, others - _options.SizeFree));

    /// <summary>
    /// The score of two articles as a join scores an article against a story of one article; −1 for two that never
    /// share a story (languages that differ, a round-up, an opinion piece and a report without the event's names).
    /// </summary>
    private double PairScore(Member a, Member b)
    {
        const double Apart = -1;
        var gap = Math.Abs(a.Time - b.Time);
        if (!SameLanguage(a.Language, b.Language) || (_options.SeparateCommentary && (a.Kind == ArticleKind.Roundup || b.Kind == ArticleKind.Roundup))
            || gap > _options.WindowMs)
        {
            return Apart;
        }
        var cosine = TensorPrimitives.Dot(a.Embedding, b.Embedding);
        if (cosine < _options.CandidateFloor)
        {
            return cosine;
        }
        var lexical = _options.LexicalWeight > 0 ? Lexical(a.Terms, b.Terms) : 0;
        // An opinion piece and a report meet only on the event's own names, places and numbers, and then on the full
        // join score or on whole texts that name the same ones, as in the stream.
        var commentary = _options.SeparateCommentary && (a.Kind == ArticleKind.Opinion) != (b.Kind == ArticleKind.Opinion);
        if (commentary && lexical < _options.CommentaryLexical)
        {
            return Math.Min(cosine, NotAboutTheEvent);
        }
        var s = cosine + (_options.LexicalWeight * lexical)
            - (a.Source is not null && string.Equals(a.Source, b.Source, StringComparison.Ordinal) ? _options.SameOutletPenalty : 0)
            - (_options.EventDayPenalty > 0 && a.NewsDay is { } da && b.NewsDay is { } db && da != db ? _options.EventDayPenalty : 0)
            - GapPenalty(gap);
        if (commentary)
        {
            // The whole texts decide when both have one; two leads alone, the join score.
            var about = a.Body.Terms.Length > 0 && b.Body.Terms.Length > 0
                ? _options.CommentaryBody <= 1 && Cosine(a.Body, b.Body, _bodyIdf) >= _options.CommentaryBody
                : s >= _options.JoinThreshold;
            return about ? s : Math.Min(s, NotAboutTheEvent);
        }
        if (_options.BodyWeight > 0 && _options.BodyBand > 0 && a.Body.Terms.Length > 0 && b.Body.Terms.Length > 0
            && s >= Math.Min(_options.LooseThreshold, _options.JoinThreshold) - _options.BodyBand && s <= _options.JoinThreshold + _options.BodyBand)
        {
            s += _options.BodyWeight * (Cosine(a.Body, b.Body, _bodyIdf) - _options.BodyPivot);
        }
        return s;
    }
}
