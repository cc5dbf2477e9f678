using System.Data.Common;
using System.Globalization;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text.Json;
using Salient.Digest;

namespace Salient.Storage;

/// <summary>A digest subscriber. Status: pending (not confirmed), confirmed, unsubscribed or bounced.</summary>
internal sealed record Subscriber(long Id, string Email, string Cadence, double Threshold, string Status, DateTimeOffset CreatedAt,
    DateTimeOffset? ConfirmedAt, DateTimeOffset? LastDigestAt, DateTimeOffset? ConfirmSentAt, string? LastError);

/// <summary>A story as a digest shows it.</summary>
internal sealed record DigestStory(long Id, string Title, string? Summary, double Score, IReadOnlyList<string> Outlets)
{
    /// <summary>The story's desks, primary first (empty when it has no sections yet).</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>The language of most of its articles, or null.</summary>
    public string? Language { get; init; }

    /// <summary>A checked machine translation of exactly this title and summary, or null.</summary>
    public StoryTranslation? Translation { get; init; }

    /// <summary>The translation to give readers of <paramref name="siteLanguage"/>, as the site's pages do; else null.</summary>
    public StoryTranslation? TranslationFor(string? siteLanguage) => StoryTranslation.For(Translation, Language, siteLanguage);
}

/// <summary>What a section digest selects by: the section's lowest score and its desk or its countries.</summary>
internal sealed record DigestFilter(double Threshold, string? Desk, IReadOnlyCollection<string>? Countries);

/// <summary>A delivery waiting to be sent (new, deferred after a temporary failure, or interrupted mid-send).</summary>
internal sealed record PendingDelivery(long Id, long SubscriberId, string Email, string MessageId, int Attempts, long IssueId, string Subject, string Html, string Text);

/// <summary>Subscribers, digest issues and deliveries (what was sent to whom).</summary>
internal sealed class DigestStore(Database db, TimeProvider time)
{
    public static readonly string[] Cadences = ["daily", "weekly"];

    private const string SubscriberColumns = "id, email, cadence, threshold, status, created_at, confirmed_at, last_digest_at, confirm_sent_at, last_error";

    private long Now => Clock.ToUnixMs(time.GetUtcNow());

