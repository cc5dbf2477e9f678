using System.Data.Common;
using System.Text.Json;
using Salient.Embeddings;
using Salient.Significance;
using Salient.Sources;

namespace Salient.Storage;

/// <summary>
/// A story's rank among the day's articles: the share (0–100, two decimals) of that day's analysed articles whose
/// story scores lower, and how many score higher. The "top Y%" the site shows and the API's percentile come from it.
/// </summary>
internal sealed record DayRank(double Percentile, long AnalysedCount, DateOnly Day, long Higher = 0)
{
    /// <summary>"top 7%": the share of the day's articles scoring at least as high, rounded up to a whole percent.</summary>
    public int TopPercent => TopPercentOf(Percentile);

    /// <summary>The share (whole percent, rounded down) of the day's analysed articles whose story scores higher.</summary>
    public int HigherPercent => AnalysedCount == 0 ? 0 : (int)(100 * Higher / AnalysedCount);

    /// <summary>The "top Y%" a stored percentile stands for.</summary>
    public static int TopPercentOf(double percentile) => Math.Clamp((int)Math.Ceiling(100 - percentile - 1e-9), 1, 100);
}

/// <summary>
/// How one UTC day's analysed articles (those in visible scored stories) spread over their stories' scores: read with
/// one query per day and then asked for any score's rank without touching the database.
/// </summary>
internal sealed class DayDistribution
{
    private readonly double[] _scores;
    private readonly long[] _below;

    /// <param name="counts">Articles per distinct story score, in any order.</param>
    public DayDistribution(long dayStart, IEnumerable<(double Score, long Articles)> counts)
    {
        DayStart = dayStart;
        var sorted = counts.Where(c => c.Articles > 0).OrderBy(c => c.Score).ToArray();
        _scores = new double[sorted.Length];
        _below = new long[sorted.Length + 1];
        for (var i = 0; i < sorted.Length; i++)
        {
            _scores[i] = sorted[i].Score;
            _below[i + 1] = _below[i] + sorted[i].Articles;
        }
    }

    /// <summary>The day's start (UTC midnight, Unix milliseconds).</summary>
    public long DayStart { get; }

    public DateOnly Day => DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(DayStart).UtcDateTime);

    /// <summary>The day's analysed articles.</summary>
    public long Total => _below[^1];

    /// <summary>Where a story scoring <paramref name="score"/> stands among the day's articles.</summary>
    public DayRank Rank(double score)
    {
        var lower = _below[LowerBound(score)];
        var notHigher = _below[UpperBound(score)];
        var total = Total;
        return new DayRank(total == 0 ? 0 : Math.Round(100.0 * lower / total, 2), total, Day, total - notHigher);
    }

    /// <summary>The first index whose score is not below <paramref name="score"/>.</summary>
    private int LowerBound(double score)
    {
        int lo = 0, hi = _scores.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_scores[mid] < score)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>The first index whose score is above <paramref name="score"/>.</summary>
    private int UpperBound(double score)
    {
        int lo = 0, hi = _scores.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_scores[mid] <= score)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}

/// <summary>
/// A story waiting to be scored, with what the student needs; <see cref="ScoredInputs"/> is the fingerprint of what the
/// student read when it last scored the story (null: never, or marked for re-scoring), see <see cref="ScoreInputs"/>.
/// </summary>
internal sealed record PendingStory(long Id, long Version, string Title, string? Text, float[]? Embedding, Coverage Coverage, long DayStart,
    string? ScoredInputs = null, bool HasScore = false);

/// <summary>A stored story to hand the teacher for labelling: its representative article and every outlet that covered it.</summary>
internal sealed record StoryToLabel(long Id, string Title, string? Lead, string? Source, IReadOnlyList<string> Outlets);

