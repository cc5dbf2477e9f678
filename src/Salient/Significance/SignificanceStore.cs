using System.Data.Common;
using System.Text.Json;
using Salient.Embeddings;
using Salient.Storage;

namespace Salient.Significance;

/// <summary>A story's rank among the day's articles: the share (0–100) of that day's analysed articles whose story scores lower.</summary>
internal sealed record DayRank(double Percentile, long AnalysedCount, DateOnly Day)
{
    /// <summary>"top 7%": the share of the day's articles scoring at least as high, rounded up to a whole percent.</summary>
    public int TopPercent => Math.Clamp((int)Math.Ceiling(100 - Percentile), 1, 100);
}

/// <summary>A story waiting to be scored, with what the student needs.</summary>
internal sealed record PendingStory(long Id, long Version, string Title, string? Text, float[]? Embedding, Coverage Coverage, long DayStart);

/// <summary>Reads stories to score and writes their scores; computes day percentiles. SQLite and PostgreSQL.</summary>
internal sealed class SignificanceStore(Database database)
{
    private const string PendingWhere = "(scored_version IS NULL OR version > scored_version) AND merged_into IS NULL AND status <> 'merged'";

    public async Task<long> CountPendingAsync(CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.LongAsync(conn, null, $"SELECT COUNT(*) FROM stories WHERE {PendingWhere}", ct).ConfigureAwait(false);
    }

    /// <summary>Up to <paramref name="limit"/> stories whose score is missing or older than their articles, oldest first.</summary>
    /// <remarks>
    /// With an <paramref name="owner"/>, the stories are first claimed under a lease (FOR UPDATE SKIP LOCKED on PostgreSQL),
    /// so workers sharing a database score different stories; a dead worker's claims lapse with their lease.
    /// </remarks>
    public async Task<List<PendingStory>> PendingAsync(int limit, CancellationToken ct, string? owner = null, TimeSpan? lease = null)
    {
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        var claimed = string.Empty;
        if (owner is not null)
        {
            var now = DateTimeOffset.UtcNow;
            var skipLocked = database.IsPostgres ? " FOR UPDATE SKIP LOCKED" : string.Empty;
            await Sql.ExecuteAsync(conn, null,
                "UPDATE stories SET score_lease_owner = @owner, score_lease_until = @until WHERE id IN (" +
                $"SELECT id FROM stories WHERE {PendingWhere} AND (score_lease_until IS NULL OR score_lease_until < @now OR score_lease_owner = @owner) " +
                $"ORDER BY last_updated, id LIMIT @limit{skipLocked})", ct,
                ("owner", owner), ("until", Clock.ToUnixMs(now + (lease ?? TimeSpan.FromMinutes(5)))), ("now", Clock.ToUnixMs(now)), ("limit", limit)).ConfigureAwait(false);
            claimed = " AND score_lease_owner = @owner";
        }
        var stories = await Sql.QueryAsync(conn, null,
            $"SELECT id, version, representative_article_id, first_published, first_seen, centroid FROM stories WHERE {PendingWhere}{claimed} ORDER BY last_updated, id LIMIT @limit",
            r => (Id: r.Long("id")!.Value, Version: r.Long("version")!.Value, Rep: r.Long("representative_article_id"),
                Day: r.Long("first_published") ?? r.Long("first_seen")!.Value, Centroid: Blob(r, "centroid")),
            ct, owner is null ? [("limit", limit)] : [("limit", limit), ("owner", owner)]).ConfigureAwait(false);
        var result = new List<PendingStory>(stories.Count);
        foreach (var s in stories)
        {
            var articles = await Sql.QueryAsync(conn, null,
                """
                SELECT a.id, a.source_id, a.title, a.excerpt, a.text, a.feed_summary, a.embedding,
                       COALESCE(a.published_at, a.discovered_at) AS at, s.tier, s.site_url, s.name
                FROM articles a LEFT JOIN sources s ON s.id = a.source_id
                WHERE a.story_id = @id ORDER BY COALESCE(a.published_at, a.discovered_at), a.id
                """,
                r => new StoryArticle(r.Long("id")!.Value, r.Long("source_id"), r.Str("title") ?? "",
                    r.Str("excerpt") ?? r.Str("text") ?? r.Str("feed_summary"), Blob(r, "embedding"), r.Long("at") ?? 0,
                    (int)(r.Long("tier") ?? OutletTiers.Middle), r.Str("site_url") ?? r.Str("name")),
                ct, ("id", s.Id)).ConfigureAwait(false);
            var rep = articles.FirstOrDefault(a => a.Id == s.Rep) ?? articles.FirstOrDefault();
            float[]? embedding = rep?.Embedding is { Length: TextEmbedder.Dimensions * sizeof(float) } bytes ? TextEmbedder.FromBytes(bytes) : null;
            if (embedding is null && s.Centroid is { Length: TextEmbedder.Dimensions * sizeof(float) } centroid)
            {
                embedding = Unit(TextEmbedder.FromBytes(centroid));
            }
            result.Add(new PendingStory(s.Id, s.Version, rep?.Title ?? "", rep?.Lead, embedding, CoverageOf(articles), DayStartOf(s.Day)));
        }
        return result;
    }