    /// <summary>Normalises an address, or throws <see cref="ArgumentException"/> saying why it is not one.</summary>
    public static string NormaliseEmail(string? email)
    {
        var trimmed = email?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > 254 || trimmed.Contains(' ', StringComparison.Ordinal) || trimmed.Count(c => c == '@') != 1)
        {
            throw new ArgumentException($"'{Text.PlainText.Quoted(email)}' is not an e-mail address; give one like reader@example.org");
        }
        try
        {
            var parsed = new MailAddress(trimmed);
            if (!string.Equals(parsed.Address, trimmed, StringComparison.OrdinalIgnoreCase) || !parsed.Host.Contains('.', StringComparison.Ordinal))
            {
                throw new FormatException();
            }
        }
        catch (FormatException)
        {
            throw new ArgumentException($"'{Text.PlainText.Quoted(email)}' is not an e-mail address; give one like reader@example.org");
        }
        return trimmed.ToLowerInvariant();
    }

    public static void ValidateCadenceAndThreshold(string cadence, double threshold)
    {
        if (!Cadences.Contains(cadence, StringComparer.Ordinal))
        {
            throw new ArgumentException($"cadence '{cadence}' is not known; use daily or weekly");
        }
        if (double.IsNaN(threshold) || threshold < 0 || threshold > 10)
        {
            throw new ArgumentException($"threshold {threshold.ToString(CultureInfo.InvariantCulture)} is outside 0–10; use a significance score such as 5.5");
        }
    }

    /// <summary>What a new subscriber gets when no cadence is given.</summary>
    public const string DefaultCadence = "weekly";

    /// <summary>What a new subscriber gets when no threshold is given.</summary>
    public const double DefaultThreshold = 5.5;

    /// <summary>
    /// Adds a subscriber or updates an existing one. A null cadence or threshold means "not given": a new subscriber
    /// gets the default, an existing one keeps theirs. A confirmed subscriber stays confirmed.
    /// </summary>
    public Task<(Subscriber Subscriber, bool Created)> UpsertAsync(string email, string? cadence, double? threshold, bool confirmed, CancellationToken ct) =>
        UpsertAsync(email, cadence, threshold, confirmed, null, ct);

    /// <summary>
    /// As <see cref="UpsertAsync(string, string?, double?, bool, CancellationToken)"/>, and replaces the subscriber's sections
    /// with <paramref name="sections"/> (null keeps them; empty means the whole edition) in the same transaction: when
    /// anything fails, the subscriber and their sections stay exactly as they were, and a new one is not added.
    /// </summary>
    public async Task<(Subscriber Subscriber, bool Created)> UpsertAsync(string email, string? cadence, double? threshold, bool confirmed,
        IReadOnlyList<SectionChoice>? sections, CancellationToken ct)
    {
        email = NormaliseEmail(email);
        ValidateCadenceAndThreshold(cadence ?? DefaultCadence, threshold ?? DefaultThreshold);
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        var existing = await GetAsync(conn, tx, "email = @e", ct, ("e", email)).ConfigureAwait(false);
        var now = Now;
        Subscriber stored;
        if (existing is null)
        {
            cadence ??= DefaultCadence;
            threshold ??= DefaultThreshold;
            await Sql.ExecuteAsync(conn, tx,
                "INSERT INTO subscribers (email, cadence, threshold, status, created_at, confirmed_at) VALUES (@e, @c, @t, @s, @now, @conf) ON CONFLICT (email) DO NOTHING",
                ct, ("e", email), ("c", cadence), ("t", threshold), ("s", confirmed ? "confirmed" : "pending"), ("now", now), ("conf", confirmed ? now : null)).ConfigureAwait(false);
            stored = (await GetAsync(conn, tx, "email = @e", ct, ("e", email)).ConfigureAwait(false))!;
        }
        else
        {
            var status = confirmed ? "confirmed" : existing.Status is "confirmed" ? "confirmed" : "pending";
            await Sql.ExecuteAsync(conn, tx,
                "UPDATE subscribers SET cadence = @c, threshold = @t, status = @s, confirmed_at = COALESCE(confirmed_at, @conf), unsubscribed_at = NULL, last_error = NULL WHERE id = @id",
                ct, ("c", cadence ?? existing.Cadence), ("t", threshold ?? existing.Threshold), ("s", status), ("conf", status == "confirmed" ? now : null), ("id", existing.Id)).ConfigureAwait(false);
            stored = (await GetAsync(conn, tx, "id = @id", ct, ("id", existing.Id)).ConfigureAwait(false))!;
        }
        if (sections is not null)
        {
            await ReplaceSectionsAsync(conn, tx, stored.Id, sections, ct).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return (stored, existing is null);
    }

    /// <summary>Changes a subscriber's cadence, threshold and sections at once (their own settings page); their status stays as it is.</summary>
    public async Task UpdateSettingsAsync(long id, string cadence, double threshold, IReadOnlyList<SectionChoice> choices, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ValidateCadenceAndThreshold(cadence, threshold);
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, tx, "UPDATE subscribers SET cadence = @c, threshold = @t WHERE id = @id", ct, ("c", cadence), ("t", threshold), ("id", id)).ConfigureAwait(false);
        await ReplaceSectionsAsync(conn, tx, id, choices, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<Subscriber?> FindAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await GetAsync(conn, "id = @id", ct, ("id", id)).ConfigureAwait(false);
    }

    public async Task<Subscriber?> FindAsync(string email, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await GetAsync(conn, "email = @e", ct, ("e", email.Trim().ToLowerInvariant())).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null, $"SELECT {SubscriberColumns} FROM subscribers ORDER BY id", Map, ct).ConfigureAwait(false);
    }

    /// <summary>Removes a subscriber and everything recorded for them; true when one was removed.</summary>
    public async Task<bool> RemoveAsync(string email, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.ExecuteAsync(conn, null, "DELETE FROM subscribers WHERE email = @e", ct, ("e", email.Trim().ToLowerInvariant())).ConfigureAwait(false) > 0;
    }

    public async Task<bool> ConfirmAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.ExecuteAsync(conn, null,
            "UPDATE subscribers SET status = 'confirmed', confirmed_at = COALESCE(confirmed_at, @now) WHERE id = @id AND status IN ('pending', 'confirmed')",
            ct, ("now", Now), ("id", id)).ConfigureAwait(false) > 0;
    }

    public async Task<bool> UnsubscribeAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.ExecuteAsync(conn, null,
            "UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = @now WHERE id = @id AND status <> 'unsubscribed'",
            ct, ("now", Now), ("id", id)).ConfigureAwait(false) > 0;
    }

    /// <summary>Records that a confirmation mail is about to go out; false when one went out too recently (the form cannot mail a stranger repeatedly).</summary>
    public async Task<bool> TryReserveConfirmationAsync(long id, TimeSpan minInterval, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var now = Now;
        return await Sql.ExecuteAsync(conn, null,
            "UPDATE subscribers SET confirm_sent_at = @now, confirm_sends = confirm_sends + 1 WHERE id = @id AND status = 'pending' AND (confirm_sent_at IS NULL OR confirm_sent_at < @before)",
            ct, ("now", now), ("id", id), ("before", now - (long)minInterval.TotalMilliseconds)).ConfigureAwait(false) > 0;
    }

    public async Task MarkBouncedAsync(long id, string error, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, null, "UPDATE subscribers SET status = 'bounced', last_error = @err WHERE id = @id", ct, ("err", error), ("id", id)).ConfigureAwait(false);
    }

    /// <summary>The signing key: configured, else generated once and kept in the database.</summary>
    public async Task<byte[]> SecretAsync(string? configured, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(configured));
        }
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await Sql.ExecuteAsync(conn, null, "INSERT INTO settings (key, value) VALUES ('digest.secret', @v) ON CONFLICT (key) DO NOTHING", ct, ("v", fresh)).ConfigureAwait(false);
        var stored = (string)(await Sql.ScalarAsync(conn, null, "SELECT value FROM settings WHERE key = 'digest.secret'", ct).ConfigureAwait(false))!;
        return Convert.FromBase64String(stored);
    }

    /// <summary>
    /// Stories a subscriber should get now: at or above their threshold, scored or updated at or after the moment their
    /// last digest was planned (or within one cadence period for a first digest), and never sent to them before — neither
    /// the story itself nor a story that was merged into it (the same event under the surviving id; merges keep
    /// <c>merged_into</c> pointing straight at the survivor). The bound is inclusive: a story scored in the same clock
    /// tick as the last plan comes now unless that plan already carried it, which the check against what was sent decides.
    /// </summary>
    /// <remarks>With a <paramref name="section"/>, only the stories of that section at or above its threshold.</remarks>
    public async Task<IReadOnlyList<DigestStory>> CandidatesAsync(Subscriber s, TimeSpan period, int limit, CancellationToken ct, DigestFilter? section = null)
    {
        var since = Clock.ToUnixMs(s.LastDigestAt ?? s.CreatedAt.Subtract(period));
        var (sectionWhere, sectionArgs) = SectionStore.Filter(section?.Desk, section?.Countries, "st");
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null, $"""
            SELECT st.id, COALESCE(st.title, a.title) AS title, st.title AS s_title, st.summary, st.score, st.outlets, st.topics, st.language AS story_language,
                   tr.language AS tr_language, tr.title AS tr_title, tr.summary AS tr_summary, tr.model AS tr_model, tr.source_hash AS tr_hash, tr.translated_at AS tr_at
            FROM stories st
            LEFT JOIN articles a ON a.id = st.representative_article_id
            LEFT JOIN story_translations tr ON tr.story_id = st.id
            WHERE {StoryFilter.Visible("st")} AND st.score IS NOT NULL AND st.score >= @threshold
              AND COALESCE(st.scored_at, st.last_updated) >= @since{string.Concat(sectionWhere.Select(w => " AND " + w))}
              AND NOT EXISTS (SELECT 1 FROM digest_items di JOIN stories sent ON sent.id = di.story_id
                              WHERE di.subscriber_id = @sub AND (sent.id = st.id OR sent.merged_into = st.id))
            ORDER BY st.score DESC, st.id
            LIMIT @limit
            """, r => new DigestStory(r.Long("id")!.Value, r.Str("title") ?? "(untitled story)", r.Str("summary"), r.Double("score")!.Value, ParseOutlets(r.Str("outlets")))
            {
                Topics = SectionStore.Split(r.Str("topics")),
                Language = r.Str("story_language"),
                Translation = SiteStore.ReadTranslation(r),
            },
            ct, [("threshold", section?.Threshold ?? s.Threshold), ("since", since), ("sub", s.Id), ("limit", limit), .. sectionArgs]).ConfigureAwait(false);
    }

    /// <summary>The sections a subscriber chose, in their order; empty for the global edition.</summary>
    public async Task<IReadOnlyList<SectionChoice>> SectionsAsync(long subscriberId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null, "SELECT kind, slug, threshold FROM subscriber_sections WHERE subscriber_id = @id ORDER BY position, kind, slug",
            r => new SectionChoice(r.Str("kind")!, r.Str("slug")!, r.Double("threshold")), ct, ("id", subscriberId)).ConfigureAwait(false);
    }

    /// <summary>Replaces a subscriber's sections with <paramref name="choices"/> (checked by the caller) at once; none is the global edition.</summary>
    public async Task SetSectionsAsync(long subscriberId, IReadOnlyList<SectionChoice> choices, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(choices);
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        await ReplaceSectionsAsync(conn, tx, subscriberId, choices, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private static async Task ReplaceSectionsAsync(DbConnection conn, DbTransaction tx, long subscriberId, IReadOnlyList<SectionChoice> choices, CancellationToken ct)
    {
        await Sql.ExecuteAsync(conn, tx, "DELETE FROM subscriber_sections WHERE subscriber_id = @id", ct, ("id", subscriberId)).ConfigureAwait(false);
        for (var i = 0; i < choices.Count; i++)
        {
            await Sql.ExecuteAsync(conn, tx, "INSERT INTO subscriber_sections (subscriber_id, position, kind, slug, threshold) VALUES (@id, @pos, @kind, @slug, @t)",
                ct, ("id", subscriberId), ("pos", i), ("kind", choices[i].Kind), ("slug", choices[i].Slug), ("t", choices[i].Threshold)).ConfigureAwait(false);
        }
    }

    private static List<string> ParseOutlets(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Array
                ? doc.RootElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.ToString()).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>
    /// Records a delivery before anything is sent: the issue, the delivery and the stories it carries, in one
    /// transaction, so a crash afterwards neither loses the delivery nor sends its stories again in another.
    /// <paramref name="asOf"/> is when its stories were chosen (read before <see cref="CandidatesAsync"/>): the delivery
    /// covers what was scored before it, and once sent the subscriber's next digest starts there, so nothing scored
    /// while it was composed, retried or deferred is skipped.
    /// </summary>
    public async Task<long> PlanAsync(Subscriber s, string cadence, string subject, string html, string text, IReadOnlyList<long> storyIds, string messageId,
        DateTimeOffset asOf, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        var now = Clock.ToUnixMs(asOf);
        var key = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(cadence + "|" + string.Join(',', storyIds) + "|" + html)));
        await Sql.ExecuteAsync(conn, tx,
            "INSERT INTO digest_issues (cadence, created_at, subject, story_ids, content_key, html, text) VALUES (@c, @now, @s, @ids, @k, @h, @t) ON CONFLICT (content_key) DO NOTHING",
            ct, ("c", cadence), ("now", now), ("s", subject), ("ids", JsonSerializer.Serialize(storyIds)), ("k", key), ("h", html), ("t", text)).ConfigureAwait(false);
        var issueId = await Sql.LongAsync(conn, tx, "SELECT id FROM digest_issues WHERE content_key = @k", ct, ("k", key)).ConfigureAwait(false);
        var deliveryId = await Sql.LongAsync(conn, tx,
            "INSERT INTO digest_deliveries (subscriber_id, issue_id, message_id, status, created_at, next_attempt_at) VALUES (@sub, @issue, @mid, 'pending', @now, 0) RETURNING id",
            ct, ("sub", s.Id), ("issue", issueId), ("mid", messageId), ("now", now)).ConfigureAwait(false);
        foreach (var story in storyIds)
        {
            await Sql.ExecuteAsync(conn, tx, "INSERT INTO digest_items (subscriber_id, story_id, delivery_id) VALUES (@sub, @story, @d)",
                ct, ("sub", s.Id), ("story", story), ("d", deliveryId)).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return deliveryId;
    }

    /// <summary>Deliveries to (re)try now: new, deferred and due, or left mid-send by a crash.</summary>
    public async Task<IReadOnlyList<PendingDelivery>> DueAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null, """
            SELECT d.id, d.subscriber_id, s.email, d.message_id, d.attempts, d.issue_id, i.subject, i.html, i.text
            FROM digest_deliveries d
            JOIN subscribers s ON s.id = d.subscriber_id
            JOIN digest_issues i ON i.id = d.issue_id
            WHERE d.status IN ('pending', 'sending') AND d.next_attempt_at <= @now AND s.status = 'confirmed'
            ORDER BY d.id
            """, r => new PendingDelivery(r.Long("id")!.Value, r.Long("subscriber_id")!.Value, r.Str("email")!, r.Str("message_id")!,
                (int)r.Long("attempts")!.Value, r.Long("issue_id")!.Value, r.Str("subject")!, r.Str("html")!, r.Str("text")!),
            ct, ("now", Now)).ConfigureAwait(false);
    }

    public async Task MarkSendingAsync(long deliveryId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, null, "UPDATE digest_deliveries SET status = 'sending', attempts = attempts + 1, last_attempt_at = @now WHERE id = @id",
            ct, ("now", Now), ("id", deliveryId)).ConfigureAwait(false);
    }

    /// <summary>
    /// Marks a delivery sent. The subscriber's last digest becomes the moment the delivery's stories were chosen (its
    /// <c>created_at</c>), not the moment the server accepted it: stories scored in between are in no digest yet.
    /// </summary>
    public async Task MarkSentAsync(long deliveryId, long subscriberId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        var now = Now;
        await Sql.ExecuteAsync(conn, tx, "UPDATE digest_deliveries SET status = 'sent', sent_at = @now, error = NULL WHERE id = @id", ct, ("now", now), ("id", deliveryId)).ConfigureAwait(false);
        var covered = await Sql.LongAsync(conn, tx, "SELECT created_at FROM digest_deliveries WHERE id = @id", ct, ("id", deliveryId)).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, tx,
            "UPDATE subscribers SET last_digest_at = CASE WHEN last_digest_at IS NULL OR last_digest_at < @c THEN @c ELSE last_digest_at END, last_error = NULL WHERE id = @id",
            ct, ("c", covered), ("id", subscriberId)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task MarkDeferredAsync(long deliveryId, string error, DateTimeOffset retryAt, bool giveUp, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, null, "UPDATE digest_deliveries SET status = @s, error = @err, next_attempt_at = @at WHERE id = @id",
            ct, ("s", giveUp ? "failed" : "pending"), ("err", error), ("at", Clock.ToUnixMs(retryAt)), ("id", deliveryId)).ConfigureAwait(false);
    }

    public async Task MarkFailedAsync(long deliveryId, string error, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, null, "UPDATE digest_deliveries SET status = 'failed', error = @err WHERE id = @id", ct, ("err", error), ("id", deliveryId)).ConfigureAwait(false);
    }

    public sealed record IssueSummary(long Id, string Cadence, DateTimeOffset CreatedAt, string Subject, int Stories);

    public async Task<IReadOnlyList<IssueSummary>> IssuesAsync(int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null,
            "SELECT i.id, i.cadence, i.created_at, i.subject, i.story_ids FROM digest_issues i WHERE EXISTS (SELECT 1 FROM digest_deliveries d WHERE d.issue_id = i.id AND d.status = 'sent') ORDER BY i.created_at DESC, i.id DESC LIMIT @n",
            r => new IssueSummary(r.Long("id")!.Value, r.Str("cadence")!, r.Time("created_at")!.Value, r.Str("subject")!, JsonSerializer.Deserialize<long[]>(r.Str("story_ids")!)!.Length),
            ct, ("n", limit)).ConfigureAwait(false);
    }

    public async Task<(string Subject, string Html, DateTimeOffset CreatedAt)?> IssueAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await Sql.QueryAsync(conn, null,
            "SELECT subject, html, created_at FROM digest_issues i WHERE id = @id AND EXISTS (SELECT 1 FROM digest_deliveries d WHERE d.issue_id = i.id AND d.status = 'sent')",
            r => (r.Str("subject")!, r.Str("html")!, r.Time("created_at")!.Value), ct, ("id", id)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private static Task<Subscriber?> GetAsync(DbConnection conn, string where, CancellationToken ct, params (string, object?)[] args) =>
        GetAsync(conn, null, where, ct, args);

    private static async Task<Subscriber?> GetAsync(DbConnection conn, DbTransaction? tx, string where, CancellationToken ct, params (string, object?)[] args)
    {
        var rows = await Sql.QueryAsync(conn, tx, $"SELECT {SubscriberColumns} FROM subscribers WHERE {where}", Map, ct, args).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private static Subscriber Map(DbDataReader r) => new(r.Long("id")!.Value, r.Str("email")!, r.Str("cadence")!, r.Double("threshold")!.Value, r.Str("status")!,
        r.Time("created_at")!.Value, r.Time("confirmed_at"), r.Time("last_digest_at"), r.Time("confirm_sent_at"), r.Str("last_error"));
}
