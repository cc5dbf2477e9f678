using System.Data.Common;
using System.Text.Json;
using Salient.Embeddings;
using Salient.Significance;
using Salient.Sources;

namespace Salient.Storage;

/// <summary>
/// A story's rank among the day's articles: the share (0–100, two decimals) of that day's analysed articles whose
/// story scores lower. The stored percentile and the "top Y%" the site shows both come from it.
/// </summary>
internal sealed record DayRank(double Percentile, long AnalysedCount, DateOnly Day)
{
    /// <summary>"top 7%": the share of the day's articles scoring at least as high, rounded up to a whole percent.</summary>
    public int TopPercent => TopPercentOf(Percentile);

    /// <summary>The "top Y%" a stored percentile stands for.</summary>
    public static int TopPercentOf(double percentile) => Math.Clamp((int)Math.Ceiling(100 - percentile - 1e-9), 1, 100);
}

/// <summary>A story waiting to be scored, with what the student needs.</summary>
internal sealed record PendingStory(long Id, long Version, string Title, string? Text, float[]? Embedding, Coverage Coverage, long DayStart);

/// <summary>A stored story to hand the teacher for labelling: its representative article and every outlet that covered it.</summary>
internal sealed record StoryToLabel(long Id, string Title, string? Lead, string? Source, IReadOnlyList<string> Outlets);

/// <summary>Scores: stories to score, their scores, and the day rank.</summary>
internal sealed partial class StoryStore
{
    /// <summary>Visible stories whose score is missing or older than their articles (table named <c>stories</c>, not aliased).</summary>
    internal static readonly string ToScoreWhere = $"(scored_version IS NULL OR version > scored_version) AND {StoryFilter.Visible("stories")}";

    /// <summary>Visible stories whose score is missing or older than their articles, least recently updated first; a worker renews its own claims.</summary>
    private static readonly LeaseQueue ToScore = new("stories", ToScoreWhere, "last_updated, id", "score_lease_owner", "score_lease_until", RenewOwn: true);

    private const long DayMs = 86_400_000L;

