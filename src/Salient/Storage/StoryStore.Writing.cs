using System.Text.Json;
using Salient.Writing;

namespace Salient.Storage;

/// <summary>Writing: stories that need a look from the writing stage, their articles, and their titles and summaries.</summary>
internal sealed partial class StoryStore
{
    /// <summary>A story as it is now, and what it was when last written (null fields: never written).</summary>
    public sealed record StoryState(long Id, int Version, int ArticleCount, int OutletCount, long? RepresentativeArticleId,
        int? WrittenVersion, int? WrittenArticleCount, int? WrittenOutletCount, long? WrittenRepresentativeArticleId, bool HasTitle,
        DateTimeOffset? WrittenAt = null);

    public sealed record StoredArticle(long Id, SourceArticle Article);

    // Visible stories whose articles changed since they were last written or looked at.
    internal static readonly string ToWriteWhere =
        $"{StoryFilter.Visible()} AND s.article_count > 0 " +
        "AND (s.written_version IS NULL OR s.written_version < s.version) AND (w.checked_version IS NULL OR w.checked_version < s.version)";

    public async Task<long> CountToWriteAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.LongAsync(conn, null, $"SELECT COUNT(*) FROM stories s LEFT JOIN story_writing w ON w.story_id = s.id WHERE {ToWriteWhere}", ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Leases up to <paramref name="limit"/> stories to write for <paramref name="owner"/>, most recently updated first.
    /// The lease lives in <c>story_writing</c>, whose row a story may not have yet, so each story is claimed by an upsert.
    /// </summary>
    public async Task<List<StoryState>> ClaimToWriteAsync(string owner, TimeSpan lease, int limit, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + lease;
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var ids = await Sql.QueryAsync(conn, null,
            $"SELECT s.id FROM stories s LEFT JOIN story_writing w ON w.story_id = s.id WHERE {ToWriteWhere} " +
            $"AND {Leases.Free("w.lease_owner", "w.lease_until")} ORDER BY s.last_updated DESC LIMIT @limit",
            r => r.Long("id")!.Value, ct, ("now", Clock.ToUnixMs(now)), ("limit", limit)).ConfigureAwait(false);
        var claimed = new List<StoryState>();
        foreach (var id in ids)
        {
            // One statement per story: whoever moves the lease first owns the story; others see 0 rows.
            var n = await Sql.ExecuteAsync(conn, null,
                "INSERT INTO story_writing (story_id, lease_owner, lease_until) VALUES (@id, @owner, @until) " +
                "ON CONFLICT (story_id) DO UPDATE SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until " +
                $"WHERE {Leases.Free("story_writing.lease_owner", "story_writing.lease_until")}",
                ct, ("id", id), ("owner", owner), ("until", Clock.ToUnixMs(until)), ("now", Clock.ToUnixMs(now))).ConfigureAwait(false);
            if (n == 0)
            {
                continue;
            }
            var state = await Sql.QueryAsync(conn, null,
                "SELECT s.id, s.version, s.article_count, s.outlet_count, s.representative_article_id, s.written_version, s.title, " +
                "w.article_count AS w_articles, w.outlet_count AS w_outlets, w.representative_article_id AS w_rep, w.written_at AS w_at " +
                "FROM stories s JOIN story_writing w ON w.story_id = s.id WHERE s.id = @id",
                r =>
                {
                    var written = r.Long("w_at") is not null;
                    return new StoryState(r.Long("id")!.Value, (int)r.Long("version")!.Value, (int)r.Long("article_count")!.Value,
                        (int)r.Long("outlet_count")!.Value, r.Long("representative_article_id"), (int?)r.Long("written_version"),
                        written ? (int?)r.Long("w_articles") : null, written ? (int?)r.Long("w_outlets") : null, written ? r.Long("w_rep") : null,
                        r.Str("title") is { Length: > 0 }, r.Time("w_at"));
                }, ct, ("id", id)).ConfigureAwait(false);
            claimed.AddRange(state);
        }
        return claimed;
    }

    /// <summary>
    /// The story's articles, at most <paramref name="limit"/>: the newest half of the limit (so a story that has gone on
    /// developing is written from what it says now, however many articles came before), and the rest from the most
    /// credible outlets, earliest first (its first reports). Returned most credible outlets and earliest first.
    /// </summary>
    public async Task<List<StoredArticle>> ArticlesToWriteAsync(long storyId, int limit, CancellationToken ct)
    {
        const string Select = "SELECT a.id, a.title, a.text, a.excerpt, a.feed_summary, a.url, a.published_at, a.discovered_at, a.site_name, src.name AS source, src.tier " +
            "FROM articles a LEFT JOIN sources src ON src.id = a.source_id WHERE a.story_id = @id ";
        static (StoredArticle Article, int Tier, long At) Read(System.Data.Common.DbDataReader r) =>
            (new StoredArticle(r.Long("id")!.Value, new SourceArticle(
                r.Str("title") ?? "",
                r.Str("text") ?? r.Str("excerpt") ?? r.Str("feed_summary"),
                r.Str("source") ?? r.Str("site_name"),
                r.Str("url"),
                r.Time("published_at"),
                (int?)r.Long("tier"),
                r.Str("feed_summary"))),
             (int)(r.Long("tier") ?? 2), r.Long("published_at") ?? r.Long("discovered_at") ?? 0);
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var newest = await Sql.QueryAsync(conn, null,
            Select + "ORDER BY COALESCE(a.published_at, a.discovered_at) DESC, a.id DESC LIMIT @limit",
            Read, ct, ("id", storyId), ("limit", (limit + 1) / 2)).ConfigureAwait(false);
        var first = await Sql.QueryAsync(conn, null,
            Select + "ORDER BY COALESCE(src.tier, 2), COALESCE(a.published_at, a.discovered_at), a.id LIMIT @limit",
            Read, ct, ("id", storyId), ("limit", limit)).ConfigureAwait(false);
        var chosen = newest.ToDictionary(x => x.Article.Id);
        foreach (var x in first)
        {
            if (chosen.Count >= limit)
            {
                break;
            }
            chosen.TryAdd(x.Article.Id, x);
        }
        return chosen.Values.OrderBy(x => x.Tier).ThenBy(x => x.At).ThenBy(x => x.Article.Id).Select(x => x.Article).ToList();
    }

    /// <summary>Stores a new title and summary, and what they were written from; releases the lease. The title is part of the story's related profile, so <c>topic_updated</c> moves.</summary>
    public async Task SaveWritingAsync(StoryState story, WrittenStory written, IReadOnlyList<long> articleIds, DateTimeOffset now, CancellationToken ct)
    {
        var sources = JsonSerializer.Serialize(written.Sentences.Select(s => new SentenceSource(s.Text, articleIds[s.Article])).ToList(), SummarySourcesJson);
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, tx,
            $"UPDATE stories SET title = @title, summary = @summary, summary_sources = @sources, written_version = @version, written_at = @now, {TopicTouched} WHERE id = @id",
            ct, ("title", written.Title), ("summary", written.Summary), ("sources", sources), ("version", story.Version), ("now", Clock.ToUnixMs(now)), ("id", story.Id)).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, tx,
            "UPDATE story_writing SET article_count = @articles, outlet_count = @outlets, representative_article_id = @rep, title_article_id = @titleArticle, " +
            "method = @method, written_at = @now, checked_version = @version, lease_owner = NULL, lease_until = NULL WHERE story_id = @id",
            ct, ("articles", story.ArticleCount), ("outlets", story.OutletCount), ("rep", story.RepresentativeArticleId),
            ("titleArticle", written.TitleArticle >= 0 ? articleIds[written.TitleArticle] : null), ("method", written.Method),
            ("now", Clock.ToUnixMs(now)), ("version", story.Version), ("id", story.Id)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Records that the story was looked at and its change was not material: the text stays as it is.</summary>
    public async Task KeepWritingAsync(StoryState story, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, null,
            "UPDATE story_writing SET checked_version = @version, lease_owner = NULL, lease_until = NULL WHERE story_id = @id",
            ct, ("version", story.Version), ("id", story.Id)).ConfigureAwait(false);
    }

    /// <summary>Gives the story back without a change (a failure); it stays pending.</summary>
    public async Task ReleaseWritingAsync(long storyId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, null, "UPDATE story_writing SET lease_owner = NULL, lease_until = NULL WHERE story_id = @id", ct, ("id", storyId)).ConfigureAwait(false);
    }

    private sealed record SentenceSource(string Text, long ArticleId);

    private static readonly JsonSerializerOptions SummarySourcesJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
