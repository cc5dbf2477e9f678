using System.Numerics.Tensors;

namespace Salient.Stories;

/// <summary>
/// What the thread rule knows of a story: its unit centroid, when its articles ran, the terms of its titles (its own and
/// its representative article's) and the thread it is in (null: none yet).
/// </summary>
internal sealed record ThreadProfile(long Id, float[] Unit, long FirstPublished, long LastPublished, TermBag Terms, long? ThreadId)
{
    /// <summary>
    /// A profile from a story's row; null when its centroid is missing, of another size, or zero. <paramref name="names"/>:
    /// the words the story's text writes as names (<see cref="StoryText.NamesIn"/>), which then tell the names of a title in
    /// Title Case; null: the titles' own capitals.
    /// </summary>
    public static ThreadProfile? Of(long id, float[]? centroid, long firstPublished, long lastPublished, string? title, string? repTitle, long? threadId,
        IReadOnlySet<string>? names = null)
    {
        if (centroid is null || centroid.Length == 0)
        {
            return null;
        }
        var norm = TensorPrimitives.Norm(centroid);
        if (norm == 0 || !float.IsFinite(norm))
        {
            return null;
        }
        var unit = new float[centroid.Length];
        TensorPrimitives.Divide(centroid, norm, unit);
        return new ThreadProfile(id, unit, firstPublished, Math.Max(firstPublished, lastPublished), TitleTerms(title, repTitle, names), threadId);
    }

    /// <summary>
    /// The terms of a story's title and its representative article's title, as grouping reads a title; with
    /// <paramref name="names"/>, a title in Title Case has as names only the words the story's text writes as names.
    /// </summary>
    public static TermBag TitleTerms(string? title, string? repTitle, IReadOnlySet<string>? names = null)
    {
        var heading = string.Equals(title, repTitle, StringComparison.Ordinal) || string.IsNullOrWhiteSpace(repTitle) ? title ?? "" : $"{title}\n{repTitle}";
        return StoryText.Terms(heading, null, 0, names);
    }
}

/// <summary>The thread rule's settings; <see cref="Default"/> is what the pipeline uses, the others are for measuring.</summary>
/// <param name="Recent">How many members of a thread, the nearest in time to the story, stand for the thread as a whole; 0: none (a link to any member is enough, the chain rule).</param>
/// <param name="Leave">Whether a story linked again leaves a thread it no longer matches (false: once in a thread, always in it).</param>
/// <param name="StaySimilarity">The cosine floor a story already in a thread must keep to stay in it (null: the joining floor).</param>
/// <param name="StayLexical">The names floor a story already in a thread must keep to stay in it (null: the joining floor).</param>
/// <param name="LeaveAfter">How many re-links in a row must find a story no longer matching its thread before it leaves (the evaluation's replay only).</param>
/// <param name="StayByWhole">Whether a story already in a thread stays while it matches the thread as a whole, linked to none of its members.</param>
/// <param name="MinSum">A floor on cosine plus names together (none by default): evidence weak on one side must be made up on the other.</param>
internal sealed record ThreadSettings(double MinSimilarity = ThreadRule.MinSimilarity, double MinLexical = ThreadRule.MinLexical, long HorizonMs = ThreadRule.HorizonMs,
    int Recent = ThreadRule.Recent, bool Majority = false, bool Leave = true, double? StaySimilarity = null, double? StayLexical = null, int LeaveAfter = 1,
    bool StayByWhole = false, double MinSum = double.NegativeInfinity)
{
    public static readonly ThreadSettings Default = new();

    /// <summary>The floors a story already in a thread is judged by to stay in it.</summary>
    public ThreadSettings Staying => this with { MinSimilarity = StaySimilarity ?? MinSimilarity, MinLexical = StayLexical ?? MinLexical };
}

/// <summary>
/// Where a story goes: the thread it is filed in (null: none), the stories without a thread that take it with it, the
/// threads whose every story moves to it, and the thread it left because it no longer matches it (null: none).
/// </summary>
internal sealed record ThreadDecision(long? Thread, IReadOnlyList<long> Joined, IReadOnlyList<long> Moved, long? Left = null)
{
    public static readonly ThreadDecision None = new(null, [], []);
}

