using System.Data.Common;
using System.Text.Json;
using Salient.Embeddings;
using Salient.Stories;

namespace Salient.Storage;

/// <summary>The stories a reader sees, and the only ones worth scoring, writing or ranking: those not merged into another.</summary>
internal static class StoryFilter
{
    /// <summary>The condition on the stories aliased <paramref name="alias"/> that they are visible; every query that lists stories uses it.</summary>
    public static string Visible(string alias = "s") => $"{alias}.status <> 'merged' AND {alias}.merged_into IS NULL";
}

/// <summary>
/// Stories, one store in three files: grouping here (embeddings waiting to be computed, articles waiting for a
/// story, the live window to rebuild the assigner from, story facts, merges and related stories), scores and the
/// day rank in <c>StoryStore.Scores.cs</c>, titles and summaries in <c>StoryStore.Writing.cs</c>.
/// </summary>
internal sealed partial class StoryStore(Database db, TimeProvider clock)
{
    /// <summary>An article's time for grouping: when it was published, but never later than when it was first seen.</summary>
    private const string TimeKey = "(CASE WHEN a.published_at IS NULL OR a.published_at > a.discovered_at THEN a.discovered_at ELSE a.published_at END)";

    private const string ArticleColumns =
        "a.id, a.title, a.text, a.excerpt, a.feed_summary, a.url, a.site_name, a.embedding, a.story_id, a.discovered_at, " + TimeKey + " AS t, src.name AS source_name, src.country AS source_country, a.language AS article_language";

    /// <summary><see cref="ArticleColumns"/> without the texts, for a window whose texts the caller has read before.</summary>
    private const string ArticleColumnsWithoutText =
        "a.id, a.title, NULL AS text, NULL AS excerpt, NULL AS feed_summary, a.url, a.site_name, a.embedding, a.story_id, a.discovered_at, " + TimeKey + " AS t, src.name AS source_name, src.country AS source_country, a.language AS article_language";

    /// <summary>Sends the stories already merged into an absorbed story on to the survivor (index <c>ix_stories_merged_into</c>, migration 0270).</summary>
    internal const string RedirectMergedSql = "UPDATE stories SET merged_into = @keep WHERE merged_into = @gone";

    public sealed record EmbedItem(long Id, string Text);

    /// <summary>An article with what grouping needs, as stored.</summary>
    public sealed record GroupItem(StoryArticle Article, long? StoryId);

    public sealed record RelatedStory(long Id, double Similarity, string? Title, long ArticleCount, long OutletCount, DateTimeOffset? LastPublished);

    /// <summary>Facts of a story the assigner knows (its centroid and representative article).</summary>
    public sealed record LiveFacts(long StoryId, float[]? Centroid, long? Representative);

    /// <summary>What one batch of grouping changed.</summary>
    public sealed record GroupChanges(IReadOnlyList<Assignment> Assignments, IReadOnlyList<long> Closed, IReadOnlyList<LiveFacts> Facts);

    public async Task<long> CountAtStageAsync(int stage, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles WHERE stage = @s", ct, ("s", stage)).ConfigureAwait(false);
    }

