using System.Security.Cryptography;
using System.Text;

namespace Salient.Storage;

/// <summary>A story whose title and summary wait for a translation, with what its last translation attempt left.</summary>
internal sealed record StoryToTranslate(long Id, int WrittenVersion, string Language, string Title, string Summary,
    int? TriedVersion, int Attempts, string? AcceptedHash, string? AcceptedLanguage)
{
    /// <summary>The hash of the text to translate (<see cref="TranslationStore.SourceHash"/>).</summary>
    public string Hash => TranslationStore.SourceHash(Title, Summary);

    /// <summary>Failed or rejected attempts on this very text so far (0 when the text changed since).</summary>
    public int AttemptsOnThisText => TriedVersion == WrittenVersion ? Attempts : 0;
}

/// <summary>A story's translation row as stored: the accepted translation (if any) and the state of the latest attempt.</summary>
internal sealed record StoredTranslation(long StoryId, string? Language, string? Title, string? Summary, string? Model, string? SourceHash,
    DateTimeOffset? TranslatedAt, int? SourceVersion, string Status, int Attempts, string? LastError, DateTimeOffset? NextAttemptAt);

/// <summary>
/// Machine translations of stories' titles and summaries (<c>story_translations</c>): which stories wait for one,
/// claiming them under a lease, and recording what an attempt gave. An accepted translation is replaced only by
/// another accepted one; a failure or rejection records its reason and when to try again, and keeps what is stored.
/// </summary>
internal sealed class TranslationStore(Database db, TimeProvider clock)
{
    private static readonly string Visible = StoryFilter.Visible();

    /// <summary>The story's language, as the site computes it.</summary>
    private const string StoryLanguage = SiteStore.StoryLanguage;

    /// <summary>
    /// Stories waiting: visible, written, recently active, in a language other than <c>@site</c>, whose text has no
    /// translation attempt yet (or changed since the last), or whose last attempt failed or was rejected and may be
    /// tried again (fewer than <c>@max</c> attempts, backoff over), or whose translation is into another language than
    /// the readers' now. Parameters: <c>@site</c>, <c>@max</c>, <c>@now</c>, <c>@since</c>.
    /// </summary>
    private static readonly string Waiting =
        $"{Visible} AND s.written_version IS NOT NULL AND s.title IS NOT NULL AND s.title <> '' AND s.last_updated >= @since " +
        $"AND {StoryLanguage} <> @site " +
        "AND (t.story_id IS NULL OR t.source_version IS NULL OR t.source_version < s.written_version " +
        "OR (t.status = 'translated' AND t.language <> @site) " +
        "OR (t.status IN ('pending', 'failed', 'rejected') AND t.attempts < @max AND (t.next_attempt_at IS NULL OR t.next_attempt_at <= @now)))";

