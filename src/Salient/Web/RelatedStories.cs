using Salient.Storage;
using Salient.Stories;

namespace Salient.Web;

/// <summary>
/// "More on this topic" without reading the day per view: the site keeps the centroids of the stories active in the
/// last days in memory, follows what changes their profiles (stories whose topic_updated moved: grouping, the desks and
/// countries scoring gives them, the title writing gives them; read a page at a time in the background, at most every
/// <see cref="RefreshEvery"/>), and computes a story's related stories when it changes: for each changed story at once,
/// for the rest on first request. A kept list follows its members at the next refresh: it is dropped (and made again
/// on its next request) when a story on it changes in any way or leaves the index (merged, without a centroid, out of
/// the window, gone from the store), and when a story that changed or appeared now passes the rule for it and would
/// rank on it. So only the lists a change touches are made again, never all of them. <see cref="ListsKeptFor"/> is a
/// backstop for what no single change marks: the term weights drifting as the kept stories come and go. Lists follow
/// <see cref="RelatedRule"/>, with terms weighed over the kept stories. A story older than the kept window is answered
/// by the store's query (<see cref="StoryStore.RelatedAsync"/>).
/// </summary>
internal sealed class RelatedStories(StoryStore stories, TimeProvider clock)
{
    /// <summary>How far back (before the newest story) centroids are kept.</summary>
    private const long KeptMs = 4 * 24 * 3_600_000L;

    private const int PageSize = 2_000;
    private const int MaxLists = 50_000;

    /// <summary>Changes are read again from this long before the newest seen, as workers' clocks and commits need not agree to the millisecond.</summary>
    private const long OverlapMs = 60_000;

    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan ListsKeptFor = TimeSpan.FromMinutes(10);

    /// <summary>A kept story: its profile and when that profile last changed (the store's topic_updated).</summary>
    private sealed record Topic(RelatedProfile Profile, long Changed)
    {
        public long Id => Profile.Id;
    }

    private readonly Dictionary<long, Topic> _topics = [];

    /// <summary>How many kept stories hold each term, following <see cref="_topics"/>.</summary>
    private readonly TermCounts _counts = new();

    /// <summary>The kept topics as an array made after each refresh, which lists are computed from without holding the lock.</summary>
    private Topic[] _snapshot = [];
    private TermCounts _countsSnapshot = new();
    /// <summary>A story's kept list: the profile stamp it was made for, when, its ids best first, and how many were asked for.</summary>
    private sealed record Kept(long Changed, long At, IReadOnlyList<long> Ids, int Asked);

    private readonly Dictionary<long, Kept> _lists = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private long _watermark = long.MinValue;
    private long _newest = long.MinValue;
    private long _refreshedAt;
    private bool _loaded;

    /// <summary>
    /// The ids of up to <paramref name="count"/> stories nearest in topic to <paramref name="storyId"/>, best first (empty
    /// when none passes the rule); null when the story has no centroid to judge by. The first call waits for the index to
    /// load; later calls never wait for a refresh.
    /// </summary>
    public async Task<IReadOnlyList<long>?> IdsAsync(long storyId, int count, CancellationToken ct)
    {
        await RefreshIfDueAsync(ct).ConfigureAwait(false);
        Topic? topic;
        Topic[] snapshot;
        TermCounts counts;
        lock (_gate)
        {
            if (_topics.TryGetValue(storyId, out topic)
                && _lists.TryGetValue(storyId, out var kept) && kept.Changed == topic.Changed && kept.Asked >= count && clock.GetElapsedTime(kept.At) < ListsKeptFor)
            {
                return kept.Ids.Take(count).ToList();
            }
            snapshot = _snapshot;
            counts = _countsSnapshot;
        }
        if (topic is not null)
        {
            var asked = Math.Max(count, 5);
            var ids = Nearest(snapshot, counts, topic, asked);
            lock (_gate)
            {
                // A refresh meanwhile may have dropped this list as stale: keep it only when made from the current stories.
                if (ReferenceEquals(snapshot, _snapshot))
                {
                    Keep(topic, ids, asked);
                }
            }
            return ids.Take(count).ToList();
        }
        // Not in the kept window (older, or without a centroid): the store's query.
        return (await stories.RelatedOrNullAsync(storyId, ct, count: count).ConfigureAwait(false))?.Select(r => r.Id).ToList();
    }