    public async Task<long> CountToScoreAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.LongAsync(conn, null, $"SELECT COUNT(*) FROM stories WHERE {ToScoreWhere}", ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> stories to score for <paramref name="owner"/> under a lease, so workers sharing
    /// a database score different stories (a dead worker's claims lapse with their lease), and reads what the student needs.
    /// </summary>
    public async Task<List<PendingStory>> ClaimToScoreAsync(string owner, int limit, TimeSpan lease, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await Leases.ClaimAsync(db, clock, conn, ToScore, owner, lease, limit, ct).ConfigureAwait(false);
        var stories = await Sql.QueryAsync(conn, null,
            $"SELECT id, version, representative_article_id, first_published, first_seen, centroid FROM stories WHERE {ToScoreWhere} AND score_lease_owner = @owner ORDER BY last_updated, id LIMIT @limit",
            r => (Id: r.Long("id")!.Value, Version: r.Long("version")!.Value, Rep: r.Long("representative_article_id"),
                Day: r.Long("first_published") ?? r.Long("first_seen")!.Value, Centroid: r.Bytes("centroid")),
            ct, ("limit", limit), ("owner", owner)).ConfigureAwait(false);
        var result = new List<PendingStory>(stories.Count);
        // Outlets that published in the day before a story's first report, by the hour of that report: one count per
        // hour of the batch, not one per story.
        var dayOutlets = new Dictionary<long, long>();
        foreach (var s in stories)
        {
            var articles = await Sql.QueryAsync(conn, null,
                """
                SELECT a.id, a.source_id, a.title, a.excerpt, a.text, a.feed_summary, a.embedding,
                       COALESCE(a.published_at, a.discovered_at) AS at, s.tier, s.site_url, s.name, s.country
                FROM articles a LEFT JOIN sources s ON s.id = a.source_id
                WHERE a.story_id = @id ORDER BY COALESCE(a.published_at, a.discovered_at), a.id
                """,
                r => new ScoredArticle(r.Long("id")!.Value, r.Long("source_id"), r.Str("title") ?? "",
                    r.Str("excerpt") ?? r.Str("text") ?? r.Str("feed_summary"), r.Bytes("embedding"), r.Long("at") ?? 0,
                    (int)(r.Long("tier") ?? OutletRegistry.Middle), r.Str("site_url") ?? r.Str("name"), r.Str("country")),
                ct, ("id", s.Id)).ConfigureAwait(false);
            var rep = articles.FirstOrDefault(a => a.Id == s.Rep) ?? articles.FirstOrDefault();
            float[]? embedding = rep?.Embedding is { Length: TextEmbedder.Dimensions * sizeof(float) } bytes ? TextEmbedder.FromBytes(bytes) : null;
            if (embedding is null && s.Centroid is { Length: TextEmbedder.Dimensions * sizeof(float) } centroid)
            {
                embedding = Unit(TextEmbedder.FromBytes(centroid));
            }
            var coverage = CoverageOf(articles);
            if (articles.Count > 0)
            {
                var hour = articles.Min(a => a.At) / 3_600_000L;
                if (!dayOutlets.TryGetValue(hour, out var active))
                {
                    active = await ActiveOutletsAsync(conn, hour * 3_600_000L, ct).ConfigureAwait(false);
                    dayOutlets[hour] = active;
                }
                coverage = coverage with { DayOutlets = (int)Math.Min(active, int.MaxValue) };
            }
            result.Add(new PendingStory(s.Id, s.Version, rep?.Title ?? "", rep?.Lead, embedding, coverage, DayStartOf(s.Day)));
        }
        return result;
    }

    /// <summary>Writes a story's score unless the story changed meanwhile; the percentile is computed after the write, among the day's scored stories.</summary>
    public async Task<bool> SaveScoreAsync(PendingStory story, ScoredStory scored, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var factors = JsonSerializer.Serialize(scored.Factors);
        var n = await Sql.ExecuteAsync(conn, null,
            "UPDATE stories SET score = @score, factors = @factors, reason = @reason, scored_version = @version, scored_at = @now, score_lease_owner = NULL, score_lease_until = NULL " +
            "WHERE id = @id AND version = @version",
            ct, ("score", scored.Score), ("factors", factors), ("reason", scored.Reason), ("version", story.Version), ("now", Clock.ToUnixMs(now)), ("id", story.Id)).ConfigureAwait(false);
        if (n == 0)
        {
            return false;
        }
        var rank = await DayRankAsync(conn, scored.Score, story.DayStart, ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, null, "UPDATE stories SET percentile = @p WHERE id = @id", ct, ("p", rank.Percentile), ("id", story.Id)).ConfigureAwait(false);
        return true;
    }

    /// <summary>Marks every visible story's score stale, so the scoring stage rates them again; returns how many.</summary>
    public async Task<int> RescoreAllAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.ExecuteAsync(conn, null, $"UPDATE stories SET scored_version = NULL WHERE {StoryFilter.Visible("stories")}", ct).ConfigureAwait(false);
    }

