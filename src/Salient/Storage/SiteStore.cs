using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Salient.Pipeline;
using Salient.Text;
using Salient.Web;

namespace Salient.Storage;

/// <summary>A story as the site shows it: cleaned text, counts, score and its explanation.</summary>
internal sealed record StoryCard(
    long Id,
    string Title,
    string Summary,
    double? Score,
    IReadOnlyDictionary<string, double> Factors,
    string? Reason,
    double? Percentile,
    long ArticleCount,
    long OutletCount,
    IReadOnlyList<string> Outlets,
    IReadOnlyList<string> Countries,
    DateTimeOffset Published,
    DateTimeOffset LastActivity,
    string? SummarySources)
{
    /// <summary>The story's desks, primary first, each with the classifier's confidence; empty until it is scored with sections.</summary>
    public IReadOnlyList<Sections.TopicScore> Topics { get; init; } = [];

    /// <summary>The countries the story is about (ISO 3166-1 alpha-2, most central first); <see cref="Countries"/> are its outlets' countries.</summary>
    public IReadOnlyList<string> AboutCountries { get; init; } = [];

    /// <summary>The language of most of its articles (ISO 639-1; the alphabetically first on a tie), or null when none has one.</summary>
    public string? Language { get; init; }

    /// <summary>A checked machine translation of exactly this title and summary, or null (none, or one of an earlier text).</summary>
    public StoryTranslation? Translation { get; init; }

    /// <summary>The translation to show readers of <paramref name="siteLanguage"/>: one into their language of a story in another; else null.</summary>
    public StoryTranslation? TranslationFor(string? siteLanguage) => StoryTranslation.For(Translation, Language, siteLanguage);
}

/// <summary>A story's title and summary machine-translated into <paramref name="Language"/> by <paramref name="Model"/>.</summary>
internal sealed record StoryTranslation(string Language, string Title, string Summary, string? Model, DateTimeOffset? TranslatedAt)
{
    /// <summary>The translation to show readers of <paramref name="siteLanguage"/>: one into their language of a story in another (<paramref name="storyLanguage"/>); else null.</summary>
    public static StoryTranslation? For(StoryTranslation? translation, string? storyLanguage, string? siteLanguage) =>
        siteLanguage is not null && translation is { } t && t.Language == siteLanguage && storyLanguage is { } l && l != siteLanguage ? t : null;

    /// <summary>The label beside a translation in plain text: "Machine translation from German. Original: TITLE. SUMMARY".</summary>
    public static string Label(string? storyLanguage, string title, string? summary) =>
        $"Machine translation from {Languages.Name(storyLanguage)}. Original: " + (string.IsNullOrWhiteSpace(summary) ? title : $"{title}. {summary}");
}

/// <summary>A story as its page reads it: the card, where it was merged into, a stamp of its row and when it last changed.</summary>
/// <summary>One score a story was given: when, the score, and how many articles and outlets it had then.</summary>
internal sealed record ScorePoint(DateTimeOffset At, double Score, int Articles, int Outlets);

internal sealed record StoryRow(StoryCard Card, long? MergedInto, string Stamp, DateTimeOffset Changed, long? ThreadId = null);

/// <summary>One article as the site lists it.</summary>
internal sealed record ArticleCard(long Id, string Title, string? Url, string? Outlet, string? Country, DateTimeOffset? At, long? StoryId, double? StoryScore)
{
    /// <summary>The article's language (ISO 639-1) as extraction told it, or null.</summary>
    public string? Language { get; init; }

    /// <summary>The article's lead (its excerpt), where the list read it; the story's timeline reads numbers and names from it.</summary>
    public string? Lead { get; init; }
}

/// <summary>A source with its poll state, for the API and the admin.</summary>
internal sealed record SourceCard(long Id, string Name, string Url, string? Country, string? Language, int Tier, bool Enabled,
    DateTimeOffset? LastPolledAt, DateTimeOffset? LastSuccessAt, string? LastStatus, string? LastError, int ConsecutiveFailures, long ItemsSeen);

/// <summary>What a list of stories is filtered by; null means no filter.</summary>
internal sealed record StoryQuery
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public DateTimeOffset? Since { get; init; }
    public double MinScore { get; init; }
    public string? Outlet { get; init; }
    public string? Text { get; init; }
    public int Limit { get; init; } = 100;

    /// <summary>How many stories of the ordered list to pass over before the first one given: the start of a later page.</summary>
    public int Offset { get; init; }

    /// <summary>Only stories filed under this desk (a slug of <see cref="Sections.Desks"/>).</summary>
    public string? Desk { get; init; }

    /// <summary>Only stories about one of these countries (ISO 3166-1 alpha-2).</summary>
    public IReadOnlyCollection<string>? Countries { get; init; }

    /// <summary>Only stories in this language (ISO 639-1, lower case): the language of most of their articles.</summary>
    public string? Language { get; init; }

    /// <summary>True: most significant first (the front page); false: newest first (API, feeds).</summary>
    public bool BySignificance { get; init; }
}