/// <summary>
/// Threads: a long-running topic (a war, a campaign, a trial) outlives the 72 hours a story takes articles, so its
/// successive stories are linked into one thread. Two stories are linked when
/// <list type="number">
/// <item>their articles run at most <see cref="HorizonMs"/> (30 days) apart;</item>
/// <item>their centroids lie near: cosine at least <see cref="MinSimilarity"/>;</item>
/// <item>their titles share rare names and places: the IDF-weighted term cosine of "More on this topic"
/// (<see cref="RelatedRule.Lexical"/>) over their titles alone at least <see cref="MinLexical"/>.</item>
/// </list>
/// A link is needed but not enough: a story joins a thread only when it also matches the thread as a whole, the same
/// two floors against the thread's <see cref="Recent"/> members nearest in time to it (their mean centroid, their
/// titles' names together), so that a thread cannot drift link by link to another topic. A story that matches several
/// threads joins the one it matches best, and two threads are joined only when they match each other as wholes. A
/// story linked again after it changed stays in its thread only while it would join it now (linked to a member and
/// matching the others as a whole); else it leaves it, and may join another. A thread's id is the smallest id of its
/// stories: when two threads join the older id (the smaller: story ids grow with time) wins and every story of the
/// other moves to it; when a thread's story leaves, the thread takes the smallest id of the stories left, and a thread
/// left with one story is none.
/// </summary>
internal static class ThreadRule
{
    public const long HorizonMs = 30 * 86_400_000L;
    public const double MinSimilarity = 0.6;
    public const double MinLexical = 0.2;
    public const int Recent = 3;

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are linked by the rule.</summary>
    public static bool Links(ThreadProfile a, ThreadProfile b, TermCounts counts, ThreadSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(counts);
        var rule = settings ?? ThreadSettings.Default;
        if (a.Id == b.Id || a.Unit.Length != b.Unit.Length || Gap(a, b) > rule.HorizonMs)
        {
            return false;
        }
        return Matches(a.Unit, a.Terms, b.Unit, b.Terms, counts, rule);
    }

    private static bool Matches(float[] a, TermBag aTerms, float[] b, TermBag bTerms, TermCounts counts, ThreadSettings rule)
    {
        if (a.Length != b.Length)
        {
            return false;
        }
        var cosine = TensorPrimitives.Dot(a, b);
        var names = RelatedRule.Lexical(aTerms, bTerms, counts);
        return cosine >= rule.MinSimilarity && names >= rule.MinLexical && cosine + names >= rule.MinSum;
    }

    /// <summary>True when the titles alone could link the two: the cheap test that decides whose centroids are read.</summary>
    public static bool SharesNames(TermBag a, TermBag b, TermCounts counts, ThreadSettings? settings = null) =>
        RelatedRule.Lexical(a, b, counts) >= (settings ?? ThreadSettings.Default).MinLexical;

    /// <summary>Milliseconds between the two stories' runs of articles; 0 when they overlap.</summary>
    public static long Gap(ThreadProfile a, ThreadProfile b) =>
        Math.Max(0, Math.Max(a.FirstPublished - b.LastPublished, b.FirstPublished - a.LastPublished));

    /// <summary>
    /// The thread <paramref name="story"/> is in once linked to <paramref name="linked"/>: the oldest (smallest) of their
    /// thread ids, a story with no thread counting by its own id; null when nothing is linked and it had no thread.
    /// </summary>
    public static long? ThreadOf(ThreadProfile story, IReadOnlyCollection<ThreadProfile> linked)
    {
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(linked);
        if (linked.Count == 0)
        {
            return story.ThreadId;
        }
        return linked.Append(story).Min(p => p.ThreadId ?? p.Id);
    }

    /// <summary>
    /// The members of a group that stand for it seen from <paramref name="story"/>: the <see cref="ThreadSettings.Recent"/>
    /// nearest in time to it (the newest first when as near).
    /// </summary>
    public static List<ThreadProfile> RecentOf(ThreadProfile story, IEnumerable<ThreadProfile> members, ThreadSettings rule) =>
        [.. members.OrderBy(m => Gap(story, m)).ThenByDescending(m => m.LastPublished).ThenByDescending(m => m.Id).Take(Math.Max(1, rule.Recent))];

