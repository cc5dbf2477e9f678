using Salient.Embeddings;
using Salient.Stories;

namespace Salient.Storage;

/// <summary>Threads: linking a scored story to the earlier and later stories of its long-running topic (see <see cref="ThreadRule"/>).</summary>
internal sealed partial class StoryStore
{
    private const string ThreadFirst = "COALESCE(s.first_published, s.first_seen)";
    private const string ThreadLast = "COALESCE(s.last_published, s.last_updated)";

    /// <summary>How many times a pass reads again after another worker's pass wrote threads between its reading and its writing.</summary>
    public const int ThreadLinkAttempts = 8;

    /// <summary>How many merges deep the follows of stories merged into a leaver are looked for (a merge chain is never longer).</summary>
    private const int MergeChainLimit = 64;

    private sealed record ThreadCandidate(long Id, long First, long Last, TermBag Terms, long? ThreadId);

    /// <summary>
    /// Files each of <paramref name="storyIds"/> where the thread rule sends it (<see cref="ThreadRule.Decide"/>) among
    /// the stories of its horizon: in the thread it is linked to and matches as a whole, joining threads only when they
    /// match each other. Titles are read for every story of the horizon (the term weights are taken over them);
    /// centroids only for those whose titles share enough names and for the members of the threads they are in. A pass
    /// writes only when no other pass wrote threads since it began reading (the counter of migration 0240); otherwise it
    /// reads again, so two workers linking at once never miss each other's links. <paramref name="beforeWrite"/> runs
    /// between the reading and the writing (for tests). Returns each story's thread (absent: in none).
    /// </summary>
    public async Task<Dictionary<long, long>> LinkThreadsAsync(IReadOnlyCollection<long> storyIds, CancellationToken ct, ThreadSettings? settings = null,
        Func<CancellationToken, Task>? beforeWrite = null)
    {
        ArgumentNullException.ThrowIfNull(storyIds);
        if (storyIds.Count == 0)
        {
            return [];
        }
        var pending = storyIds.Distinct().ToList();
        var result = new Dictionary<long, long>();
        var mended = false;
        for (var attempt = 0; attempt < ThreadLinkAttempts; attempt++)
        {
            if (await TryLinkThreadsAsync(pending, settings ?? ThreadSettings.Default, beforeWrite, ct).ConfigureAwait(false) is not { } pass)
            {
                continue;
            }
            mended |= pass.Mended;
            foreach (var (id, thread) in pass.Linked)
            {
                result[id] = thread;
            }
            if (pass.Rest.Count == 0)
            {
                // A story that left a thread may have renamed or undone it: the threads of the batch are read as they are now.
                return mended ? await ThreadsOfAsync(storyIds, ct).ConfigureAwait(false) : result;
            }
            pending = [.. pass.Rest];
            attempt = -1;
        }
        throw new SalientException($"Linking {storyIds.Count} stories to their threads lost to other workers' passes {ThreadLinkAttempts} times in a row; " +
                                   "they are linked when they are next scored.");
    }

    /// <summary>The thread each of <paramref name="storyIds"/> is in now (absent: in none).</summary>
    private async Task<Dictionary<long, long>> ThreadsOfAsync(IReadOnlyCollection<long> storyIds, CancellationToken ct)
    {
        var result = new Dictionary<long, long>();
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        foreach (var chunk in storyIds.Distinct().Chunk(200))
        {
            var rows = await Sql.QueryAsync(conn, null, $"SELECT id, thread_id FROM stories WHERE id IN ({string.Join(", ", chunk.Select((_, i) => $"@t{i}"))})",
                r => (Id: r.Long("id")!.Value, Thread: r.Long("thread_id")), ct, [.. chunk.Select((id, i) => ($"t{i}", (object?)id))]).ConfigureAwait(false);
            foreach (var (id, thread) in rows)
            {
                if (thread is { } t)
                {
                    result[id] = t;
                }
            }
        }
        return result;
    }

