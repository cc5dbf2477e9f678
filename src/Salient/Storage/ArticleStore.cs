using System.Data.Common;
using System.Runtime.CompilerServices;
using Salient.Pipeline;

namespace Salient.Storage;

/// <summary>A feed item as the ingest processor hands it to the store: identified, canonicalised and fingerprinted.</summary>
internal sealed record IncomingItem(
    string Guid,
    string Link,
    string CanonicalUrl,
    string ItemHash,
    string? ContentHash,
    string Title,
    string? Summary,
    string? Content,
    string? Author,
    string? Categories,
    DateTimeOffset? Published,
    DateTimeOffset? Updated);

/// <summary>What storing one feed's items did.</summary>
internal sealed record IngestCounts(int Items, int NewItems, int NewArticles, int UpdatedArticles);

/// <summary>An article waiting for its page to be fetched and its text extracted.</summary>
internal sealed record ArticleToExtract(long Id, long? SourceId, string Url, string Title, string? FeedSummary, string? FeedContent, string? SourceLanguage, int Attempts)
{
    /// <summary>The feed URL of the article's source: internal addresses are fetched only where that is.</summary>
    public string? SourceUrl { get; init; }
}

/// <summary>The text an article ends up with after the extract stage, from its page or from its feed.</summary>
internal sealed record ExtractionOutcome(
    long Id,
    string Extraction,
    string? ExtractError,
    string? Byline,
    string? SiteName,
    string? Language,
    string? Excerpt,
    string? Text,
    DateTimeOffset? Published)
{
    /// <summary>The page was refused by the network policy: the article stops at <see cref="ArticleStage.Refused"/>.</summary>
    public bool Refused { get; init; }
}

/// <summary>A stored article, as the status page and tests see it.</summary>
internal sealed record ArticleRow(long Id, string Url, string CanonicalUrl, string Title, string? SourceName, DateTimeOffset? Published, DateTimeOffset Discovered,
    int Stage, string? Extraction, string? ExtractError, string? Text);