/// <summary>Scores: stories to score, their scores, and the day's score distribution the rank is read from.</summary>
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
            $"SELECT id, version, representative_article_id, first_published, first_seen, centroid, score, score_inputs FROM stories WHERE {ToScoreWhere} AND score_lease_owner = @owner ORDER BY last_updated, id LIMIT @limit",
            r => (Id: r.Long("id")!.Value, Version: r.Long("version")!.Value, Rep: r.Long("representative_article_id"),
                Day: r.Long("first_published") ?? r.Long("first_seen")!.Value, Centroid: r.Bytes("centroid"), HasScore: r.Double("score") is not null,
                Inputs: r.Str("score_inputs")),
            ct, ("limit", limit), ("owner", owner)).ConfigureAwait(false);
        var result = new List<PendingStory>(stories.Count);
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
                var active = await ActiveOutletsAsync(conn, articles.Min(a => a.At) / 3_600_000L, ct).ConfigureAwait(false);
                coverage = coverage with { DayOutlets = (int)Math.Min(active, int.MaxValue) };
            }
            result.Add(new PendingStory(s.Id, s.Version, rep?.Title ?? "", rep?.Lead, embedding, coverage, DayStartOf(s.Day), s.Inputs, s.HasScore));
        }
        return result;
    }

    /// <summary>
    /// Writes a story's score and the fingerprint of what it was scored from (<paramref name="inputs"/>) unless the story
    /// changed meanwhile. Nothing here reads the rest of the day: the day's rank is read from its distribution
    /// (<see cref="DayDistributionAsync(DbConnection, long, CancellationToken)"/>) by whoever shows it.
    /// </summary>
    public async Task<bool> SaveScoreAsync(PendingStory story, ScoredStory scored, DateTimeOffset now, CancellationToken ct, string? inputs = null)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        var factors = JsonSerializer.Serialize(scored.Factors);
        var n = await Sql.ExecuteAsync(conn, tx,
            "UPDATE stories SET score = @score, factors = @factors, reason = @reason, scored_version = @version, scored_at = @now, score_inputs = @inputs, " +
            "score_lease_owner = NULL, score_lease_until = NULL WHERE id = @id AND version = @version",
            ct, ("score", scored.Score), ("factors", factors), ("reason", scored.Reason), ("version", story.Version), ("now", Clock.ToUnixMs(now)),
            ("inputs", inputs), ("id", story.Id)).ConfigureAwait(false);
        if (n > 0)
        {
            // The score's history: every score given, with the story's size at the time.
            await Sql.ExecuteAsync(conn, tx,
                "INSERT INTO story_scores (story_id, scored_at, score, factors, article_count, outlet_count) " +
                "SELECT id, @now, score, factors, article_count, outlet_count FROM stories WHERE id = @id",
                ct, ("now", Clock.ToUnixMs(now)), ("id", story.Id)).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return n > 0;
    }

    /// <summary>
    /// Records that the story's new version was looked at and what the student reads of it did not change: its score
    /// stays as it is (and is not written again) unless the story changed meanwhile.
    /// </summary>
    public async Task<bool> KeepScoreAsync(PendingStory story, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.ExecuteAsync(conn, null,
            "UPDATE stories SET scored_version = @version, score_lease_owner = NULL, score_lease_until = NULL WHERE id = @id AND version = @version AND score IS NOT NULL",
            ct, ("version", story.Version), ("id", story.Id)).ConfigureAwait(false) > 0;
    }

    /// <summary>
    /// The fingerprint of what the student reads of a story: its embedding and every coverage figure. Two versions of a
    /// story with the same fingerprint get the same score, so the second need not be scored.
    /// </summary>
    internal static string ScoreInputs(ReadOnlySpan<float> embedding, Coverage coverage)
    {
        var text = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{coverage.Outlets}|{coverage.TopTier}|{coverage.LowTier}|{coverage.EarlyArticles}|{coverage.Countries}|{coverage.Articles}|{coverage.SpanHours:R}|{coverage.DayOutlets}|{coverage.Known}|");
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(text));
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(embedding));
        return Convert.ToHexString(hash.GetHashAndReset(), 0, 16).ToLowerInvariant();
    }

    /// <summary>Marks every visible story's score stale, so the scoring stage rates them again; returns how many.</summary>
    public async Task<int> RescoreAllAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.ExecuteAsync(conn, null, $"UPDATE stories SET scored_version = NULL, score_inputs = NULL WHERE {StoryFilter.Visible("stories")}", ct).ConfigureAwait(false);
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
        return (await DayDistributionAsync(conn, DayStartOf(row[0].Day), ct).ConfigureAwait(false)).Rank(score);
    }

    /// <summary>
    /// The query behind <see cref="DayDistributionAsync(DbConnection, long, CancellationToken)"/>: the day's articles and
    /// their stories come from <c>ix_articles_at_story</c> alone, never from the article rows.
    /// </summary>
    internal static readonly string DayDistributionSql = $"""
        SELECT s.score AS score, COUNT(*) AS articles
        FROM articles a JOIN stories s ON s.id = a.story_id
        WHERE s.score IS NOT NULL AND {StoryFilter.Visible()}
          AND COALESCE(a.published_at, a.discovered_at) >= @from AND COALESCE(a.published_at, a.discovered_at) < @to
        GROUP BY s.score
        """;

    /// <summary>
    /// The rank query, once per day: how the articles of the UTC day starting at <paramref name="dayStart"/> that belong to
    /// visible scored stories spread over those stories' scores. The site keeps it per day and ranks every story from it.
    /// </summary>
    internal static async Task<DayDistribution> DayDistributionAsync(DbConnection conn, long dayStart, CancellationToken ct)
    {
        var counts = await Sql.QueryAsync(conn, null, DayDistributionSql,
            r => (Score: r.Double("score") ?? 0, Articles: r.Long("articles") ?? 0), ct,
            ("from", dayStart), ("to", dayStart + DayMs)).ConfigureAwait(false);
        return new DayDistribution(dayStart, counts);
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

    /// <summary>
    /// Distinct sources with an article in the 24 hours up to the end of the given hour. The count reads a day of
    /// articles, so it is kept per hour for <see cref="ActiveOutletsKeptFor"/>: scoring a story costs the same on a full day
    /// as on a thin one, and an hour's count is read again at most that often while its day is still filling.
    /// </summary>
    private async Task<long> ActiveOutletsAsync(DbConnection conn, long hour, CancellationToken ct)
    {
        var now = clock.GetTimestamp();
        if (_activeOutlets.TryGetValue(hour, out var kept) && clock.GetElapsedTime(kept.At, now) < ActiveOutletsKeptFor)
        {
            return kept.Count;
        }
        var hourStart = hour * 3_600_000L;
        var count = await Sql.LongAsync(conn, null,
            "SELECT COUNT(DISTINCT source_id) FROM articles WHERE COALESCE(published_at, discovered_at) >= @from AND COALESCE(published_at, discovered_at) < @to",
            ct, ("from", hourStart + 3_600_000L - DayMs), ("to", hourStart + 3_600_000L)).ConfigureAwait(false);
        if (_activeOutlets.Count > 10_000)
        {
            _activeOutlets.Clear();
        }
        _activeOutlets[hour] = (count, now);
        return count;
    }

    /// <summary>How long an hour's count of active outlets is used before it is read again.</summary>
    internal static readonly TimeSpan ActiveOutletsKeptFor = TimeSpan.FromMinutes(10);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, (long Count, long At)> _activeOutlets = new();

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