    /// <summary>Writes a story's score unless the story changed meanwhile; the percentile is computed after the write, among the day's scored stories.</summary>
    public async Task<bool> SaveAsync(PendingStory story, ScoredStory scored, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        var factors = JsonSerializer.Serialize(scored.Factors);
        var n = await Sql.ExecuteAsync(conn, null,
            "UPDATE stories SET score = @score, factors = @factors, reason = @reason, scored_version = @version, scored_at = @now, score_lease_owner = NULL, score_lease_until = NULL " +
            "WHERE id = @id AND version = @version",
            ct, ("score", scored.Score), ("factors", factors), ("reason", scored.Reason), ("version", story.Version), ("now", Clock.ToUnixMs(now)), ("id", story.Id)).ConfigureAwait(false);
        if (n == 0)
        {
            return false;
        }
        var rank = await RankAsync(conn, scored.Score, story.DayStart, ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, null, "UPDATE stories SET percentile = @p WHERE id = @id", ct, ("p", rank.Percentile), ("id", story.Id)).ConfigureAwait(false);
        return true;
    }

    /// <summary>The story's current rank among its day's articles (percentile and how many were analysed); null when it is not scored.</summary>
    public async Task<DayRank?> DayRankAsync(long storyId, CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        var row = await Sql.QueryAsync(conn, null, "SELECT score, first_published, first_seen FROM stories WHERE id = @id",
            r => (Score: r.Double("score"), Day: r.Long("first_published") ?? r.Long("first_seen") ?? 0), ct, ("id", storyId)).ConfigureAwait(false);
        if (row.Count == 0 || row[0].Score is not { } score)
        {
            return null;
        }
        return await RankAsync(conn, score, DayStartOf(row[0].Day), ct).ConfigureAwait(false);
    }

    private static async Task<DayRank> RankAsync(DbConnection conn, double score, long dayStart, CancellationToken ct)
    {
        var counts = await Sql.QueryAsync(conn, null,
            """
            SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN s.score < @score THEN 1 ELSE 0 END), 0) AS lower
            FROM articles a JOIN stories s ON s.id = a.story_id
            WHERE s.score IS NOT NULL AND COALESCE(a.published_at, a.discovered_at) >= @from AND COALESCE(a.published_at, a.discovered_at) < @to
            """,
            r => (Total: r.Long("total") ?? 0, Lower: r.Long("lower") ?? 0), ct,
            ("score", score), ("from", dayStart), ("to", dayStart + 86_400_000L)).ConfigureAwait(false);
        var (total, lower) = counts[0];
        var day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(dayStart).UtcDateTime);
        return new DayRank(total == 0 ? 0 : Math.Round(100.0 * lower / total, 2), total, day);
    }

    private static Coverage CoverageOf(List<StoryArticle> articles)
    {
        if (articles.Count == 0)
        {
            return Coverage.Single(OutletTiers.Middle);
        }
        // An outlet is a source; articles without a source count by their site, else each on its own.
        var outlets = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in articles)
        {
            var key = a.SourceId is { } sid ? $"#{sid}" : a.Site ?? $"article {a.Id}";
            outlets[key] = outlets.TryGetValue(key, out var t) ? Math.Min(t, a.Tier) : a.Tier;
        }
        var first = articles.Min(a => a.At);
        var early = articles.Count(a => a.At - first <= (long)Coverage.EarlyWindow.TotalMilliseconds);
        return Coverage.FromTiers(outlets.Values.ToList(), early);
    }

    private static long DayStartOf(long unixMs) => unixMs - (((unixMs % 86_400_000L) + 86_400_000L) % 86_400_000L);

    private static byte[]? Blob(DbDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : (byte[])r.GetValue(i);
    }

    private static float[] Unit(float[] v)
    {
        var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot(v, v));
        if (norm > 0)
        {
            for (var i = 0; i < v.Length; i++)
            {
                v[i] /= norm;
            }
        }
        return v;
    }

    private sealed record StoryArticle(long Id, long? SourceId, string Title, string? Lead, byte[]? Embedding, long At, int Tier, string? Site);
}
