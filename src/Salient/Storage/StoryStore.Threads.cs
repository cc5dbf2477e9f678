using Salient.Embeddings;
using Salient.Stories;

namespace Salient.Storage;

/// <summary>Threads: linking a scored story to the earlier and later stories of its long-running topic (see <see cref="ThreadRule"/>).</summary>
internal sealed partial class StoryStore
{
    private const string ThreadFirst = "COALESCE(s.first_published, s.first_seen)";
    private const string ThreadLast = "COALESCE(s.last_published, s.last_updated)";

    private sealed record ThreadCandidate(long Id, long First, long Last, TermBag Terms, long? ThreadId);

    /// <summary>
    /// Links each of <paramref name="storyIds"/> to the stories the thread rule links it to, within the rule's horizon of
    /// it, and files them in one thread: the oldest thread id among them wins, and the stories of the other threads move
    /// to it. Titles are read for every story of the horizon (the term weights are taken over them); centroids only for
    /// those whose titles share enough names. Returns each story's thread (absent: in none).
    /// </summary>
    public async Task<Dictionary<long, long>> LinkThreadsAsync(IReadOnlyCollection<long> storyIds, CancellationToken ct, ThreadSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(storyIds);
        var rule = settings ?? ThreadSettings.Default;
        var result = new Dictionary<long, long>();
        if (storyIds.Count == 0)
        {
            return result;
        }
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var names = storyIds.Select((_, i) => $"@id{i}").ToList();
        var args = storyIds.Select((id, i) => ($"id{i}", (object?)id)).ToArray();
        var span = await Sql.QueryAsync(conn, null,
            $"SELECT MIN({ThreadFirst}) AS lo, MAX({ThreadLast}) AS hi FROM stories s WHERE s.id IN ({string.Join(", ", names)})",
            r => (Lo: r.Long("lo"), Hi: r.Long("hi")), ct, args).ConfigureAwait(false);
        if (span.Count == 0 || span[0].Lo is not { } lo || span[0].Hi is not { } hi)
        {
            return result;
        }
        var candidates = await Sql.QueryAsync(conn, null,
            $"""
            SELECT s.id, s.title AS s_title, ra.title AS ra_title, {ThreadFirst} AS first_at, {ThreadLast} AS last_at, s.thread_id
            FROM stories s LEFT JOIN articles ra ON ra.id = s.representative_article_id
            WHERE {StoryFilter.Visible()} AND {ThreadLast} >= @from AND {ThreadFirst} <= @to
            """,
            r => new ThreadCandidate(r.Long("id")!.Value, r.Long("first_at") ?? 0, r.Long("last_at") ?? 0,
                ThreadProfile.TitleTerms(r.Str("s_title"), r.Str("ra_title")), r.Long("thread_id")),
            ct, ("from", lo - rule.HorizonMs), ("to", hi + rule.HorizonMs)).ConfigureAwait(false);
        var counts = new TermCounts();
        foreach (var c in candidates)
        {
            counts.Add(c.Terms);
        }
        var byId = candidates.ToDictionary(c => c.Id);
        var centroids = new Dictionary<long, ThreadProfile?>();
        foreach (var storyId in storyIds)
        {
            if (!byId.TryGetValue(storyId, out var me))
            {
                continue;
            }
            // Titles first: only stories within the horizon whose titles share enough names have their centroids read.
            var near = candidates.Where(c => c.Id != me.Id && Math.Max(0, Math.Max(me.First - c.Last, c.First - me.Last)) <= rule.HorizonMs
                && ThreadRule.SharesNames(me.Terms, c.Terms, counts, rule)).ToList();
            if (near.Count == 0)
            {
                if (me.ThreadId is { } alone)
                {
                    result[me.Id] = alone;
                }
                continue;
            }
            await ReadCentroidsAsync(conn, near.Append(me).Select(c => c.Id).Where(id => !centroids.ContainsKey(id)).ToList(), byId, centroids, ct).ConfigureAwait(false);
            if (centroids.GetValueOrDefault(me.Id) is not { } self)
            {
                continue;
            }
            // Thread ids are read afresh: an earlier story of this batch may have moved them.
            var linked = near.Select(c => centroids.GetValueOrDefault(c.Id)).OfType<ThreadProfile>().Where(p => ThreadRule.Links(self, p, counts, rule)).ToList();
            if (await JoinAsync(conn, self, linked, ct).ConfigureAwait(false) is ({ } thread, var moved))
            {
                result[me.Id] = thread;
                foreach (var (id, p) in centroids.ToList())
                {
                    if (p is not null && (id == me.Id || linked.Any(l => l.Id == id) || (p.ThreadId is { } t && moved.Contains(t))))
                    {
                        centroids[id] = p with { ThreadId = thread };
                    }
                }
            }
        }
        return result;
    }

    private static async Task ReadCentroidsAsync(System.Data.Common.DbConnection conn, IReadOnlyList<long> ids, Dictionary<long, ThreadCandidate> byId,
        Dictionary<long, ThreadProfile?> into, CancellationToken ct)
    {
        foreach (var chunk in ids.Chunk(200))
        {
            var names = chunk.Select((_, i) => $"@c{i}").ToList();
            var rows = await Sql.QueryAsync(conn, null, $"SELECT id, centroid, thread_id FROM stories WHERE id IN ({string.Join(", ", names)})",
                r => (Id: r.Long("id")!.Value, Centroid: r.Bytes("centroid"), Thread: r.Long("thread_id")), ct,
                [.. chunk.Select((id, i) => ($"c{i}", (object?)id))]).ConfigureAwait(false);
            foreach (var row in rows)
            {
                var c = byId[row.Id];
                var vector = row.Centroid is { Length: TextEmbedder.Dimensions * sizeof(float) } bytes ? TextEmbedder.FromBytes(bytes) : null;
                into[row.Id] = ThreadProfile.Of(row.Id, vector, c.First, c.Last, null, null, row.Thread) is { } p ? p with { Terms = c.Terms } : null;
            }
        }
    }

    /// <summary>
    /// Files <paramref name="story"/> and <paramref name="linked"/> in one thread, moving every story of the losing threads;
    /// returns the thread and the thread ids that moved to it.
    /// </summary>
    private static async Task<(long? Thread, IReadOnlyList<long> Moved)> JoinAsync(System.Data.Common.DbConnection conn, ThreadProfile story, IReadOnlyList<ThreadProfile> linked, CancellationToken ct)
    {
        if (ThreadRule.ThreadOf(story, linked) is not { } thread)
        {
            return (null, []);
        }
        var members = linked.Append(story).ToList();
        var losers = members.Select(m => m.ThreadId).OfType<long>().Where(t => t != thread).Distinct().ToList();
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        foreach (var loser in losers)
        {
            await Sql.ExecuteAsync(conn, tx, "UPDATE stories SET thread_id = @to WHERE thread_id = @from", ct, ("to", thread), ("from", loser)).ConfigureAwait(false);
        }
        foreach (var m in members.Where(m => m.ThreadId != thread))
        {
            await Sql.ExecuteAsync(conn, tx, "UPDATE stories SET thread_id = @to WHERE id = @id", ct, ("to", thread), ("id", m.Id)).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return (thread, losers);
    }
}