/// <summary>Site counts for /api/stats.</summary>
internal sealed record SiteStats(long Sources, long FailingSources, long Articles, long Stories, long ScoredStories, long ArticlesLast24h, long SignificantLast24h, DateTimeOffset? LatestArticle);

/// <summary>
/// The site's read model: the queries over sources, articles and stories behind the pages, feeds and API, and
/// nothing else reads them for the site. Every text it returns is cleaned of markup (see <see cref="PlainText"/>).
/// </summary>
internal sealed class SiteStore(Database database)
{
    private static readonly string Visible = StoryFilter.Visible();
    private const string Activity = "COALESCE(s.last_published, s.last_updated)";

    /// <summary>
    /// A story's language: that of most of its articles, the alphabetically first on a tie. A column of the story kept by
    /// triggers on articles (migration 0210), so reading it costs nothing per story.
    /// </summary>
    internal const string StoryLanguage = "s.language";
    private const string ArticleAt = "COALESCE(a.published_at, a.discovered_at)";

    private const string CardColumns =
        "s.id, s.title AS s_title, ra.title AS ra_title, s.summary, ra.excerpt AS ra_excerpt, s.score, s.factors, s.reason, s.percentile, " +
        "s.article_count, s.outlet_count, s.outlets, s.countries, s.first_published, s.first_seen, s.last_published, s.last_updated, s.summary_sources, " +
        "s.topics, s.topic_scores, s.about_countries, " + StoryLanguage + " AS story_language, " +
        "tr.language AS tr_language, tr.title AS tr_title, tr.summary AS tr_summary, tr.model AS tr_model, tr.source_hash AS tr_hash, tr.translated_at AS tr_at";

    /// <summary>The joins <see cref="CardColumns"/> reads: the representative article and the story's translation.</summary>
    private const string CardJoins =
        "LEFT JOIN articles ra ON ra.id = s.representative_article_id LEFT JOIN story_translations tr ON tr.story_id = s.id";

    /// <summary>Stories as lists show them, each kept with the version of the row it was read from.</summary>
    private readonly StoryCardCache _cards = new();

    public Database Database => database;

    public async Task<List<StoryCard>> StoriesAsync(StoryQuery query, CancellationToken ct)
    {
        if (StoriesCommand(query) is not { } command)
        {
            return [];
        }
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        var picked = await Sql.QueryAsync(conn, null, command.Sql, r => (Id: r.Long("id")!.Value, Stamp: StampOf(r)), ct, command.Args).ConfigureAwait(false);
        var cards = new StoryCard?[picked.Count];
        var missing = new List<long>();
        for (var i = 0; i < picked.Count; i++)
        {
            if (_cards.TryGet(picked[i].Id, picked[i].Stamp) is { } kept)
            {
                cards[i] = kept;
            }
            else
            {
                missing.Add(picked[i].Id);
            }
        }
        if (missing.Count > 0)
        {
            var read = await ReadCardsAsync(conn, missing, ct).ConfigureAwait(false);
            for (var i = 0; i < picked.Count; i++)
            {
                if (cards[i] is null && read.TryGetValue(picked[i].Id, out var fresh))
                {
                    cards[i] = fresh;
                }
            }
        }
        return [.. cards.OfType<StoryCard>()];
    }

    /// <summary>How many stories' cards are kept now.</summary>
    internal int KeptCards => _cards.Count;

    /// <summary>What says a kept card is still the story's: the row's card version (moved by every change the site shows) and its first sighting.</summary>
    private static StoryCardCache.Stamp StampOf(DbDataReader r) => new(r.Long("card_version") ?? 0, r.Long("first_seen") ?? 0);

    /// <summary>Reads the cards of <paramref name="ids"/> whole, cleaned and parsed, and keeps them with their stamp.</summary>
    private async Task<Dictionary<long, StoryCard>> ReadCardsAsync(DbConnection conn, List<long> ids, CancellationToken ct)
    {
        var result = new Dictionary<long, StoryCard>(ids.Count);
        foreach (var chunk in ids.Chunk(500))
        {
            var names = string.Join(", ", chunk.Select((_, i) => $"@id{i}"));
            var rows = await Sql.QueryAsync(conn, null,
                $"SELECT {CardColumns}, s.card_version FROM stories s {CardJoins} WHERE s.id IN ({names})",
                r => (Card: ReadCard(r), Stamp: StampOf(r)), ct, [.. chunk.Select((id, i) => ($"id{i}", (object?)id))]).ConfigureAwait(false);
            foreach (var (card, stamp) in rows)
            {
                _cards.Keep(card, stamp);
                result[card.Id] = card;
            }
        }
        return result;
    }