/// <summary>Feed items and articles: dedup on the way in, extraction state on the way through (hand-written SQL, SQLite and PostgreSQL).</summary>
internal sealed class ArticleStore(Database db, TimeProvider clock)
{
    /// <summary>
    /// Stores one feed's items in one transaction. An item already seen with the same content is only marked seen;
    /// a seen item whose content changed updates its article; a new item becomes a new article unless an article
    /// with the same canonical URL or the same content hash exists, in which case the item points at that one.
    /// </summary>
    public async Task<IngestCounts> IngestAsync(long sourceId, IReadOnlyList<IncomingItem> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        var now = Clock.ToUnixMs(clock.GetUtcNow());
        int newItems = 0, newArticles = 0, updated = 0;
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        foreach (var item in items)
        {
            var known = await Sql.QueryAsync(conn, tx, "SELECT id, item_hash, article_id FROM feed_items WHERE source_id = @s AND guid = @g",
                r => (Id: r.Long("id")!.Value, Hash: r.Str("item_hash")!, ArticleId: r.Long("article_id")), ct, ("s", sourceId), ("g", item.Guid)).ConfigureAwait(false);
            if (known.Count > 0)
            {
                var (itemId, hash, articleId) = known[0];
                if (string.Equals(hash, item.ItemHash, StringComparison.Ordinal) && articleId is not null)
                {
                    await Sql.ExecuteAsync(conn, tx, "UPDATE feed_items SET last_seen = @now WHERE id = @id", ct, ("now", now), ("id", itemId)).ConfigureAwait(false);
                    continue;
                }
                if (articleId is null)
                {
                    // Its article was deleted: the item counts as new again.
                    var (found, inserted) = await FindOrInsertArticleAsync(conn, tx, sourceId, item, now, ct).ConfigureAwait(false);
                    articleId = found;
                    newArticles += inserted ? 1 : 0;
                }
                else if (await UpdateArticleAsync(conn, tx, articleId.Value, item, now, ct).ConfigureAwait(false))
                {
                    updated++;
                }
                await Sql.ExecuteAsync(conn, tx, "UPDATE feed_items SET last_seen = @now, item_hash = @h, link = @l, article_id = @a WHERE id = @id", ct,
                    ("now", now), ("h", item.ItemHash), ("l", item.Link), ("a", articleId), ("id", itemId)).ConfigureAwait(false);
                continue;
            }
            var (article, isNew) = await FindOrInsertArticleAsync(conn, tx, sourceId, item, now, ct).ConfigureAwait(false);
            if (isNew)
            {
                newArticles++;
            }
            newItems++;
            await Sql.ExecuteAsync(conn, tx,
                "INSERT INTO feed_items (source_id, guid, link, item_hash, article_id, first_seen, last_seen) VALUES (@s, @g, @l, @h, @a, @now, @now) " +
                "ON CONFLICT (source_id, guid) DO NOTHING", ct,
                ("s", sourceId), ("g", item.Guid), ("l", item.Link), ("h", item.ItemHash), ("a", article), ("now", now)).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new IngestCounts(items.Count, newItems, newArticles, updated);
    }

    private static async Task<(long Id, bool Inserted)> FindOrInsertArticleAsync(DbConnection conn, DbTransaction tx, long sourceId, IncomingItem item, long now, CancellationToken ct)
    {
        var byUrl = await Sql.ScalarAsync(conn, tx, "SELECT id FROM articles WHERE canonical_url = @c", ct, ("c", item.CanonicalUrl)).ConfigureAwait(false);
        if (byUrl is not null)
        {
            return (Convert.ToInt64(byUrl, System.Globalization.CultureInfo.InvariantCulture), false);
        }
        if (item.ContentHash is not null)
        {
            var byHash = await Sql.ScalarAsync(conn, tx, "SELECT MIN(id) FROM articles WHERE content_hash = @h", ct, ("h", item.ContentHash)).ConfigureAwait(false);
            if (byHash is not null)
            {
                return (Convert.ToInt64(byHash, System.Globalization.CultureInfo.InvariantCulture), false);
            }
        }
        var id = await Sql.ScalarAsync(conn, tx,
            "INSERT INTO articles (source_id, url, canonical_url, content_hash, title, feed_summary, feed_content, author, categories, published_at, updated_at, discovered_at, stage) " +
            "VALUES (@s, @url, @c, @h, @title, @summary, @content, @author, @cats, @pub, @upd, @now, @stage) ON CONFLICT (canonical_url) DO NOTHING RETURNING id", ct,
            ("s", sourceId), ("url", item.Link), ("c", item.CanonicalUrl), ("h", item.ContentHash), ("title", item.Title), ("summary", item.Summary),
            ("content", item.Content), ("author", item.Author), ("cats", item.Categories), ("pub", Clock.ToUnixMs(item.Published)),
            ("upd", Clock.ToUnixMs(item.Updated)), ("now", now), ("stage", ArticleStage.Discovered)).ConfigureAwait(false);
        if (id is not null)
        {
            return (Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture), true);
        }
        // Another worker stored the same URL between our look-up and insert.
        var again = await Sql.LongAsync(conn, tx, "SELECT id FROM articles WHERE canonical_url = @c", ct, ("c", item.CanonicalUrl)).ConfigureAwait(false);
        return (again, false);
    }

    /// <summary>Brings an article's feed fields up to date with a changed item; text taken from the feed is refreshed too.</summary>
    private static async Task<bool> UpdateArticleAsync(DbConnection conn, DbTransaction tx, long articleId, IncomingItem item, long now, CancellationToken ct)
    {
        var n = await Sql.ExecuteAsync(conn, tx,
            "UPDATE articles SET title = @title, feed_summary = @summary, feed_content = @content, author = @author, categories = @cats, " +
            "published_at = COALESCE(@pub, published_at), updated_at = COALESCE(@upd, @now), " +
            "content_hash = COALESCE(@h, content_hash), " +
            // Text that came from the feed is re-taken from the changed item by the extract stage.
            "stage = CASE WHEN extraction = 'feed' AND stage = @extracted THEN @discovered ELSE stage END " +
            "WHERE id = @id", ct,
            ("title", item.Title), ("summary", item.Summary), ("content", item.Content), ("author", item.Author), ("cats", item.Categories),
            ("pub", Clock.ToUnixMs(item.Published)), ("upd", Clock.ToUnixMs(item.Updated)), ("now", now), ("h", item.ContentHash),
            ("extracted", ArticleStage.Extracted), ("discovered", ArticleStage.Discovered), ("id", articleId)).ConfigureAwait(false);
        return n > 0;
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles", ct).ConfigureAwait(false);
    }

    public async Task<long> CountAtStageAsync(int stage, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles WHERE stage = @s", ct, ("s", stage)).ConfigureAwait(false);
    }

    /// <summary>Discovered articles, oldest first; each claim counts as an attempt.</summary>
    private static readonly LeaseQueue ToExtract = new("articles", "stage = @stage", "id", AlsoSet: "attempts = attempts + 1");