    /// <summary>
    /// The cards of <paramref name="story"/>'s related stories, up to <paramref name="count"/>, as the pages and the API show
    /// them. A listed story the store no longer shows (merged since the last refresh, or deleted, which no refresh can
    /// see) is forgotten with the lists holding it, and the list is made again at once, so the next story takes its place.
    /// </summary>
    public async Task<List<StoryCard>> CardsAsync(SiteStore site, StoryCard story, int count, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(story);
        var ids = await IdsAsync(story.Id, count, ct).ConfigureAwait(false);
        var cards = await site.RelatedAsync(story, ids, count, ct).ConfigureAwait(false);
        var shown = cards.Select(c => c.Id).ToHashSet();
        var gone = (ids ?? []).Take(count).Where(id => !shown.Contains(id)).ToHashSet();
        if (gone.Count == 0)
        {
            return cards;
        }
        lock (_gate)
        {
            foreach (var id in gone.ToList())
            {
                Forget(id, gone);
            }
            DropHolding(gone);
            // Lists are made from the snapshot: it must no longer hold them either.
            _snapshot = [.. _topics.Values];
            _countsSnapshot = _counts.Copy();
        }
        ids = await IdsAsync(story.Id, count, ct).ConfigureAwait(false);
        return await site.RelatedAsync(story, ids, count, ct).ConfigureAwait(false);
    }

    /// <summary>Reads the changes since the last refresh when one is due: the first time in the caller's time, afterwards in the background.</summary>
    private async Task RefreshIfDueAsync(CancellationToken ct)
    {
        bool loaded;
        lock (_gate)
        {
            loaded = _loaded;
            if (loaded && clock.GetElapsedTime(_refreshedAt) < RefreshEvery)
            {
                return;
            }
        }
        if (!loaded)
        {
            await RefreshAsync(ct).ConfigureAwait(false);
            return;
        }
        if (_refresh.CurrentCount > 0)
        {
            _ = Task.Run(() => RefreshAsync(CancellationToken.None), CancellationToken.None);
        }
    }

    internal async Task RefreshAsync(CancellationToken ct)
    {
        await _refresh.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                if (_loaded && clock.GetElapsedTime(_refreshedAt) < RefreshEvery)
                {
                    return;
                }
            }
            if (_newest == long.MinValue && await stories.NewestPublishedAsync(ct).ConfigureAwait(false) is { } newest)
            {
                _newest = newest;
            }
            var after = _watermark == long.MinValue ? long.MinValue : _watermark - OverlapMs;
            var afterId = 0L;
            var from = _newest == long.MinValue ? long.MinValue : _newest - KeptMs;
            var changed = new List<Topic>();
            // Stories whose profile changed or that left the index: a list holding one may now rank it otherwise or refuse it.
            var touched = new HashSet<long>();
            while (true)
            {
                var page = await stories.TopicsChangedAsync(after, afterId, from, PageSize, ct).ConfigureAwait(false);
                lock (_gate)
                {
                    foreach (var row in page)
                    {
                        if (!row.Visible || row.Profile is null)
                        {
                            Forget(row.Id, touched);
                            continue;
                        }
                        var topic = new Topic(row.Profile, row.TopicUpdated);
                        var isChange = !_topics.TryGetValue(row.Id, out var old) || old.Changed != row.TopicUpdated;
                        if (old is not null)
                        {
                            _counts.Remove(old.Profile.Terms);
                            if (isChange)
                            {
                                touched.Add(row.Id);
                            }
                        }
                        _topics[row.Id] = topic;
                        _counts.Add(topic.Profile.Terms);
                        if (isChange && _loaded)
                        {
                            changed.Add(topic);
                        }
                        _watermark = Math.Max(_watermark, row.TopicUpdated);
                        _newest = Math.Max(_newest, row.Profile.LastPublished);
                    }
                }
                if (page.Count < PageSize)
                {
                    break;
                }
                after = page[^1].TopicUpdated;
                afterId = page[^1].Id;
            }
            Topic[] snapshot;
            TermCounts counts;
            List<(Topic Anchor, Kept List, RelatedProfile? Last)> standing;
            lock (_gate)
            {
                // Stories that fell out of the window.
                var horizon = _newest - KeptMs;
                foreach (var gone in _topics.Values.Where(t => t.Profile.LastPublished < horizon).Select(t => t.Id).ToList())
                {
                    Forget(gone, touched);
                }
                DropHolding(touched);
                snapshot = _snapshot = [.. _topics.Values];
                counts = _countsSnapshot = _counts.Copy();
                _loaded = true;
                _refreshedAt = clock.GetTimestamp();
                standing = changed.Count == 0 ? [] : Standing(changed);
            }
            // A story that changed or appeared may now belong on lists that do not hold it: those are dropped too.
            var entered = standing.Where(s => changed.Any(c => Enters(s.Anchor, s.List, s.Last, c, counts))).ToList();
            if (entered.Count > 0)
            {
                lock (_gate)
                {
                    foreach (var (anchor, list, _) in entered)
                    {
                        // A list made meanwhile was made from the current stories and stands.
                        if (_lists.TryGetValue(anchor.Id, out var current) && ReferenceEquals(current, list))
                        {
                            _lists.Remove(anchor.Id);
                        }
                    }
                }
            }
            // A changed story's list is made now, outside the lock, so its next reader finds it ready.
            foreach (var topic in changed)
            {
                var ids = Nearest(snapshot, counts, topic, 5);
                lock (_gate)
                {
                    if (_topics.TryGetValue(topic.Id, out var current) && current.Changed == topic.Changed)
                    {
                        Keep(topic, ids, 5);
                    }
                }
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>The related stories of the kept window by <see cref="RelatedRule"/>, best first.</summary>
    private static List<long> Nearest(Topic[] topics, TermCounts counts, Topic anchor, int count) =>
        RelatedRule.Nearest(anchor.Profile, topics.Select(t => t.Profile), counts, count);

    /// <summary>Drops a story from the index (merged, without a centroid, or out of the window) and notes it in <paramref name="left"/>; under the lock.</summary>
    private void Forget(long id, HashSet<long> left)
    {
        if (_topics.Remove(id, out var old))
        {
            _counts.Remove(old.Profile.Terms);
        }
        _lists.Remove(id);
        left.Add(id);
    }

    /// <summary>Drops every kept list that holds one of <paramref name="ids"/>; under the lock. A pass over the lists, each of at most a few ids.</summary>
    private void DropHolding(HashSet<long> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }
        foreach (var stale in _lists.Where(l => l.Value.Ids.Any(ids.Contains)).Select(l => l.Key).ToList())
        {
            _lists.Remove(stale);
        }
    }