    /// <summary>The query behind <see cref="StoriesAsync"/>; null when the words to search for hold nothing searchable.</summary>
    internal (string Sql, (string, object?)[] Args)? StoriesCommand(StoryQuery query)
    {
        if (StoryFilters(query) is not var (where, args))
        {
            return null;
        }
        var order = query.BySignificance
            ? "COALESCE(s.score, -1) DESC, s.article_count DESC, s.id DESC"
            : $"{Activity} DESC, s.id DESC";
        var offset = Math.Max(0, query.Offset);
        args.Add(("limit", Math.Max(1, query.Limit)));
        args.Add(("offset", offset));
        if (query.BySignificance && DaysOf(query.From, query.To) is { } days)
        {
            // Each day must yield as many as the pages up to this one hold, or a later page would miss a day's stories.
            args.Add(("per_day", Math.Max(1, query.Limit) + offset));
            return (SignificantSql(where, args, days, order), [.. args]);
        }
        // Two steps: choose the ids from ix_stories_activity_rank alone (it holds every column the window, the threshold
        // and the order read), then read only the chosen rows' card versions. Reading and sorting every story of the
        // window whole was most of the front page's time; the cards themselves are read (and cleaned, and their JSON
        // columns parsed) only for the stories that changed since they were last read (StoriesAsync). Every order ends
        // in the id, so a page starting at @offset neither repeats nor skips a story of the page before.
        var sql = $"""
            SELECT s.id, s.card_version, s.first_seen
            FROM (SELECT s.id FROM stories s WHERE {string.Join(" AND ", where)} ORDER BY {order} LIMIT @limit OFFSET @offset) picked
            JOIN stories s ON s.id = picked.id
            ORDER BY {order}
            """;
        return (sql, [.. args]);
    }

    /// <summary>
    /// How many stories <paramref name="query"/> matches (its limit and offset aside), counted up to <paramref name="cap"/>
    /// so that a broad search costs no more than reading that many index entries; a count of <paramref name="cap"/> means "at least".
    /// </summary>
    public async Task<long> CountStoriesAsync(StoryQuery query, int cap, CancellationToken ct)
    {
        if (StoryFilters(query) is not var (where, args))
        {
            return 0;
        }
        args.Add(("cap", cap));
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        var n = await Sql.ScalarAsync(conn, null, $"SELECT COUNT(*) FROM (SELECT s.id FROM stories s WHERE {string.Join(" AND ", where)} LIMIT @cap) matched", ct, [.. args]).ConfigureAwait(false);
        return Convert.ToInt64(n, CultureInfo.InvariantCulture);
    }