    /// <summary>Claims up to <paramref name="limit"/> discovered articles for extraction under a lease, oldest first.</summary>
    public async Task<IReadOnlyList<ArticleToExtract>> ClaimForExtractionAsync(string owner, int limit, TimeSpan lease, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await Leases.ClaimAsync(db, clock, conn, ToExtract, owner, lease, limit, ct, ("stage", ArticleStage.Discovered)).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null,
            "SELECT a.id, a.source_id, a.url, a.title, a.feed_summary, a.feed_content, a.attempts, s.language, s.url AS source_url FROM articles a " +
            "LEFT JOIN sources s ON s.id = a.source_id WHERE a.lease_owner = @owner AND a.stage = @stage ORDER BY a.id", r => new ArticleToExtract(
                r.Long("id")!.Value, r.Long("source_id"), r.Str("url")!, r.Str("title")!, r.Str("feed_summary"), r.Str("feed_content"), r.Str("language"),
                (int)(r.Long("attempts") ?? 0)) { SourceUrl = r.Str("source_url") }, ct, ("owner", owner), ("stage", ArticleStage.Discovered)).ConfigureAwait(false);
    }

    /// <summary>Writes extraction outcomes in one transaction and moves those articles to <see cref="ArticleStage.Extracted"/> (or <see cref="ArticleStage.Refused"/>).</summary>
    public async Task SaveExtractionsAsync(IReadOnlyList<ExtractionOutcome> outcomes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0)
        {
            return;
        }
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        foreach (var o in outcomes)
        {
            await Sql.ExecuteAsync(conn, tx,
                "UPDATE articles SET extraction = @x, extract_error = @err, byline = @byline, site_name = @site, language = @lang, excerpt = @excerpt, " +
                "text = @text, published_at = COALESCE(published_at, @pub), stage = @stage, lease_owner = NULL, lease_until = NULL " +
                "WHERE id = @id AND stage < @stage", ct,
                ("x", o.Extraction), ("err", o.ExtractError), ("byline", o.Byline), ("site", o.SiteName), ("lang", o.Language), ("excerpt", o.Excerpt),
                ("text", o.Text), ("pub", Clock.ToUnixMs(o.Published)), ("stage", o.Refused ? ArticleStage.Refused : ArticleStage.Extracted),
                ("id", o.Id)).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The most recently discovered articles, newest first.</summary>
    public async Task<IReadOnlyList<ArticleRow>> LatestAsync(int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null,
            "SELECT a.id, a.url, a.canonical_url, a.title, s.name AS source, a.published_at, a.discovered_at, a.stage, a.extraction, a.extract_error, NULL AS text " +
            "FROM articles a LEFT JOIN sources s ON s.id = a.source_id ORDER BY a.discovered_at DESC, a.id DESC LIMIT @n", MapRow, ct, ("n", limit)).ConfigureAwait(false);
    }

    /// <summary>Every article with its text, oldest first (for tests and exports).</summary>
    public async Task<IReadOnlyList<ArticleRow>> AllAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null,
            "SELECT a.id, a.url, a.canonical_url, a.title, s.name AS source, a.published_at, a.discovered_at, a.stage, a.extraction, a.extract_error, a.text " +
            "FROM articles a LEFT JOIN sources s ON s.id = a.source_id ORDER BY a.id", MapRow, ct).ConfigureAwait(false);
    }

    /// <summary>An article as <c>salient export articles</c> writes it.</summary>
    public sealed record Exported(long Id, string Url, string CanonicalUrl, string Title, string? Source, DateTimeOffset? Published, long? StoryId);

    /// <summary>Every article, oldest first, read one row at a time (a store may hold millions).</summary>
    public async IAsyncEnumerable<Exported> ExportAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var command = Sql.Command(conn, null,
            "SELECT a.id, a.url, a.canonical_url, a.title, s.name AS source, a.published_at, a.story_id FROM articles a LEFT JOIN sources s ON s.id = a.source_id ORDER BY a.id");
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            yield return new Exported(reader.Long("id")!.Value, reader.Str("url")!, reader.Str("canonical_url")!, reader.Str("title")!, reader.Str("source"),
                reader.Time("published_at"), reader.Long("story_id"));
        }
    }

    private static ArticleRow MapRow(DbDataReader r) => new(
        r.Long("id")!.Value, r.Str("url")!, r.Str("canonical_url")!, r.Str("title")!, r.Str("source"), r.Time("published_at"), r.Time("discovered_at")!.Value,
        (int)(r.Long("stage") ?? 0), r.Str("extraction"), r.Str("extract_error"), r.Str("text"));
}
