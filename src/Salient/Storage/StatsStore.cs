using Salient.Text;

namespace Salient.Storage;

/// <summary>Counts of what is stored, for <c>salient stats</c> and the admin.</summary>
internal sealed class StatsStore(Database db)
{
    internal sealed record PipelineStatus(IReadOnlyList<(long Stage, long Count)> ArticlesByStage, long StoriesToScore, long StoriesToWrite,
        long ArticlesLastHour, long ArticlesLastDay, IReadOnlyList<(string Source, DateTimeOffset At, string Error)> RecentErrors);

    public sealed record Counts(long Sources, long Articles, long Stories);

    /// <summary>One stage's queue: how many items wait and since when the oldest has (null when none waits).</summary>
    public sealed record Queue(string Stage, long Depth, DateTimeOffset? OldestSince);

    /// <summary>
    /// Every pipeline stage's queue, in pipeline order (extract, embed, group: articles by how far they got, waiting
    /// since they were found; score, write: stories whose score or text is older than their articles, waiting since they
    /// last changed), and stored articles by stage. Items claimed by a worker but not finished still wait.
    /// </summary>
    public async Task<(IReadOnlyList<Queue> Queues, IReadOnlyList<(long Stage, long Count)> Articles)> QueuesAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var articles = await Sql.QueryAsync(conn, null, "SELECT stage, COUNT(*) AS n FROM articles GROUP BY stage ORDER BY stage",
            r => (r.Long("stage") ?? 0, r.Long("n") ?? 0), ct).ConfigureAwait(false);
        var oldest = await Sql.QueryAsync(conn, null, "SELECT stage, MIN(discovered_at) AS t FROM articles WHERE stage < 30 GROUP BY stage",
            r => (Stage: r.Long("stage") ?? 0, At: r.Time("t")), ct).ConfigureAwait(false);
        var queues = new List<Queue>();
        foreach (var (stage, name) in new[] { (0L, "extract"), (10L, "embed"), (20L, "group") })
        {
            queues.Add(new Queue(name, articles.Where(a => a.Item1 == stage).Sum(a => a.Item2), oldest.FirstOrDefault(o => o.Stage == stage).At));
        }
        var score = await Sql.QueryAsync(conn, null, $"SELECT COUNT(*) AS n, MIN(last_updated) AS t FROM stories WHERE {StoryStore.ToScoreWhere}",
            r => new Queue("score", r.Long("n") ?? 0, r.Time("t")), ct).ConfigureAwait(false);
        var write = await Sql.QueryAsync(conn, null,
            $"SELECT COUNT(*) AS n, MIN(s.last_updated) AS t FROM stories s LEFT JOIN story_writing w ON w.story_id = s.id WHERE {StoryStore.ToWriteWhere}",
            r => new Queue("write", r.Long("n") ?? 0, r.Time("t")), ct).ConfigureAwait(false);
        queues.AddRange(score);
        queues.AddRange(write);
        return (queues, articles);
    }

    public async Task<Counts> CountAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var sources = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM sources", ct).ConfigureAwait(false);
        var articles = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles", ct).ConfigureAwait(false);
        var stories = await Sql.LongAsync(conn, null, $"SELECT COUNT(*) FROM stories s WHERE {StoryFilter.Visible()}", ct).ConfigureAwait(false);
        return new Counts(sources, articles, stories);
    }

    /// <summary>
    /// Enabled sources never polled yet (or whose first poll is in flight, leased by some worker): work pending
    /// before any article exists, so <c>stats</c> does not report pending 0 for a store that has not started.
    /// </summary>
    public async Task<long> UnpolledSourcesAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM sources WHERE enabled = 1 AND last_polled_at IS NULL", ct).ConfigureAwait(false);
    }

    /// <summary>The pipeline's queues, its intake over the last hour and day (to <paramref name="now"/>), and the latest poll errors.</summary>
    public async Task<PipelineStatus> PipelineStatusAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var stages = await Sql.QueryAsync(conn, null, "SELECT stage, COUNT(*) AS n FROM articles GROUP BY stage ORDER BY stage",
            r => (r.Long("stage") ?? 0, r.Long("n") ?? 0), ct).ConfigureAwait(false);
        var toScore = await Sql.LongAsync(conn, null,
            $"SELECT COUNT(*) FROM stories WHERE {StoryStore.ToScoreWhere}", ct).ConfigureAwait(false);
        // Every visible story whose text is older than its articles, including those the writing stage looked at and kept.
        var toWrite = await Sql.LongAsync(conn, null,
            $"SELECT COUNT(*) FROM stories s WHERE {StoryFilter.Visible()} AND (s.written_version IS NULL OR s.version > s.written_version)", ct).ConfigureAwait(false);
        var hour = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles WHERE discovered_at >= @t", ct, ("t", Clock.ToUnixMs(now.AddHours(-1)))).ConfigureAwait(false);
        var day = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles WHERE discovered_at >= @t", ct, ("t", Clock.ToUnixMs(now.AddDays(-1)))).ConfigureAwait(false);
        var errors = await Sql.QueryAsync(conn, null,
            """
            SELECT s.name, h.at, h.error FROM poll_history h JOIN sources s ON s.id = h.source_id
            WHERE h.error IS NOT NULL ORDER BY h.at DESC LIMIT 20
            """,
            r => (PlainText.Clean(r.Str("name")), r.Time("at") ?? now, PlainText.Clean(r.Str("error"))), ct).ConfigureAwait(false);
        return new PipelineStatus(stages, toScore, toWrite, hour, day, errors);
    }
}