    /// <summary>
    /// The kept lists still current, of stories other than <paramref name="changed"/> (whose lists are made again anyway),
    /// with the profile of each one's last entry; under the lock.
    /// </summary>
    private List<(Topic Anchor, Kept List, RelatedProfile? Last)> Standing(List<Topic> changed)
    {
        var remade = changed.Select(c => c.Id).ToHashSet();
        var standing = new List<(Topic, Kept, RelatedProfile?)>(_lists.Count);
        foreach (var (id, list) in _lists)
        {
            if (!remade.Contains(id) && _topics.TryGetValue(id, out var anchor) && anchor.Changed == list.Changed)
            {
                standing.Add((anchor, list, list.Ids.Count > 0 && _topics.TryGetValue(list.Ids[^1], out var last) ? last.Profile : null));
            }
        }
        return standing;
    }

    /// <summary>
    /// Whether <paramref name="candidate"/> (changed or new, not on <paramref name="list"/>) would now be on
    /// <paramref name="anchor"/>'s list: it passes the rule, and the list has room or it ranks above the list's last.
    /// </summary>
    private static bool Enters(Topic anchor, Kept list, RelatedProfile? last, Topic candidate, TermCounts counts)
    {
        if (list.Ids.Contains(candidate.Id) || RelatedRule.Score(anchor.Profile, candidate.Profile, counts, RelatedSettings.Default) is not { } score)
        {
            return false;
        }
        if (list.Ids.Count < list.Asked || last is null)
        {
            return true;
        }
        return RelatedRule.Score(anchor.Profile, last, counts, RelatedSettings.Default) is not { } lastScore || RelatedRule.Better(score, candidate.Id, (last.Id, lastScore));
    }

    private void Keep(Topic topic, IReadOnlyList<long> ids, int asked)
    {
        if (_lists.Count >= MaxLists)
        {
            _lists.Clear();
        }
        _lists[topic.Id] = new Kept(topic.Changed, clock.GetTimestamp(), ids, asked);
    }

    /// <summary>The ids of the stories kept in the index now.</summary>
    internal long[] HeldIds()
    {
        lock (_gate)
        {
            return [.. _topics.Keys];
        }
    }

    /// <summary>The stories whose list is kept now.</summary>
    internal HashSet<long> KeptListIds()
    {
        lock (_gate)
        {
            return [.. _lists.Keys];
        }
    }

    /// <summary>Stories kept in the index now.</summary>
    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _topics.Count;
            }
        }
    }
}