    /// <summary>The story's current rank among its day's articles (percentile and how many were analysed); null when it is not scored.</summary>
    public async Task<DayRank?> DayRankAsync(long storyId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var row = await Sql.QueryAsync(conn, null, "SELECT score, first_published, first_seen FROM stories WHERE id = @id",
            r => (Score: r.Double("score"), Day: r.Long("first_published") ?? r.Long("first_seen") ?? 0), ct, ("id", storyId)).ConfigureAwait(false);
        if (row.Count == 0 || row[0].Score is not { } score)
        {
            return null;
        }
        return await DayRankAsync(conn, score, DayStartOf(row[0].Day), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The rank query: where a story scoring <paramref name="score"/> stands among the articles of the UTC day starting at
    /// <paramref name="dayStart"/> that belong to visible scored stories. Both the stored percentile and the site's "top Y%" read it.
    /// </summary>
    internal static async Task<DayRank> DayRankAsync(DbConnection conn, double score, long dayStart, CancellationToken ct)
    {
        var counts = await Sql.QueryAsync(conn, null,
            $"""
            SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN s.score < @score THEN 1 ELSE 0 END), 0) AS lower
            FROM articles a JOIN stories s ON s.id = a.story_id
            WHERE s.score IS NOT NULL AND {StoryFilter.Visible()}
              AND COALESCE(a.published_at, a.discovered_at) >= @from AND COALESCE(a.published_at, a.discovered_at) < @to
            """,
            r => (Total: r.Long("total") ?? 0, Lower: r.Long("lower") ?? 0), ct,
            ("score", score), ("from", dayStart), ("to", dayStart + DayMs)).ConfigureAwait(false);
        var (total, lower) = counts[0];
        var day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(dayStart).UtcDateTime);
        return new DayRank(total == 0 ? 0 : Math.Round(100.0 * lower / total, 2), total, day);
    }

    /// <summary>The start (UTC midnight, Unix milliseconds) of the day holding <paramref name="unixMs"/>.</summary>
    internal static long DayStartOf(long unixMs) => unixMs - (((unixMs % DayMs) + DayMs) % DayMs);

    /// <summary>The most recently updated visible stories with a representative article, for the teacher to label.</summary>
    public async Task<List<StoryToLabel>> StoriesToLabelAsync(int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var stories = await Sql.QueryAsync(conn, null,
            $"""
            SELECT st.id, a.title, COALESCE(a.excerpt, a.feed_summary) AS lead, src.name AS source
            FROM stories st JOIN articles a ON a.id = st.representative_article_id LEFT JOIN sources src ON src.id = a.source_id
            WHERE {StoryFilter.Visible("st")} ORDER BY st.last_updated DESC, st.id DESC LIMIT @limit
            """,
            r => (Id: r.Long("id")!.Value, Title: r.Str("title") ?? "", Lead: r.Str("lead"), Source: r.Str("source")), ct, ("limit", limit)).ConfigureAwait(false);
        var items = new List<StoryToLabel>(stories.Count);
        foreach (var s in stories)
        {
            var outlets = await Sql.QueryAsync(conn, null,
                "SELECT DISTINCT src.name FROM articles a JOIN sources src ON src.id = a.source_id WHERE a.story_id = @id ORDER BY src.name",
                r => r.Str("name") ?? "", ct, ("id", s.Id)).ConfigureAwait(false);
            items.Add(new StoryToLabel(s.Id, s.Title, s.Lead, s.Source, outlets));
        }
        return items;
    }

    /// <summary>Distinct sources with an article in the 24 hours up to the end of the given hour.</summary>
    private static Task<long> ActiveOutletsAsync(DbConnection conn, long hourStart, CancellationToken ct) =>
        Sql.LongAsync(conn, null,
            "SELECT COUNT(DISTINCT source_id) FROM articles WHERE COALESCE(published_at, discovered_at) >= @from AND COALESCE(published_at, discovered_at) < @to",
            ct, ("from", hourStart + 3_600_000L - DayMs), ("to", hourStart + 3_600_000L));

    private static Coverage CoverageOf(List<ScoredArticle> articles)
    {
        if (articles.Count == 0)
        {
            return Coverage.Single(OutletRegistry.Middle);
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
        var countries = articles.Select(a => a.Country).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        return Coverage.FromTiers(outlets.Values.ToList(), early) with
        {
            Countries = countries,
            Articles = articles.Count,
            SpanHours = (articles.Max(a => a.At) - first) / 3_600_000.0,
        };
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

    private sealed record ScoredArticle(long Id, long? SourceId, string Title, string? Lead, byte[]? Embedding, long At, int Tier, string? Site, string? Country);
}