    /// <summary>The conditions and arguments of <paramref name="query"/>'s filters; null when the words to search for hold nothing searchable.</summary>
    private (List<string> Where, List<(string, object?)> Args)? StoryFilters(StoryQuery query)
    {
        var where = new List<string> { Visible };
        var args = new List<(string, object?)>();
        if (query.From is { } from)
        {
            where.Add($"{Activity} >= @from");
            args.Add(("from", Clock.ToUnixMs(from)));
        }
        if (query.To is { } to)
        {
            where.Add($"{Activity} < @to");
            args.Add(("to", Clock.ToUnixMs(to)));
        }
        if (query.Since is { } since)
        {
            where.Add("s.last_updated > @since");
            args.Add(("since", Clock.ToUnixMs(since)));
        }
        if (query.MinScore > 0)
        {
            // As COALESCE(score, -1), the expression ix_stories_day_rank holds (the same stories: the threshold is above 0).
            where.Add("COALESCE(s.score, -1) >= @min");
            args.Add(("min", query.MinScore));
        }
        if (!string.IsNullOrWhiteSpace(query.Outlet))
        {
            where.Add("s.id IN (SELECT a.story_id FROM articles a JOIN sources src ON src.id = a.source_id WHERE LOWER(src.name) = LOWER(@outlet))");
            args.Add(("outlet", query.Outlet.Trim()));
        }
        if (query.Language is { } language)
        {
            where.Add($"{StoryLanguage} = @language");
            args.Add(("language", language));
        }
        var (sectionWhere, sectionArgs) = SectionStore.Filter(query.Desk, query.Countries);
        where.AddRange(sectionWhere);
        args.AddRange(sectionArgs);
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            if (!AddTextFilter(where, args, query.Text))
            {
                return null;
            }
        }
        return (where, args);
    }

    /// <summary>A story's UTC day of last activity (days since 1970), the first column of ix_stories_day_rank.</summary>
    private const string ActivityDay = Activity + " / 86400000";

    private const long DayMs = 86_400_000;

    /// <summary>The UTC days (of <see cref="ActivityDay"/>) a window from <paramref name="from"/> to <paramref name="to"/> touches, when it is at most three; else null.</summary>
    internal static List<long>? DaysOf(DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is not { } f || to is not { } t || t <= f)
        {
            return null;
        }
        var first = Clock.ToUnixMs(f);
        var last = Clock.ToUnixMs(t) - 1;
        if (first < 0)
        {
            return null;
        }
        var (a, b) = (first / DayMs, last / DayMs);
        return b - a < 3 ? [.. Enumerable.Range(0, (int)(b - a + 1)).Select(i => a + i)] : null;
    }

    /// <summary>
    /// The most significant stories of a window of at most three days, read as a bounded top-N per day: each day's
    /// stories in ix_stories_day_rank are ordered by score and article count already, so each day yields its best
    /// <c>@limit</c> after reading about that many index entries (plus those of the day outside the window), and only
    /// those few are merged and ordered, instead of every story of the window being sorted.
    /// </summary>
    private static string SignificantSql(List<string> where, List<(string, object?)> args, List<long> days, string order)
    {
        var filter = string.Join(" AND ", where);
        var perDay = new List<string>(days.Count);
        for (var i = 0; i < days.Count; i++)
        {
            args.Add(($"day{i}", days[i]));
            perDay.Add($"SELECT * FROM (SELECT s.id, COALESCE(s.score, -1) AS rank_score, s.article_count AS rank_articles FROM stories s " +
                $"WHERE {ActivityDay} = @day{i} AND {filter} ORDER BY {order} LIMIT @per_day) day{i}");
        }
        return $"""
            SELECT s.id, s.card_version, s.first_seen
            FROM (SELECT days.id FROM ({string.Join(" UNION ALL ", perDay)}) days ORDER BY days.rank_score DESC, days.rank_articles DESC, days.id DESC LIMIT @limit OFFSET @offset) picked
            JOIN stories s ON s.id = picked.id
            ORDER BY {order}
            """;
    }

    /// <summary>
    /// A story by id, with where it was merged into when it was, a stamp that changes whenever anything the story's
    /// page shows of its own row changes (its version, score, text, counts: a hash of the row), and when it last changed
    /// (grouped, scored or written); null when there is no such story.
    /// </summary>
    /// <summary>Every score a story was given, oldest first (at most the latest 500).</summary>
    public async Task<List<ScorePoint>> ScoreHistoryAsync(long storyId, CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        var points = await Sql.QueryAsync(conn, null,
            "SELECT scored_at, score, article_count, outlet_count FROM story_scores WHERE story_id = @id ORDER BY scored_at DESC, id DESC LIMIT 500",
            r => new ScorePoint(r.Time("scored_at")!.Value, r.Double("score") ?? 0, (int)(r.Long("article_count") ?? 0), (int)(r.Long("outlet_count") ?? 0)),
            ct, ("id", storyId)).ConfigureAwait(false);
        points.Reverse();
        return points;
    }

    /// <summary>Every score given to the stories first scored from <paramref name="from"/> on, by story and time: what the calibration page reads.</summary>
    public async Task<List<(long StoryId, ScorePoint Point)>> ScoresSinceAsync(DateTimeOffset from, CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null,
            """
            SELECT s.story_id, s.scored_at, s.score, s.article_count, s.outlet_count FROM story_scores s
            WHERE s.scored_at >= @from AND NOT EXISTS (SELECT 1 FROM story_scores e WHERE e.story_id = s.story_id AND e.scored_at < @from)
            ORDER BY s.story_id, s.scored_at, s.id
            """,
            r => (r.Long("story_id")!.Value, new ScorePoint(r.Time("scored_at")!.Value, r.Double("score") ?? 0, (int)(r.Long("article_count") ?? 0), (int)(r.Long("outlet_count") ?? 0))),
            ct, ("from", Clock.ToUnixMs(from))).ConfigureAwait(false);
    }

    public async Task<StoryRow?> StoryAsync(long id, CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        var rows = await Sql.QueryAsync(conn, null,
            // The thread's size is in the stamp, so the page is made again when a later story joins its thread.
            $"SELECT {CardColumns}, s.status, s.merged_into, s.version, s.scored_at, s.written_at, s.thread_id, " +
            "(SELECT COUNT(*) FROM stories t WHERE t.thread_id = s.thread_id) AS thread_size " +
            $"FROM stories s {CardJoins} WHERE s.id = @id",
            r => (Card: ReadCard(r), Status: r.Str("status"), Into: r.Long("merged_into"), Stamp: Stamp(r), Thread: r.Long("thread_id"),
                Changed: new[] { r.Long("last_updated"), r.Long("scored_at"), r.Long("written_at") }.Max() ?? 0), ct, ("id", id)).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return null;
        }
        var row = rows[0];
        return new StoryRow(row.Card, row.Into ?? (row.Status == "merged" ? 0 : null), row.Stamp, Clock.FromUnixMs(row.Changed), row.Thread);
    }

    /// <summary>A hash of every column of the row being read.</summary>
    private static string Stamp(DbDataReader r)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        for (var i = 0; i < r.FieldCount; i++)
        {
            var text = r.IsDBNull(i) ? "\0" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture) ?? string.Empty;
            hash.AppendData(Encoding.UTF8.GetBytes(text));
            hash.AppendData("\u001f"u8);
        }
        return Convert.ToHexString(hash.GetHashAndReset(), 0, 12);
    }

    /// <summary>The most stories a thread's page, feed and API list (the latest ones).</summary>
    public const int ThreadLimit = 200;

    /// <summary>The visible stories of thread <paramref name="threadId"/> along time (first reported, oldest first), at most the latest <see cref="ThreadLimit"/>.</summary>
    public async Task<List<StoryCard>> ThreadAsync(long threadId, CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        var cards = await Sql.QueryAsync(conn, null,
            $"""
            SELECT {CardColumns} FROM stories s {CardJoins}
            WHERE s.thread_id = @t AND {Visible} ORDER BY COALESCE(s.first_published, s.first_seen) DESC, s.id DESC LIMIT @limit
            """, ReadCard, ct, ("t", threadId), ("limit", ThreadLimit)).ConfigureAwait(false);
        cards.Reverse();
        return cards;
    }

    /// <summary>
    /// The thread a thread id names now: itself while stories are filed under it; else the thread it was renamed to when
    /// the story whose id it bore left it (<c>thread_renames</c>), or the thread its story (a thread's id is one of its
    /// stories') moved to when it joined an older one, followed a few steps; null when there is no such thread.
    /// </summary>
    public async Task<long?> CurrentThreadAsync(long threadId, CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        var seen = new HashSet<long>();
        for (long? at = threadId; at is { } id && seen.Add(id) && seen.Count <= 8;)
        {
            if (await Sql.ScalarAsync(conn, null, $"SELECT 1 FROM stories s WHERE s.thread_id = @t AND {Visible} LIMIT 1", ct, ("t", id)).ConfigureAwait(false) is not null)
            {
                return id;
            }
            var renamed = await Sql.QueryAsync(conn, null, "SELECT to_id FROM thread_renames WHERE from_id = @t", r => r.Long("to_id"), ct, ("t", id)).ConfigureAwait(false);
            if (renamed.Count == 1)
            {
                at = renamed[0];
                continue;
            }
            var moved = await Sql.QueryAsync(conn, null, "SELECT thread_id FROM stories WHERE id = @t", r => r.Long("thread_id"), ct, ("t", id)).ConfigureAwait(false);
            at = moved.Count == 1 ? moved[0] : null;
        }
        return null;
    }

    /// <summary>Follows merges from <paramref name="id"/> to the story that survives; null when the chain ends nowhere.</summary>
    public async Task<long?> SurvivorAsync(long id, CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        return await StoryStore.SurvivorAsync(conn, id, ct).ConfigureAwait(false);
    }

    public async Task<List<ArticleCard>> StoryArticlesAsync(long storyId, CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null,
            $"""
            SELECT a.id, a.title, a.url, a.site_name, {ArticleAt} AS at, a.story_id, src.name AS outlet, src.country, NULL AS story_score, a.language,
                   SUBSTR(a.excerpt, 1, 600) AS lead
            FROM articles a LEFT JOIN sources src ON src.id = a.source_id
            WHERE a.story_id = @id ORDER BY {ArticleAt}, a.id LIMIT 500
            """, r => ReadArticle(r) with { Lead = PlainText.Clean(r.Str("lead")) is { Length: > 0 } lead ? lead : null }, ct, ("id", storyId)).ConfigureAwait(false);
    }

    /// <summary>
    /// How the articles of the UTC day starting at <paramref name="dayStart"/> spread over their stories' scores
    /// (<see cref="StoryStore.DayDistributionAsync(DbConnection, long, CancellationToken)"/>): one query over the day,
    /// which the site keeps and shares (<see cref="DayRanks"/>) rather than running per page.
    /// </summary>
    public async Task<DayDistribution> DayDistributionAsync(long dayStart, CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        return await StoryStore.DayDistributionAsync(conn, dayStart, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// "More on this topic": the cards of <paramref name="nearest"/> (the stories that pass the rule for this one, see
    /// <see cref="RelatedStories"/>; none when none passes: no list rather than a wrong one). Only when the story has no
    /// centroid to judge by (<paramref name="nearest"/> null: grouped before centroids were kept), of those whose words
    /// best match its title, near it in time. The cards (scores, titles) are read fresh.
    /// </summary>
    public async Task<List<StoryCard>> RelatedAsync(StoryCard story, IReadOnlyList<long>? nearest, int count, CancellationToken ct)
    {
        var ids = nearest is not null ? nearest.Take(count).ToList() : await SimilarWordsAsync(story, count, ct).ConfigureAwait(false);
        var cards = await CardsAsync(ids, ct).ConfigureAwait(false);
        return ids.Select(id => cards.GetValueOrDefault(id)).OfType<StoryCard>().ToList();
    }

    private async Task<Dictionary<long, StoryCard>> CardsAsync(IReadOnlyList<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var names = ids.Select((_, i) => $"@id{i}").ToList();
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        var cards = await Sql.QueryAsync(conn, null,
            $"SELECT {CardColumns} FROM stories s {CardJoins} WHERE {Visible} AND s.id IN ({string.Join(", ", names)})",
            ReadCard, ct, [.. ids.Select((id, i) => ($"id{i}", (object?)id))]).ConfigureAwait(false);
        return cards.ToDictionary(c => c.Id);
    }

    private async Task<List<long>> SimilarWordsAsync(StoryCard story, int count, CancellationToken ct)
    {
        var words = FtsQuery.Words(story.Title).Where(w => w.Length > 3).Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(w => w.Length).Take(6).ToList();
        if (database.Dialect.StoriesWithAnyWord(words) is not { } matches)
        {
            return [];
        }
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null,
            $"""
            SELECT s.id FROM stories s
            JOIN ({matches.Sql}) m ON m.id = s.id
            WHERE {Visible} AND s.id <> @id AND {Activity} >= @from AND {Activity} < @to
            ORDER BY m.rank LIMIT @count
            """, r => r.Long("id")!.Value, ct, ("match", matches.Arg), ("id", story.Id), ("count", count),
            ("from", Clock.ToUnixMs(story.LastActivity.AddDays(-14))), ("to", Clock.ToUnixMs(story.LastActivity.AddDays(14)))).ConfigureAwait(false);
    }

    /// <summary>Articles matching a search, newest first, with their story's score.</summary>
    /// <param name="language">Only articles in this language (ISO 639-1, lower case), or null for all.</param>
    /// <param name="offset">How many articles of the ordered list to pass over: the start of a later page.</param>
    public async Task<List<ArticleCard>> ArticlesAsync(string? text, string? outlet, DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset? since, long? storyId, int limit, CancellationToken ct,
        string? language = null, int offset = 0)
    {
        if (ArticlesCommand(text, outlet, from, to, since, storyId, limit, language, offset) is not { } command)
        {
            return [];
        }
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null, command.Sql, ReadArticle, ct, command.Args).ConfigureAwait(false);
    }

    /// <summary>The query behind <see cref="ArticlesAsync"/>; null when the words to search for hold nothing searchable.</summary>
    internal (string Sql, (string, object?)[] Args)? ArticlesCommand(string? text, string? outlet, DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset? since, long? storyId, int limit,
        string? language = null, int offset = 0)
    {
        if (ArticleFilters(text, outlet, from, to, since, storyId, language) is not var (where, args, index, source))
        {
            return null;
        }
        args.Add(("limit", Math.Max(1, limit)));
        args.Add(("offset", Math.Max(0, offset)));
        // Two steps, as for stories: the articles to show are chosen with their time and story (from an index when they
        // come from a full-text match, see SqlDialect.MatchedArticles), then only those rows are read for their titles.
        // The order ends in the id, so a page starting at @offset neither repeats nor skips an article of the page before.
        var sql = $"""
            SELECT a.id, a.title, a.url, a.site_name, picked.at, picked.story_id, src.name AS outlet, src.country, st.score AS story_score, a.language
            FROM (SELECT a.id, {ArticleAt} AS at, a.story_id FROM articles a{index}{source}
                  WHERE {string.Join(" AND ", where)} ORDER BY {ArticleAt} DESC, a.id DESC LIMIT @limit OFFSET @offset) picked
            JOIN articles a ON a.id = picked.id LEFT JOIN sources src ON src.id = a.source_id LEFT JOIN stories st ON st.id = picked.story_id
            ORDER BY picked.at DESC, picked.id DESC
            """;
        return (sql, [.. args]);
    }

    /// <summary>How many articles a search matches, counted up to <paramref name="cap"/> (a count of <paramref name="cap"/> means "at least").</summary>
    public async Task<long> CountArticlesAsync(string? text, string? outlet, DateTimeOffset? from, DateTimeOffset? to, string? language, int cap, CancellationToken ct)
    {
        if (ArticleFilters(text, outlet, from, to, null, null, language) is not var (where, args, index, source))
        {
            return 0;
        }
        args.Add(("cap", cap));
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        var n = await Sql.ScalarAsync(conn, null, $"SELECT COUNT(*) FROM (SELECT a.id FROM articles a{index}{source} WHERE {string.Join(" AND ", where)} LIMIT @cap) matched",
            ct, [.. args]).ConfigureAwait(false);
        return Convert.ToInt64(n, CultureInfo.InvariantCulture);
    }

    /// <summary>The conditions, arguments, index hint and join of an article search; null when the words hold nothing searchable.</summary>
    private (List<string> Where, List<(string, object?)> Args, string Index, string Source)? ArticleFilters(string? text, string? outlet, DateTimeOffset? from,
        DateTimeOffset? to, DateTimeOffset? since, long? storyId, string? language)
    {
        // Only articles whose page passed the network policy: not one still waiting for it, not one it refused.
        var where = new List<string> { "a.stage >= @extracted AND a.stage <= @grouped" };
        var args = new List<(string, object?)> { ("extracted", ArticleStage.Extracted), ("grouped", ArticleStage.Grouped) };
        var index = string.Empty;
        if (!string.IsNullOrWhiteSpace(text))
        {
            if (database.Dialect.ArticleSearch(text) is not { } search)
            {
                return null;
            }
            where.Add(search.Where);
            args.Add(("q", search.Arg));
            index = database.Dialect.MatchedArticles;
        }
        var source = string.Empty;
        if (!string.IsNullOrWhiteSpace(outlet))
        {
            source = " JOIN sources src ON src.id = a.source_id";
            where.Add("LOWER(src.name) = LOWER(@outlet)");
            args.Add(("outlet", outlet.Trim()));
        }
        if (from is { } f)
        {
            where.Add($"{ArticleAt} >= @from");
            args.Add(("from", Clock.ToUnixMs(f)));
        }
        if (to is { } t)
        {
            where.Add($"{ArticleAt} < @to");
            args.Add(("to", Clock.ToUnixMs(t)));
        }
        if (since is { } sn)
        {
            where.Add("a.discovered_at > @since");
            args.Add(("since", Clock.ToUnixMs(sn)));
        }
        if (storyId is { } sid)
        {
            where.Add("a.story_id = @story");
            args.Add(("story", sid));
        }
        if (language is not null)
        {
            where.Add("a.language = @language");
            args.Add(("language", language));
        }
        return (where, args, index, source);
    }

    public async Task<long> CountArticlesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.LongAsync(conn, null, $"SELECT COUNT(*) FROM articles a WHERE {ArticleAt} >= @from AND {ArticleAt} < @to", ct,
            ("from", Clock.ToUnixMs(from)), ("to", Clock.ToUnixMs(to))).ConfigureAwait(false);
    }

    /// <summary>
    /// Articles of the period that are not through the pipeline yet: not grouped into a story, or in a story that has
    /// no score. While there are any, an empty front page is "still reading", not "nothing significant".
    /// </summary>
    public async Task<long> CountUnratedArticlesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.LongAsync(conn, null, $"""
            SELECT COUNT(*) FROM articles a LEFT JOIN stories s ON s.id = a.story_id
            WHERE {ArticleAt} >= @from AND {ArticleAt} < @to AND (a.stage < @grouped OR (s.id IS NOT NULL AND s.score IS NULL))
            """, ct, ("from", Clock.ToUnixMs(from)), ("to", Clock.ToUnixMs(to)), ("grouped", ArticleStage.Grouped)).ConfigureAwait(false);
    }

    /// <summary>The time of the latest story activity before <paramref name="before"/> (or after <paramref name="after"/>) at or above the threshold.</summary>
    public async Task<DateTimeOffset?> NearestActivityAsync(DateTimeOffset? before, DateTimeOffset? after, double minScore, CancellationToken ct)
    {
        var score = minScore > 0 ? " AND s.score >= @min" : string.Empty;
        var sql = before is not null
            ? $"SELECT MAX({Activity}) FROM stories s WHERE {Visible} AND {Activity} < @t{score}"
            : $"SELECT MIN({Activity}) FROM stories s WHERE {Visible} AND {Activity} >= @t{score}";
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        var v = await Sql.ScalarAsync(conn, null, sql, ct, ("t", Clock.ToUnixMs((before ?? after)!.Value)), ("min", minScore)).ConfigureAwait(false);
        return v is null ? null : Clock.FromUnixMs(Convert.ToInt64(v, CultureInfo.InvariantCulture));
    }

    public async Task<List<SourceCard>> SourcesAsync(CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null,
            """
            SELECT id, name, url, country, language, tier, enabled, last_polled_at, last_success_at, last_status, last_error, consecutive_failures, items_seen
            FROM sources ORDER BY consecutive_failures DESC, name, id
            """,
            r => new SourceCard(r.Long("id")!.Value, PlainText.Clean(r.Str("name")), r.Str("url") ?? "", r.Str("country"), r.Str("language"),
                (int)(r.Long("tier") ?? 2), (r.Long("enabled") ?? 1) != 0, r.Time("last_polled_at"), r.Time("last_success_at"), r.Str("last_status"),
                r.Str("last_error"), (int)(r.Long("consecutive_failures") ?? 0), r.Long("items_seen") ?? 0), ct).ConfigureAwait(false);
    }

    public async Task<SiteStats> StatsAsync(double minScore, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        var dayAgo = Clock.ToUnixMs(now.AddDays(-1));
        async Task<long> Count(string sql, params (string, object?)[] args) => await Sql.LongAsync(conn, null, sql, ct, args).ConfigureAwait(false);
        var latest = await Sql.ScalarAsync(conn, null, "SELECT MAX(discovered_at) FROM articles", ct).ConfigureAwait(false);
        return new SiteStats(
            await Count("SELECT COUNT(*) FROM sources").ConfigureAwait(false),
            await Count("SELECT COUNT(*) FROM sources WHERE consecutive_failures > 0").ConfigureAwait(false),
            await Count("SELECT COUNT(*) FROM articles").ConfigureAwait(false),
            await Count($"SELECT COUNT(*) FROM stories s WHERE {Visible}").ConfigureAwait(false),
            await Count($"SELECT COUNT(*) FROM stories s WHERE {Visible} AND s.score IS NOT NULL").ConfigureAwait(false),
            await Count($"SELECT COUNT(*) FROM articles a WHERE {ArticleAt} >= @t", ("t", dayAgo)).ConfigureAwait(false),
            await Count($"SELECT COUNT(*) FROM stories s WHERE {Visible} AND {Activity} >= @t AND s.score >= @min", ("t", dayAgo), ("min", minScore)).ConfigureAwait(false),
            latest is null ? null : Clock.FromUnixMs(Convert.ToInt64(latest, CultureInfo.InvariantCulture)));
    }

    private bool AddTextFilter(List<string> where, List<(string, object?)> args, string text)
    {
        if (database.Dialect.StorySearch(text) is not { } search)
        {
            return false;
        }
        where.Add(search.Where);
        args.Add(("q", search.Arg));
        return true;
    }

    private static StoryCard ReadCard(DbDataReader r)
    {
        var title = PlainText.Clean(r.Str("s_title"));
        if (title.Length == 0)
        {
            title = PlainText.Clean(r.Str("ra_title"));
        }
        var summary = PlainText.Clean(r.Str("summary"));
        if (summary.Length == 0)
        {
            summary = PlainText.Shorten(r.Str("ra_excerpt"), 320);
        }
        var published = r.Time("first_published") ?? r.Time("first_seen") ?? DateTimeOffset.UnixEpoch;
        var activity = r.Time("last_published") ?? r.Time("last_updated") ?? published;
        return new StoryCard(
            r.Long("id")!.Value,
            title.Length == 0 ? "Untitled story" : title,
            summary,
            r.Double("score"),
            ParseFactors(r.Str("factors")),
            r.Str("reason") is { } reason ? PlainText.Clean(reason) : null,
            r.Double("percentile"),
            r.Long("article_count") ?? 0,
            r.Long("outlet_count") ?? 0,
            ParseStrings(r.Str("outlets")),
            ParseStrings(r.Str("countries")),
            published,
            activity,
            r.Str("summary_sources"))
        {
            Topics = SectionStore.Read(r.Str("topics"), r.Str("topic_scores"), null)?.Topics ?? [],
            AboutCountries = SectionStore.Split(r.Str("about_countries")),
            Language = r.Str("story_language"),
            Translation = ReadTranslation(r),
        };
    }

    /// <summary>
    /// The story's translation when it is of the title and summary the story has now (by their hash) and holds text; reads
    /// the columns <c>s_title</c>, <c>summary</c> and the <c>tr_*</c> ones of <see cref="CardColumns"/>.
    /// </summary>
    internal static StoryTranslation? ReadTranslation(DbDataReader r)
    {
        if (r.Str("tr_hash") is not { } hash || hash != TranslationStore.SourceHash(r.Str("s_title"), r.Str("summary")) || r.Str("tr_language") is not { } language)
        {
            return null;
        }
        var title = PlainText.Clean(r.Str("tr_title"));
        return title.Length == 0 ? null : new StoryTranslation(language, title, PlainText.Clean(r.Str("tr_summary")), r.Str("tr_model") is { } m ? PlainText.Clean(m) : null, r.Time("tr_at"));
    }

    private static ArticleCard ReadArticle(DbDataReader r)
    {
        var outlet = r.Str("outlet") ?? r.Str("site_name");
        return new ArticleCard(r.Long("id")!.Value, PlainText.Clean(r.Str("title")) is { Length: > 0 } t ? t : "Untitled article",
            PlainText.SafeUrl(r.Str("url")), outlet is null ? null : PlainText.Clean(outlet), r.Str("country") is { } c ? PlainText.Clean(c) : null,
            r.Time("at"), r.Long("story_id"), r.Double("story_score"))
        {
            Language = r.Str("language"),
        };
    }

    /// <summary>The factors as stored: a JSON object of name → value (other shapes are ignored).</summary>
    internal static IReadOnlyDictionary<string, double> ParseFactors(string? json)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return result;
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetDouble(out var v) && double.IsFinite(v))
                    {
                        result[p.Name.ToLowerInvariant()] = Math.Clamp(v, 0, 10);
                    }
                }
            }
        }
        catch (JsonException)
        {
        }
        return result;
    }

    internal static IReadOnlyList<string> ParseStrings(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [];
            }
            var list = new List<string>();
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                var s = e.ValueKind switch
                {
                    JsonValueKind.String => e.GetString(),
                    JsonValueKind.Object when e.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String => n.GetString(),
                    _ => null,
                };
                if (PlainText.Clean(s) is { Length: > 0 } clean)
                {
                    list.Add(clean);
                }
            }
            return list;
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