    /// <summary>A short hash of a story's title and summary as stored: a translation belongs to the text with this hash.</summary>
    public static string SourceHash(string? title, string? summary)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes((title ?? "") + "\u001f" + (summary ?? "")));
        return Convert.ToHexString(bytes, 0, 12);
    }

    public async Task<long> CountToTranslateAsync(string siteLanguage, int maxAttempts, DateTimeOffset since, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.LongAsync(conn, null,
            $"SELECT COUNT(*) FROM stories s LEFT JOIN story_translations t ON t.story_id = s.id WHERE {Waiting} AND {Leases.Free("t.lease_owner", "t.lease_until")}",
            ct, Args(siteLanguage, maxAttempts, since)).ConfigureAwait(false);
    }

    /// <summary>
    /// Leases up to <paramref name="limit"/> stories to translate for <paramref name="owner"/>, most recently updated
    /// first; each is claimed by an upsert of its row, so two workers never translate one story at once.
    /// </summary>
    public async Task<List<StoryToTranslate>> ClaimAsync(string owner, TimeSpan lease, int limit, string siteLanguage, int maxAttempts, DateTimeOffset since,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var ids = await Sql.QueryAsync(conn, null,
            $"SELECT s.id FROM stories s LEFT JOIN story_translations t ON t.story_id = s.id WHERE {Waiting} " +
            $"AND {Leases.Free("t.lease_owner", "t.lease_until")} ORDER BY s.last_updated DESC, s.id DESC LIMIT @limit",
            r => r.Long("id")!.Value, ct, [.. Args(siteLanguage, maxAttempts, since), ("limit", Math.Max(1, limit))]).ConfigureAwait(false);
        var claimed = new List<StoryToTranslate>();
        foreach (var id in ids)
        {
            var n = await Sql.ExecuteAsync(conn, null,
                "INSERT INTO story_translations (story_id, lease_owner, lease_until) VALUES (@id, @owner, @until) " +
                "ON CONFLICT (story_id) DO UPDATE SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until " +
                $"WHERE {Leases.Free("story_translations.lease_owner", "story_translations.lease_until")}",
                ct, ("id", id), ("owner", owner), ("until", Clock.ToUnixMs(now + lease)), ("now", Clock.ToUnixMs(now))).ConfigureAwait(false);
            if (n == 0)
            {
                continue;
            }
            claimed.AddRange(await Sql.QueryAsync(conn, null,
                $"SELECT s.id, s.written_version, s.title, s.summary, {StoryLanguage} AS story_language, t.source_version, t.attempts, t.source_hash, t.language " +
                "FROM stories s JOIN story_translations t ON t.story_id = s.id WHERE s.id = @id",
                r => new StoryToTranslate(r.Long("id")!.Value, (int)(r.Long("written_version") ?? 0), r.Str("story_language") ?? "", r.Str("title") ?? "",
                    r.Str("summary") ?? "", (int?)r.Long("source_version"), (int)(r.Long("attempts") ?? 0),
                    r.Str("source_hash"), r.Str("language")),
                ct, ("id", id)).ConfigureAwait(false));
        }
        return claimed;
    }

    /// <summary>Stores an accepted translation of the story's text at <paramref name="version"/>, replacing an older one; releases the lease.</summary>
    public async Task SaveAsync(StoryToTranslate story, string language, string title, string summary, string model, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, null,
            "UPDATE story_translations SET language = @language, title = @title, summary = @summary, model = @model, source_hash = @hash, " +
            "translated_at = @now, source_version = @version, status = 'translated', attempts = 0, last_error = NULL, last_attempt_at = @now, " +
            "next_attempt_at = NULL, lease_owner = NULL, lease_until = NULL WHERE story_id = @id",
            ct, ("language", language), ("title", title), ("summary", summary), ("model", model), ("hash", story.Hash), ("now", Clock.ToUnixMs(now)),
            ("version", story.WrittenVersion), ("id", story.Id)).ConfigureAwait(false);
        // Lists and the API keep each story as read until its card version moves (StoryCardCache, StoryJsonCache).
        await Sql.ExecuteAsync(conn, null, "UPDATE stories SET card_version = card_version + 1 WHERE id = @id", ct, ("id", story.Id)).ConfigureAwait(false);
    }

    /// <summary>The story was written again with the very text already translated: the stored translation stands for the new version.</summary>
    public async Task KeepAsync(StoryToTranslate story, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, null,
            "UPDATE story_translations SET source_version = @version, status = 'translated', attempts = 0, last_error = NULL, next_attempt_at = NULL, " +
            "lease_owner = NULL, lease_until = NULL WHERE story_id = @id",
            ct, ("version", story.WrittenVersion), ("id", story.Id)).ConfigureAwait(false);
    }

    /// <summary>
    /// Records an attempt that gave nothing usable (<paramref name="status"/> <c>failed</c>: the endpoint; <c>rejected</c>:
    /// the checks) and when to try again; the stored translation, if any, is kept as it is.
    /// </summary>
    public async Task RecordFailureAsync(StoryToTranslate story, string status, string error, DateTimeOffset? nextAttempt, CancellationToken ct)
    {
        if (status is not ("failed" or "rejected"))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "a failure is 'failed' or 'rejected'");
        }
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, null,
            "UPDATE story_translations SET status = @status, attempts = @attempts, last_error = @error, last_attempt_at = @now, next_attempt_at = @next, " +
            "source_version = @version, lease_owner = NULL, lease_until = NULL WHERE story_id = @id",
            ct, ("status", status), ("attempts", story.AttemptsOnThisText + 1), ("error", error.Length > 500 ? error[..500] + "…" : error),
            ("now", Clock.ToUnixMs(now)), ("next", nextAttempt is { } next ? Clock.ToUnixMs(next) : null), ("version", story.WrittenVersion), ("id", story.Id)).ConfigureAwait(false);
    }

    /// <summary>Gives the story back untouched (the work was stopped); it stays waiting.</summary>
    public async Task ReleaseAsync(long storyId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, null, "UPDATE story_translations SET lease_owner = NULL, lease_until = NULL WHERE story_id = @id", ct, ("id", storyId)).ConfigureAwait(false);
    }

    /// <summary>The story's translation row, or null when it has none.</summary>
    public async Task<StoredTranslation?> GetAsync(long storyId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await Sql.QueryAsync(conn, null,
            "SELECT story_id, language, title, summary, model, source_hash, translated_at, source_version, status, attempts, last_error, next_attempt_at " +
            "FROM story_translations WHERE story_id = @id",
            r => new StoredTranslation(r.Long("story_id")!.Value, r.Str("language"), r.Str("title"), r.Str("summary"), r.Str("model"), r.Str("source_hash"),
                r.Time("translated_at"), (int?)r.Long("source_version"), r.Str("status") ?? "pending", (int)(r.Long("attempts") ?? 0), r.Str("last_error"),
                r.Time("next_attempt_at")),
            ct, ("id", storyId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private (string, object?)[] Args(string siteLanguage, int maxAttempts, DateTimeOffset since) =>
        [("site", siteLanguage), ("max", maxAttempts), ("now", Clock.ToUnixMs(clock.GetUtcNow())), ("since", Clock.ToUnixMs(since))];
}