    /// <summary>What one pass filed, the stories it left for the next (those after a story that left its thread), and whether a story left one.</summary>
    private sealed record ThreadPass(Dictionary<long, long> Linked, IReadOnlyList<long> Rest, bool Mended = false);

    /// <summary>
    /// One pass: reads, decides, and writes if no other pass wrote meanwhile; null when one did. A pass ends after a story
    /// that left its thread (the thread left behind is renumbered or undone by its stories as stored, which this pass's
    /// view of the horizon does not hold): the stories after it are left for the next pass.
    /// </summary>
    private async Task<ThreadPass?> TryLinkThreadsAsync(IReadOnlyList<long> storyIds, ThreadSettings rule, Func<CancellationToken, Task>? beforeWrite, CancellationToken ct)
    {
        var result = new Dictionary<long, long>();
        IReadOnlyList<long> rest = [];
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var epoch = await Sql.LongAsync(conn, null, "SELECT epoch FROM thread_epoch WHERE id = 1", ct).ConfigureAwait(false);
        var names = storyIds.Select((_, i) => $"@id{i}").ToList();
        var args = storyIds.Select((id, i) => ($"id{i}", (object?)id)).ToArray();
        var span = await Sql.QueryAsync(conn, null,
            $"SELECT MIN({ThreadFirst}) AS lo, MAX({ThreadLast}) AS hi FROM stories s WHERE s.id IN ({string.Join(", ", names)})",
            r => (Lo: r.Long("lo"), Hi: r.Long("hi")), ct, args).ConfigureAwait(false);
        if (span.Count == 0 || span[0].Lo is not { } lo || span[0].Hi is not { } hi)
        {
            return new ThreadPass(result, rest);
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
        // Threads as this pass leaves them: each decision below moves stories for the next.
        var threadOf = candidates.ToDictionary(c => c.Id, c => c.ThreadId);
        var centroids = new Dictionary<long, ThreadProfile?>();
        var writes = new List<(long Story, ThreadDecision Decision)>();
        for (var index = 0; index < storyIds.Count; index++)
        {
            if (!byId.TryGetValue(storyIds[index], out var me))
            {
                continue;
            }
            bool Within(ThreadCandidate c) => c.Id != me.Id && Math.Max(0, Math.Max(me.First - c.Last, c.First - me.Last)) <= rule.HorizonMs;
            // Titles first: only stories within the horizon whose titles share enough names have their centroids read.
            var near = candidates.Where(c => Within(c) && ThreadRule.SharesNames(me.Terms, c.Terms, counts, rule)).ToList();
            // A story in a thread is judged against it even when no title is near: it may no longer belong there.
            if (near.Count == 0 && (threadOf[me.Id] is null || !rule.Leave))
            {
                if (threadOf[me.Id] is { } alone)
                {
                    result[me.Id] = alone;
                }
                continue;
            }
            await ReadCentroidsAsync(conn, [.. near.Append(me).Select(c => c.Id).Where(id => !centroids.ContainsKey(id))], byId, centroids, ct).ConfigureAwait(false);
            if (centroids.GetValueOrDefault(me.Id) is not { } unit)
            {
                if (threadOf[me.Id] is { } kept)
                {
                    result[me.Id] = kept;
                }
                continue;
            }
            ThreadProfile Now(ThreadProfile p) => p with { ThreadId = threadOf[p.Id] };
            var self = Now(unit);
            // The groups the story is linked to, and its own thread: their members within the horizon stand for them as wholes.
            var groups = near.Select(c => centroids.GetValueOrDefault(c.Id)).OfType<ThreadProfile>().Select(Now)
                .Where(p => ThreadRule.Links(self, p, counts, rule)).Select(p => p.ThreadId ?? p.Id).ToHashSet();
            if (self.ThreadId is { } own)
            {
                groups.Add(own);
            }
            var members = candidates.Where(c => Within(c) && threadOf[c.Id] is { } t && groups.Contains(t)).Select(c => c.Id).ToList();
            await ReadCentroidsAsync(conn, [.. members.Where(id => !centroids.ContainsKey(id))], byId, centroids, ct).ConfigureAwait(false);
            var others = near.Select(c => c.Id).Concat(members).Distinct().Select(id => centroids.GetValueOrDefault(id)).OfType<ThreadProfile>().Select(Now).ToList();
            var decision = ThreadRule.Decide(self, others, counts, rule);
            if (decision.Thread is { } filed)
            {
                result[me.Id] = filed;
            }
            if (decision.Left is not null)
            {
                writes.Add((me.Id, decision));
                rest = storyIds.Skip(index + 1).ToList();
                break;
            }
            if (decision.Thread is not { } thread || (decision.Joined.Count == 0 && decision.Moved.Count == 0))
            {
                continue;
            }
            writes.Add((me.Id, decision));
            foreach (var id in decision.Joined)
            {
                threadOf[id] = thread;
            }
            foreach (var (id, t) in threadOf.ToList())
            {
                if (t is { } from && decision.Moved.Contains(from))
                {
                    threadOf[id] = thread;
                }
            }
        }
        if (beforeWrite is not null)
        {
            await beforeWrite(ct).ConfigureAwait(false);
        }
        if (writes.Count == 0)
        {
            // Nothing to write: what was read holds unless another pass wrote meanwhile.
            return await Sql.LongAsync(conn, null, "SELECT epoch FROM thread_epoch WHERE id = 1", ct).ConfigureAwait(false) == epoch ? new ThreadPass(result, rest) : null;
        }
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        if (await Sql.ExecuteAsync(conn, tx, "UPDATE thread_epoch SET epoch = epoch + 1 WHERE id = 1 AND epoch = @e", ct, ("e", epoch)).ConfigureAwait(false) != 1)
        {
            await tx.RollbackAsync(ct).ConfigureAwait(false);
            return null;
        }
        foreach (var (story, w) in writes)
        {
            if (w.Left is { } left)
            {
                await Sql.ExecuteAsync(conn, tx, "UPDATE stories SET thread_id = NULL WHERE id = @id", ct, ("id", story)).ConfigureAwait(false);
                await MendThreadAsync(conn, tx, left, story, ct).ConfigureAwait(false);
            }
            foreach (var from in w.Moved)
            {
                await Sql.ExecuteAsync(conn, tx, "UPDATE stories SET thread_id = @to WHERE thread_id = @from", ct, ("to", w.Thread), ("from", from)).ConfigureAwait(false);
            }
            foreach (var id in w.Joined)
            {
                await Sql.ExecuteAsync(conn, tx, "UPDATE stories SET thread_id = @to WHERE id = @id", ct, ("to", w.Thread), ("id", id)).ConfigureAwait(false);
            }
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new ThreadPass(result, rest, writes.Any(w => w.Decision.Left is not null));
    }

    /// <summary>
    /// The thread <paramref name="threadId"/> once <paramref name="leaver"/> has left it: with two visible stories or more it
    /// takes the smallest id of its visible stories (so the leaver's id is free for a thread of its own; the rename is kept
    /// in <c>thread_renames</c> for the old id's pages); with one or none
    /// it is no thread, and its stories are in none. Follows of the thread made on the leaver, or on a story since merged
    /// into it, move to the thread's smallest visible story, so that they keep following the thread and not the story that left; one whose address
    /// already follows that story's thread ends (the address keeps that follow).
    /// </summary>
    private async Task MendThreadAsync(System.Data.Common.DbConnection conn, System.Data.Common.DbTransaction tx, long threadId, long leaver, CancellationToken ct)
    {
        var left = await Sql.QueryAsync(conn, tx, $"SELECT COUNT(*) AS n, MIN(s.id) AS lo FROM stories s WHERE s.thread_id = @t AND {StoryFilter.Visible()}",
            r => (Count: r.Long("n") ?? 0, Lowest: r.Long("lo")), ct, ("t", threadId)).ConfigureAwait(false);
        var (count, lowest) = left.Count == 0 ? (0, null) : left[0];
        if (count <= 1)
        {
            await Sql.ExecuteAsync(conn, tx, "UPDATE stories SET thread_id = NULL WHERE thread_id = @t", ct, ("t", threadId)).ConfigureAwait(false);
        }
        else if (lowest is { } renamed && renamed != threadId)
        {
            await Sql.ExecuteAsync(conn, tx, "UPDATE stories SET thread_id = @to WHERE thread_id = @t", ct, ("to", renamed), ("t", threadId)).ConfigureAwait(false);
            // The old id still finds the thread (migration 0250).
            await Sql.ExecuteAsync(conn, tx,
                "INSERT INTO thread_renames (from_id, to_id, renamed_at) VALUES (@t, @to, @now) ON CONFLICT (from_id) DO UPDATE SET to_id = excluded.to_id, renamed_at = excluded.renamed_at",
                ct, ("t", threadId), ("to", renamed), ("now", Clock.ToUnixMs(clock.GetUtcNow()))).ConfigureAwait(false);
        }
        if (lowest is not { } anchor)
        {
            return;
        }
        // The follows made on the leaver and on the stories merged into it (a merge redirects them to the leaver, so their
        // follows follow its thread): a merge points each story straight at its survivor, but older chains are followed too.
        var follows = await Sql.QueryAsync(conn, tx,
            $"""
            WITH RECURSIVE absorbed (id, depth) AS (
                SELECT @s, 0
                UNION ALL
                SELECT m.id, a.depth + 1 FROM stories m JOIN absorbed a ON m.merged_into = a.id WHERE m.id <> a.id AND a.depth < {MergeChainLimit}
            )
            SELECT f.id FROM story_follows f WHERE f.story_id IN (SELECT id FROM absorbed) AND f.kind = 'thread' AND f.status <> 'ended' ORDER BY f.id
            """,
            r => r.Long("id")!.Value, ct, ("s", leaver)).ConfigureAwait(false);
        foreach (var follow in follows)
        {
            var moved = await Sql.ExecuteAsync(conn, tx,
                """
                UPDATE story_follows SET story_id = @to WHERE id = @id
                AND NOT EXISTS (SELECT 1 FROM story_follows o WHERE o.story_id = @to AND o.kind = 'thread' AND o.email = story_follows.email)
                """, ct, ("to", anchor), ("id", follow)).ConfigureAwait(false);
            if (moved == 0)
            {
                await Sql.ExecuteAsync(conn, tx, "UPDATE story_follows SET status = 'ended', ended_at = @now WHERE id = @id",
                    ct, ("now", Clock.ToUnixMs(clock.GetUtcNow())), ("id", follow)).ConfigureAwait(false);
            }
        }
    }

    private static async Task ReadCentroidsAsync(System.Data.Common.DbConnection conn, IReadOnlyList<long> ids, Dictionary<long, ThreadCandidate> byId,
        Dictionary<long, ThreadProfile?> into, CancellationToken ct)
    {
        foreach (var chunk in ids.Chunk(200))
        {
            var names = chunk.Select((_, i) => $"@c{i}").ToList();
            var rows = await Sql.QueryAsync(conn, null, $"SELECT id, centroid FROM stories WHERE id IN ({string.Join(", ", names)})",
                r => (Id: r.Long("id")!.Value, Centroid: r.Bytes("centroid")), ct,
                [.. chunk.Select((id, i) => ($"c{i}", (object?)id))]).ConfigureAwait(false);
            foreach (var id in chunk)
            {
                into[id] = null;
            }
            foreach (var row in rows)
            {
                var c = byId[row.Id];
                var vector = row.Centroid is { Length: TextEmbedder.Dimensions * sizeof(float) } bytes ? TextEmbedder.FromBytes(bytes) : null;
                // The thread is not read here: the pass keeps its own view of threads (read with the titles, moved by its decisions).
                into[row.Id] = ThreadProfile.Of(row.Id, vector, c.First, c.Last, null, null, null) is { } p ? p with { Terms = c.Terms } : null;
            }
        }
    }
}