    /// <summary>A group of stories as one: the unit mean of their centroids and their titles' terms together.</summary>
    private static (float[] Unit, TermBag Terms) Whole(IReadOnlyList<ThreadProfile> members)
    {
        var sum = new float[members[0].Unit.Length];
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var m in members)
        {
            if (m.Unit.Length == sum.Length)
            {
                TensorPrimitives.Add(sum, m.Unit, sum);
            }
            for (var i = 0; i < m.Terms.Terms.Length; i++)
            {
                weights[m.Terms.Terms[i]] = weights.GetValueOrDefault(m.Terms.Terms[i]) + m.Terms.Weights[i];
            }
        }
        var norm = TensorPrimitives.Norm(sum);
        if (norm > 0)
        {
            TensorPrimitives.Divide(sum, norm, sum);
        }
        var terms = weights.Keys.ToArray();
        Array.Sort(terms, StringComparer.Ordinal);
        return (sum, new TermBag(terms, [.. terms.Select(t => weights[t])]));
    }

    /// <summary>
    /// Where <paramref name="story"/> goes, given the stories of its horizon (<paramref name="others"/>, with their
    /// threads as they stand; a story without one is a group of its own). It joins a group it is linked to
    /// (<see cref="Links"/>) and that it matches as a whole (its recent members); of several, the one whose mean
    /// centroid lies nearest. A story already in a thread stays in it while it would join it now (its other members
    /// within the horizon as the group); else it leaves it (<see cref="ThreadDecision.Left"/>) and is filed as a story in
    /// none. Another group it matches joins too only when that group and the thread match each other as wholes: one weak
    /// link never joins two threads.
    /// </summary>
    public static ThreadDecision Decide(ThreadProfile story, IReadOnlyList<ThreadProfile> others, TermCounts counts, ThreadSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(others);
        ArgumentNullException.ThrowIfNull(counts);
        var rule = settings ?? ThreadSettings.Default;
        var near = others.Where(o => o.Id != story.Id && o.Unit.Length == story.Unit.Length && Gap(story, o) <= rule.HorizonMs).ToList();
        var groups = near.GroupBy(o => o.ThreadId ?? o.Id).ToDictionary(g => g.Key, g => g.ToList());
        var own = story.ThreadId;
        long? left = null;
        // A story in a thread stays only while it would join it now: linked to one of the others, matching them as a whole.
        if (rule.Leave && own is { } current && Fit(story, groups.GetValueOrDefault(current) ?? [], counts, rule.Staying, linked: !rule.StayByWhole) is null)
        {
            left = current;
            own = null;
            story = story with { ThreadId = null };
        }
        // Each group linked to the story, with how near the story lies to it as a whole; those it does not match as a whole drop out.
        var matched = new List<(long Key, List<ThreadProfile> Members, double Cosine)>();
        foreach (var (key, members) in groups)
        {
            if (key == own || key == left)
            {
                continue;
            }
            if (Fit(story, members, counts, rule) is { } cosine)
            {
                matched.Add((key, members, cosine));
            }
        }
        if (matched.Count == 0)
        {
            return own is { } stay ? new ThreadDecision(stay, [], []) : left is null ? ThreadDecision.None : new ThreadDecision(null, [], [], left);
        }
        matched.Sort((x, y) => y.Cosine.CompareTo(x.Cosine) is var c && c != 0 ? c : x.Key.CompareTo(y.Key));
        // The thread: the story's own, else the group it matches best; then every other matched group that matches it as a whole.
        var thread = new List<ThreadProfile> { story };
        if (own is { } mine)
        {
            thread.AddRange(groups.GetValueOrDefault(mine) ?? []);
        }
        else
        {
            thread.AddRange(matched[0].Members);
            matched.RemoveAt(0);
        }
        foreach (var (_, members, _) in matched)
        {
            if (rule.Recent > 0)
            {
                var (unit, terms) = Whole(RecentOf(story, thread, rule));
                var (otherUnit, otherTerms) = Whole(RecentOf(story, members, rule));
                if (!Matches(unit, terms, otherUnit, otherTerms, counts, rule))
                {
                    continue;
                }
            }
            thread.AddRange(members);
        }
        var id = thread.Min(p => p.ThreadId ?? p.Id);
        var joined = thread.Where(p => p.ThreadId is null).Select(p => p.Id).ToList();
        var moved = thread.Select(p => p.ThreadId).OfType<long>().Where(t => t != id).Distinct().ToList();
        return new ThreadDecision(id, joined, moved, left);
    }

    /// <summary>
    /// How near <paramref name="story"/> lies to a group it would join: linked to one of its members and matching it as a
    /// whole (its recent members' mean centroid, 0 under the chain rule); null when it would not join it.
    /// </summary>
    private static double? Fit(ThreadProfile story, List<ThreadProfile> members, TermCounts counts, ThreadSettings rule, bool linked = true)
    {
        if (members.Count == 0 || (linked && !members.Any(m => Links(story, m, counts, rule))))
        {
            return null;
        }
        if (rule.Recent <= 0)
        {
            return 0;
        }
        var recent = RecentOf(story, members, rule);
        var (unit, terms) = Whole(recent);
        return Matches(story.Unit, story.Terms, unit, terms, counts, rule) && (!rule.Majority || 2 * recent.Count(m => Links(story, m, counts, rule)) > recent.Count)
            ? TensorPrimitives.Dot(story.Unit, unit)
            : null;
    }

    /// <summary>
    /// Threads of a whole set of stories at once (the evaluation's replay). Each profile is a story as it stands when it is
    /// linked; a story that changes (grows, is retitled) appears again later in the list, as the pipeline links it anew
    /// each time it is scored. In order of newest article (the list's order among equal ones), each goes where
    /// <see cref="Decide"/> sends it among the other stories of its horizon as they last stood; returns the thread of
    /// each story id (its own id when in none). <paramref name="decided"/> sees each story as it was linked, its decision and the stories it was filed among (with their threads then).
    /// </summary>
    public static Dictionary<long, long> Replay(IReadOnlyList<ThreadProfile> stories, TermCounts counts, ThreadSettings? settings = null, Action<ThreadProfile, ThreadDecision, IReadOnlyList<ThreadProfile>>? decided = null)
    {
        ArgumentNullException.ThrowIfNull(stories);
        var rule = settings ?? ThreadSettings.Default;
        var thread = new Dictionary<long, long?>();
        var latest = new Dictionary<long, ThreadProfile>();
        var strikes = new Dictionary<long, int>();
        foreach (var me in stories.OrderBy(s => s.LastPublished).ThenBy(s => s.Id))
        {
            var earlier = latest.Values.Where(o => o.Id != me.Id && Gap(me, o) <= rule.HorizonMs).Select(o => o with { ThreadId = thread[o.Id] }).ToList();
            var decision = Decide(me with { ThreadId = thread.GetValueOrDefault(me.Id) }, earlier, counts, rule);
            // A leave may need several re-links in a row that find the story off its thread; until then it stays.
            if (decision.Left is not null && strikes.GetValueOrDefault(me.Id) + 1 < rule.LeaveAfter)
            {
                strikes[me.Id] = strikes.GetValueOrDefault(me.Id) + 1;
                decision = Decide(me with { ThreadId = thread.GetValueOrDefault(me.Id) }, earlier, counts, rule with { Leave = false });
            }
            else
            {
                strikes.Remove(me.Id);
            }
            latest[me.Id] = me;
            decided?.Invoke(me, decision, earlier);
            if (decision.Left is { } from)
            {
                thread[me.Id] = null;
                Dissolve(thread, from);
            }
            thread[me.Id] = decision.Thread;
            if (decision.Thread is not { } to)
            {
                continue;
            }
            foreach (var id in decision.Joined)
            {
                thread[id] = to;
            }
            foreach (var moved in decision.Moved)
            {
                foreach (var id in thread.Where(kv => kv.Value == moved).Select(kv => kv.Key).ToList())
                {
                    thread[id] = to;
                }
            }
        }
        return latest.Keys.ToDictionary(id => id, id => thread[id] ?? id);
    }

    /// <summary>A thread a story left: it takes the smallest id of the stories left in it, and is none when one is left.</summary>
    private static void Dissolve(Dictionary<long, long?> thread, long from)
    {
        var rest = thread.Where(kv => kv.Value == from).Select(kv => kv.Key).ToList();
        long? to = rest.Count > 1 ? rest.Min() : null;
        foreach (var id in rest)
        {
            thread[id] = to;
        }
    }
}