    /// <summary>Articles whose text is extracted and whose embedding is not computed yet, oldest first.</summary>
    public async Task<List<EmbedItem>> PendingEmbeddingAsync(int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null,
            "SELECT id, title, text, excerpt, feed_summary FROM articles WHERE stage = @s ORDER BY id LIMIT @n",
            r => new EmbedItem(r.Long("id")!.Value, EmbeddingText.Of(r.Str("title") ?? "", Lead(r))),
            ct, ("s", Pipeline.ArticleStage.Extracted), ("n", limit)).ConfigureAwait(false);
    }

    /// <summary>Extracted articles, oldest first.</summary>
    private static readonly LeaseQueue ToEmbed = new("articles", "stage = @s", "id");

    /// <summary>
    /// Claims up to <paramref name="limit"/> extracted articles for embedding under a lease (FOR UPDATE SKIP LOCKED on
    /// PostgreSQL), oldest first; articles whose lease ran out (their worker died) are claimed again.
    /// </summary>
    public async Task<List<EmbedItem>> ClaimEmbeddingAsync(string owner, int limit, TimeSpan lease, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await Leases.ClaimAsync(db, clock, conn, ToEmbed, owner, lease, limit, ct, ("s", Pipeline.ArticleStage.Extracted)).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null,
            "SELECT id, title, text, excerpt, feed_summary FROM articles WHERE stage = @s AND lease_owner = @owner ORDER BY id",
            r => new EmbedItem(r.Long("id")!.Value, EmbeddingText.Of(r.Str("title") ?? "", Lead(r))),
            ct, ("s", Pipeline.ArticleStage.Extracted), ("owner", owner)).ConfigureAwait(false);
    }

    /// <summary>
    /// Serialises grouping across workers: on PostgreSQL a session advisory lock (released by the server if the worker
    /// dies), in one process a semaphore. Null when another worker holds it right now.
    /// </summary>
    public Task<IAsyncDisposable?> TryLockGroupingAsync(CancellationToken ct) => db.Dialect.TryLockAsync(db, SqlDialect.GroupingLockKey, ct);

    public async Task SaveEmbeddingsAsync(IReadOnlyList<(long Id, float[] Vector)> items, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        foreach (var (id, vector) in items)
        {
            await Sql.ExecuteAsync(conn, tx, "UPDATE articles SET embedding = @e, stage = @to, lease_owner = NULL, lease_until = NULL WHERE id = @id AND stage = @from", ct,
                ("e", TextEmbedder.ToBytes(vector)), ("to", Pipeline.ArticleStage.Embedded), ("id", id), ("from", Pipeline.ArticleStage.Extracted)).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Embedded articles waiting for a story, oldest first; only those older than every article still on its way
    /// (not yet embedded, and discovered since <paramref name="holdSince"/>), so that grouping sees the stream in time order.
    /// </summary>
    public async Task<List<GroupItem>> PendingGroupingAsync(int limit, int leadChars, DateTimeOffset holdSince, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var hold = await Sql.ScalarAsync(conn, null, $"SELECT MIN({TimeKey}) FROM articles a WHERE a.stage < @s AND a.discovered_at >= @since", ct,
            ("s", Pipeline.ArticleStage.Embedded), ("since", Clock.ToUnixMs(holdSince))).ConfigureAwait(false);
        var before = hold is null or DBNull ? long.MaxValue : Convert.ToInt64(hold, System.Globalization.CultureInfo.InvariantCulture);
        return await Sql.QueryAsync(conn, null,
            $"SELECT {ArticleColumns} FROM articles a LEFT JOIN sources src ON src.id = a.source_id " +
            $"WHERE a.stage = @s AND a.embedding IS NOT NULL AND {TimeKey} < @before ORDER BY t, a.id LIMIT @n",
            r => ToItem(r, leadChars), ct, ("s", Pipeline.ArticleStage.Embedded), ("before", before), ("n", limit)).ConfigureAwait(false);
    }

    /// <summary>A number that changes whenever any article gets a story, so a worker can tell its window is stale.</summary>
    public async Task<string> GroupedFingerprintAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var count = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles WHERE stage >= @s", ct, ("s", Pipeline.ArticleStage.Grouped)).ConfigureAwait(false);
        var max = await Sql.LongAsync(conn, null, "SELECT COALESCE(MAX(id), 0) FROM stories", ct).ConfigureAwait(false);
        var merged = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM stories WHERE status = 'merged'", ct).ConfigureAwait(false);
        return $"{count}/{max}/{merged}";
    }

    /// <summary>The stories live at the end of the stored stream (newest article within the window) with their articles within the window, and the next free story id.</summary>
    public Task<(List<GroupItem> Members, long NextStoryId)> LiveWindowAsync(long windowMs, int leadChars, CancellationToken ct) =>
        LiveWindowAsync(windowMs, leadChars, null, ct);

    /// <summary>
    /// As <see cref="LiveWindowAsync(long, int, CancellationToken)"/>, but the texts of the articles in
    /// <paramref name="known"/> are not read: each of those comes with what grouping read from it before
    /// (<see cref="StoryArticle.Facts"/>). A worker whose window another worker moved rebuilds it this way, reading
    /// only the texts of the articles new to it.
    /// </summary>
    public async Task<(List<GroupItem> Members, long NextStoryId)> LiveWindowAsync(long windowMs, int leadChars, IReadOnlyDictionary<long, ArticleFacts>? known, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var next = await Sql.LongAsync(conn, null, "SELECT COALESCE(MAX(id), 0) FROM stories", ct).ConfigureAwait(false) + 1;
        var end = await Sql.ScalarAsync(conn, null, $"SELECT MAX(last_published) FROM stories WHERE {StoryFilter.Visible("stories")}", ct).ConfigureAwait(false);
        if (end is null)
        {
            return ([], next);
        }
        var horizon = Convert.ToInt64(end, System.Globalization.CultureInfo.InvariantCulture) - windowMs;
        var columns = known is { Count: > 0 } ? ArticleColumnsWithoutText : ArticleColumns;
        var members = await Sql.QueryAsync(conn, null,
            $"SELECT {columns} FROM articles a JOIN stories s ON s.id = a.story_id LEFT JOIN sources src ON src.id = a.source_id " +
            $"WHERE {StoryFilter.Visible()} AND s.last_published >= @h AND " + TimeKey + " >= @h AND a.stage >= @g AND a.embedding IS NOT NULL ORDER BY a.story_id, t, a.id",
            r => ToItem(r, leadChars), ct, ("h", horizon), ("g", Pipeline.ArticleStage.Grouped)).ConfigureAwait(false);
        if (known is not { Count: > 0 })
        {
            return (members, next);
        }

        // The texts of the articles new to the caller, 500 at a time.
        var unknown = members.Where(m => !known.ContainsKey(m.Article.Id)).Select(m => m.Article.Id).ToList();
        var read = new Dictionary<long, StoryArticle>(unknown.Count);
        foreach (var chunk in unknown.Chunk(500))
        {
            var names = string.Join(", ", chunk.Select((_, i) => $"@id{i}"));
            var rows = await Sql.QueryAsync(conn, null,
                $"SELECT {ArticleColumns} FROM articles a LEFT JOIN sources src ON src.id = a.source_id WHERE a.id IN ({names})",
                r => ToItem(r, leadChars).Article, ct, [.. chunk.Select((id, i) => ($"id{i}", (object?)id))]).ConfigureAwait(false);
            foreach (var article in rows)
            {
                read[article.Id] = article;
            }
        }
        for (var i = 0; i < members.Count; i++)
        {
            var article = members[i].Article;
            members[i] = members[i] with
            {
                Article = known.TryGetValue(article.Id, out var facts) ? article with { Facts = facts } : read.GetValueOrDefault(article.Id, article),
            };
        }
        return (members, next);
    }

    /// <summary>Records one batch of grouping in one transaction: articles' stories, new stories, merges, closed stories and fresh facts.</summary>
    public async Task ApplyAsync(GroupChanges changes, DateTimeOffset now, CancellationToken ct)
    {
        var nowMs = Clock.ToUnixMs(now);
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        var touched = new HashSet<long>();
        foreach (var a in changes.Assignments)
        {
            if (a.Created)
            {
                await Sql.ExecuteAsync(conn, tx, "INSERT INTO stories (id, status, first_seen, last_updated, version) VALUES (@id, 'open', @now, @now, 0)", ct,
                    ("id", a.StoryId), ("now", nowMs)).ConfigureAwait(false);
            }
            await Sql.ExecuteAsync(conn, tx, "UPDATE articles SET story_id = @s, stage = @g WHERE id = @id", ct,
                ("s", a.StoryId), ("g", Pipeline.ArticleStage.Grouped), ("id", a.ArticleId)).ConfigureAwait(false);
            foreach (var gone in a.Merged)
            {
                await Sql.ExecuteAsync(conn, tx, "UPDATE articles SET story_id = @keep WHERE story_id = @gone", ct, ("keep", a.StoryId), ("gone", gone)).ConfigureAwait(false);
                await Sql.ExecuteAsync(conn, tx, RedirectMergedSql, ct, ("keep", a.StoryId), ("gone", gone)).ConfigureAwait(false);
                await FollowStore.MoveToSurvivorAsync(conn, tx, gone, a.StoryId, nowMs, ct).ConfigureAwait(false);
                await Sql.ExecuteAsync(conn, tx,
                    "UPDATE stories SET status = 'merged', merged_into = @keep, article_count = 0, version = version + 1, last_updated = @now WHERE id = @gone", ct,
                    ("keep", a.StoryId), ("gone", gone), ("now", nowMs)).ConfigureAwait(false);
                touched.Remove(gone);
            }
            touched.Add(a.StoryId);
        }
        var facts = changes.Facts.ToDictionary(f => f.StoryId);
        foreach (var id in touched)
        {
            await RefreshFactsAsync(conn, tx, id, facts.GetValueOrDefault(id), nowMs, ct).ConfigureAwait(false);
        }
        foreach (var id in changes.Closed)
        {
            await Sql.ExecuteAsync(conn, tx, "UPDATE stories SET status = 'closed' WHERE id = @id AND status = 'open'", ct, ("id", id)).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private static async Task RefreshFactsAsync(DbConnection conn, DbTransaction tx, long storyId, LiveFacts? live, long nowMs, CancellationToken ct)
    {
        var rows = await Sql.QueryAsync(conn, tx,
            $"SELECT a.id, a.url, a.site_name, a.discovered_at, {TimeKey} AS t, src.name AS source_name, src.country AS source_country " +
            "FROM articles a LEFT JOIN sources src ON src.id = a.source_id WHERE a.story_id = @s ORDER BY t, a.id",
            r => (Id: r.Long("id")!.Value, Outlet: Outlet(r), Country: r.Str("source_country"), Seen: r.Long("discovered_at")!.Value, T: r.Long("t")!.Value),
            ct, ("s", storyId)).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return;
        }
        var outlets = rows.Select(r => r.Outlet).Where(o => o is not null).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var countries = rows.Select(r => r.Country).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.ToUpperInvariant()).Distinct(StringComparer.Ordinal).OrderBy(c => c, StringComparer.Ordinal).ToList();
        await Sql.ExecuteAsync(conn, tx,
            "UPDATE stories SET first_seen = @fs, last_updated = @now, first_published = @fp, last_published = @lp, article_count = @n, outlet_count = @oc, " +
            "outlets = @o, countries = @c, representative_article_id = @rep, centroid = COALESCE(@cen, centroid), version = version + 1 WHERE id = @id", ct,
            ("fs", rows.Min(r => r.Seen)), ("now", nowMs), ("fp", rows.Min(r => r.T)), ("lp", rows.Max(r => r.T)), ("n", rows.Count), ("oc", outlets.Count),
            ("o", JsonSerializer.Serialize(outlets)), ("c", JsonSerializer.Serialize(countries)), ("rep", live?.Representative ?? rows[0].Id),
            ("cen", live?.Centroid is { } v ? TextEmbedder.ToBytes(v) : null), ("id", storyId)).ConfigureAwait(false);
    }

    /// <summary>The story a (possibly merged) story id now lives in, or null when there is no such story.</summary>
    public async Task<long?> ResolveAsync(long storyId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await SurvivorAsync(conn, storyId, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Follows merges from <paramref name="storyId"/> to the story that survives; null when there is no such story or
    /// the chain ends nowhere (at a merged story with no survivor, or in a loop).
    /// </summary>
    internal static async Task<long?> SurvivorAsync(DbConnection conn, long storyId, CancellationToken ct)
    {
        var current = storyId;
        for (var hop = 0; hop < 64; hop++)
        {
            var rows = await Sql.QueryAsync(conn, null, "SELECT status, merged_into FROM stories WHERE id = @id",
                r => (Status: r.Str("status"), Into: r.Long("merged_into")), ct, ("id", current)).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                return null;
            }
            if (rows[0].Into is not { } into || into == current)
            {
                return rows[0].Status == "merged" ? null : current;
            }
            current = into;
        }
        return null;
    }

    /// <summary>The newest article time of any story (Unix milliseconds), or null when there is none.</summary>
    public async Task<long?> NewestPublishedAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var v = await Sql.ScalarAsync(conn, null, "SELECT MAX(last_published) FROM stories", ct).ConfigureAwait(false);
        return v is null or DBNull ? null : Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A story as the site's topic index keeps it: its profile for <see cref="RelatedRule"/> (null without a usable
    /// centroid or article time) and when that profile last changed (<c>topic_updated</c>); <see cref="Visible"/> is
    /// false for a merged story.
    /// </summary>
    public sealed record TopicRow(long Id, RelatedProfile? Profile, long TopicUpdated, bool Visible);

    /// <summary>
    /// The SET clause that marks a story's related profile changed by a writer other than grouping (desks and countries,
    /// the title), with the writer's time in <c>@now</c>: at least one past the last mark, so two changes in one
    /// millisecond, or under a clock that is behind, are still seen as changes. Grouping's changes move it through
    /// last_updated (migration 0260). Leaves last_updated alone: to the feeds, the API and the work queues that means
    /// the articles changed.
    /// </summary>
    internal const string TopicTouched = "topic_updated = CASE WHEN topic_updated >= @now THEN topic_updated + 1 ELSE @now END";

    /// <summary>What a story's related profile is read from: its centroid, title and sections, and its representative article's title and lead.</summary>
    private const string ProfileColumns =
        "s.id, s.centroid, s.last_published, s.topic_updated, s.status, s.merged_into, s.title, s.topics, s.about_countries, " +
        "a.title AS rep_title, SUBSTR(COALESCE(NULLIF(a.text, ''), NULLIF(a.excerpt, ''), a.feed_summary), 1, 600) AS rep_lead";

    private static RelatedProfile? Profile(DbDataReader r) =>
        r.Long("last_published") is { } last && r.Bytes("centroid") is { Length: TextEmbedder.Dimensions * sizeof(float) } c
            ? RelatedProfile.Of(r.Long("id")!.Value, TextEmbedder.FromBytes(c), last, r.Str("title") ?? r.Str("rep_title"), r.Str("rep_title"), r.Str("rep_lead"), r.Str("topics"), r.Str("about_countries"))
            : null;

    /// <summary>
    /// Stories whose related profile changed after (<paramref name="updatedAfter"/>, <paramref name="idAfter"/>) in
    /// (topic_updated, id) order (grouping and merges, sections at scoring and the written title move topic_updated) whose
    /// newest article is no older than <paramref name="publishedFrom"/>, merged ones included so a reader can drop them;
    /// at most <paramref name="limit"/>, oldest change first.
    /// </summary>
    public async Task<List<TopicRow>> TopicsChangedAsync(long updatedAfter, long idAfter, long publishedFrom, int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null,
            $"SELECT {ProfileColumns} FROM stories s LEFT JOIN articles a ON a.id = s.representative_article_id " +
            "WHERE (s.topic_updated > @after OR (s.topic_updated = @after AND s.id > @afterId)) AND s.last_published >= @from ORDER BY s.topic_updated, s.id LIMIT @limit",
            r => new TopicRow(r.Long("id")!.Value, Profile(r), r.Long("topic_updated") ?? 0, r.Str("status") != "merged" && r.Long("merged_into") is null),
            ct, ("after", updatedAfter), ("afterId", idAfter), ("from", publishedFrom), ("limit", limit)).ConfigureAwait(false);
    }

    /// <summary>
    /// "More on this topic": up to <paramref name="count"/> other stories by <see cref="RelatedRule"/> (an article no more
    /// than 48 hours before this story's newest, or any time after it; near in topic and sharing names, places or things,
    /// and desks and countries once scored), best first, with the term weights taken over the stories of that time.
    /// Merged ids are followed.
    /// </summary>
    public async Task<IReadOnlyList<RelatedStory>> RelatedAsync(long storyId, CancellationToken ct, int count = 5) =>
        await RelatedOrNullAsync(storyId, ct, count).ConfigureAwait(false) ?? [];

    /// <summary>
    /// As <see cref="RelatedAsync"/>, but null when there is nothing to judge by: no such story, or one without a usable
    /// centroid or article time. An empty list means the rule found none.
    /// </summary>
    public async Task<IReadOnlyList<RelatedStory>?> RelatedOrNullAsync(long storyId, CancellationToken ct, int count = 5)
    {
        var id = await ResolveAsync(storyId, ct).ConfigureAwait(false);
        if (id is null)
        {
            return null;
        }
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var self = await Sql.QueryAsync(conn, null,
            $"SELECT {ProfileColumns} FROM stories s LEFT JOIN articles a ON a.id = s.representative_article_id WHERE s.id = @id",
            Profile, ct, ("id", id.Value)).ConfigureAwait(false);
        if (self.Count == 0 || self[0] is not { } anchor)
        {
            return null;
        }
        var candidates = await Sql.QueryAsync(conn, null,
            $"SELECT {ProfileColumns}, s.article_count, s.outlet_count FROM stories s " +
            "LEFT JOIN articles a ON a.id = s.representative_article_id " +
            $"WHERE s.id <> @id AND {StoryFilter.Visible()} AND s.centroid IS NOT NULL AND s.last_published >= @from",
            r => (Profile: Profile(r), Title: r.Str("title") ?? r.Str("rep_title"), Count: r.Long("article_count") ?? 0, Outlets: r.Long("outlet_count") ?? 0, Last: r.Time("last_published")),
            ct, ("id", id.Value), ("from", anchor.LastPublished - RelatedRule.WindowMs)).ConfigureAwait(false);
        var profiles = candidates.Select(c => c.Profile).OfType<RelatedProfile>().ToList();
        var counts = TermCounts.Of(profiles.Append(anchor));
        var byId = candidates.Where(c => c.Profile is not null).ToDictionary(c => c.Profile!.Id);
        return RelatedRule.Nearest(anchor, profiles, counts, count)
            .Select(i => byId[i])
            .Select(c => new RelatedStory(c.Profile!.Id, RelatedRule.Score(anchor, c.Profile, counts, RelatedSettings.Default) ?? 0, c.Title, c.Count, c.Outlets, c.Last))
            .ToList();
    }

    private static GroupItem ToItem(DbDataReader r, int leadChars)
    {
        var id = r.Long("id")!.Value;
        var lead = Lead(r);
        var article = new StoryArticle(id, r.Str("title") ?? "", lead is { Length: > 0 } ? LeadText.Of(lead, leadChars) : lead,
            Outlet(r), r.Str("url"), r.Long("t")!.Value, TextEmbedder.FromBytes(r.Bytes("embedding")!))
        {
            Language = r.Str("article_language"),
            Body = r.Str("text"),
        };
        return new GroupItem(article, r.Long("story_id"));
    }

    private static string? Lead(DbDataReader r) => FirstText(r.Str("text"), r.Str("excerpt"), r.Str("feed_summary"));

    private static string? FirstText(params string?[] texts) => texts.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));

    /// <summary>The outlet's name: its source's name, else the page's site name, else the link's host.</summary>
    private static string? Outlet(DbDataReader r)
    {
        var name = FirstText(r.Str("source_name"), r.Str("site_name"));
        if (name is not null)
        {
            return name.Trim();
        }
        return Uri.TryCreate(r.Str("url"), UriKind.Absolute, out var u) ? (u.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? u.Host[4..] : u.Host) : null;
    }
}
