using System.Data.Common;

namespace Salient.Storage;

/// <summary>A feed Salient polls, with its poll state.</summary>
internal sealed record Source(
    long Id,
    string Url,
    string Name,
    string? SiteUrl,
    string? Country,
    string? Language,
    int Tier,
    string? Category,
    bool UrlVerified,
    bool Enabled,
    int PollIntervalSeconds,
    string? ETag,
    string? LastModified,
    DateTimeOffset NextPollAt,
    DateTimeOffset? LastPolledAt,
    DateTimeOffset? LastSuccessAt,
    string? LastStatus,
    string? LastError,
    int ConsecutiveFailures,
    long ItemsSeen)
{
    /// <summary>The host whose politeness rules apply to this feed.</summary>
    public string Host => Uri.TryCreate(Url, UriKind.Absolute, out var u) ? u.IdnHost.ToLowerInvariant() : Url;
}

/// <summary>What a user (or the default list, or an OPML file) says about a feed to add.</summary>
internal sealed record NewSource(
    string Url,
    string? Name = null,
    string? SiteUrl = null,
    string? Country = null,
    string? Language = null,
    int Tier = 2,
    string? Category = null,
    bool UrlVerified = true);

/// <summary>What one poll of a source came to, written to the source and its poll history.</summary>
internal sealed record PollRecord(
    long SourceId,
    DateTimeOffset At,
    string Status,
    int? HttpStatus,
    TimeSpan Duration,
    long Bytes,
    int Items,
    int NewItems,
    string? Error,
    IReadOnlyList<string> Recovered,
    DateTimeOffset NextPollAt,
    string? ETag,
    string? LastModified,
    bool Success);

/// <summary>One row of a source's poll history.</summary>
internal sealed record PollHistoryEntry(DateTimeOffset At, string Status, int? HttpStatus, long? DurationMs, long? Bytes, long? Items, long? NewItems, string? Error, string? Recovered);

/// <summary>Sources, their poll state and history, and the state of the source list (hand-written SQL, SQLite and PostgreSQL).</summary>
internal sealed class SourceStore(Database db, TimeProvider clock)
{
    private const string Columns =
        "id, url, name, site_url, country, language, tier, category, url_verified, enabled, poll_interval_s, etag, last_modified, " +
        "next_poll_at, last_polled_at, last_success_at, last_status, last_error, consecutive_failures, items_seen";

    public const int DefaultIntervalSeconds = 900;

    public async Task<IReadOnlyList<Source>> ListAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null, $"SELECT {Columns} FROM sources ORDER BY id", Map, ct).ConfigureAwait(false);
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM sources", ct).ConfigureAwait(false);
    }

    public async Task<Source?> GetAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await Sql.QueryAsync(conn, null, $"SELECT {Columns} FROM sources WHERE id = @id", Map, ct, ("id", id)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<Source?> FindByUrlAsync(string url, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await Sql.QueryAsync(conn, null, $"SELECT {Columns} FROM sources WHERE url = @url", Map, ct, ("url", url)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// The longest feed address a source may have: longer ones are no address servers agree to serve, and PostgreSQL
    /// cannot index them (a btree entry holds at most 2,704 bytes). Every way in checks it and names the address.
    /// </summary>
    public const int MaxUrlLength = 2000;

    /// <summary>Why <paramref name="url"/> cannot be a source's address, or null when it can be (its length only).</summary>
    public static string? UrlTooLong(string url) => url.Length > MaxUrlLength
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"feed URL '{url[..60]}…' is {url.Length:N0} characters long; a feed address may have at most {MaxUrlLength:N0}")
        : null;

    /// <summary>
    /// Adds the sources not already stored (by feed URL), in one transaction, and returns how many were added.
    /// <paramref name="byUser"/> additions also clear the "removed" mark a user may have left on a URL earlier;
    /// additions from the default list skip every URL the user removed, and none takes an address longer than
    /// <see cref="MaxUrlLength"/>.
    /// </summary>
    public async Task<(int Added, int Skipped)> AddAsync(IReadOnlyList<NewSource> sources, bool byUser, int intervalSeconds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var now = Clock.ToUnixMs(clock.GetUtcNow());
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        int added = 0, skipped = 0;
        foreach (var s in sources)
        {
            if (UrlTooLong(s.Url) is not null)
            {
                skipped++;
                continue;
            }
            if (byUser)
            {
                await Sql.ExecuteAsync(conn, tx, "DELETE FROM removed_sources WHERE url = @url", ct, ("url", s.Url)).ConfigureAwait(false);
            }
            else if (await Sql.LongAsync(conn, tx, "SELECT COUNT(*) FROM removed_sources WHERE url = @url", ct, ("url", s.Url)).ConfigureAwait(false) > 0)
            {
                skipped++;
                continue;
            }
            var n = await Sql.ExecuteAsync(conn, tx,
                "INSERT INTO sources (url, name, site_url, country, language, tier, category, url_verified, enabled, poll_interval_s, next_poll_at, created_at) " +
                "VALUES (@url, @name, @site, @country, @lang, @tier, @cat, @verified, 1, @interval, 0, @now) ON CONFLICT (url) DO NOTHING", ct,
                ("url", s.Url), ("name", string.IsNullOrWhiteSpace(s.Name) ? DefaultName(s.Url) : s.Name.Trim()), ("site", s.SiteUrl),
                ("country", s.Country), ("lang", s.Language), ("tier", s.Tier), ("cat", s.Category), ("verified", s.UrlVerified ? 1 : 0),
                ("interval", intervalSeconds), ("now", now)).ConfigureAwait(false);
            if (n > 0)
            {
                added++;
            }
            else
            {
                skipped++;
            }
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return (added, skipped);
    }

    /// <summary>Sets a source's name, country, language, tier and category (what a user says about the feed); its poll state stays.</summary>
    public async Task<bool> UpdateDetailsAsync(long id, string name, string? country, string? language, int tier, string? category, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(tier, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tier, 3);
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.ExecuteAsync(conn, null,
            "UPDATE sources SET name = @name, country = @country, language = @lang, tier = @tier, category = @cat WHERE id = @id", ct,
            ("name", name.Trim()), ("country", country), ("lang", language), ("tier", tier), ("cat", category), ("id", id)).ConfigureAwait(false) > 0;
    }

    /// <summary>Removes a source (its feed items and poll history go with it; its articles stay) and remembers its URL as removed.</summary>
    public async Task<bool> RemoveAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        var url = (string?)await Sql.ScalarAsync(conn, tx, "SELECT url FROM sources WHERE id = @id", ct, ("id", id)).ConfigureAwait(false);
        if (url is null)
        {
            return false;
        }
        await Sql.ExecuteAsync(conn, tx, "DELETE FROM poll_history WHERE source_id = @id", ct, ("id", id)).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, tx, "DELETE FROM feed_items WHERE source_id = @id", ct, ("id", id)).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, tx, "UPDATE articles SET source_id = NULL WHERE source_id = @id", ct, ("id", id)).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, tx, "DELETE FROM sources WHERE id = @id", ct, ("id", id)).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, tx, "DELETE FROM removed_sources WHERE url = @url", ct, ("url", url)).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, tx, "INSERT INTO removed_sources (url, removed_at) VALUES (@url, @now)", ct,
            ("url", url), ("now", Clock.ToUnixMs(clock.GetUtcNow()))).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    public async Task<string?> GetMetaAsync(string key, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return (string?)await Sql.ScalarAsync(conn, null, "SELECT value FROM sources_meta WHERE key = @k", ct, ("k", key)).ConfigureAwait(false);
    }

    /// <summary>Sets <paramref name="key"/> only when it has no value yet; returns whether this call set it.</summary>
    public async Task<bool> SetMetaIfAbsentAsync(string key, string value, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.ExecuteAsync(conn, null, "INSERT INTO sources_meta (key, value) VALUES (@k, @v) ON CONFLICT (key) DO NOTHING", ct,
            ("k", key), ("v", value)).ConfigureAwait(false) > 0;
    }

    /// <summary>Enabled sources due for a poll at <paramref name="now"/>, soonest first.</summary>
    public async Task<IReadOnlyList<Source>> DueAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null,
            $"SELECT {Columns} FROM sources WHERE enabled = 1 AND next_poll_at <= @now AND (lease_until IS NULL OR lease_until < @now) ORDER BY next_poll_at, id",
            Map, ct, ("now", Clock.ToUnixMs(now))).ConfigureAwait(false);
    }

    /// <summary>When the next enabled source falls due, or null when there is none.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var v = await Sql.ScalarAsync(conn, null, "SELECT MIN(next_poll_at) FROM sources WHERE enabled = 1", ct).ConfigureAwait(false);
        return v is null ? null : Clock.FromUnixMs(Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Claims a source for one poll, so two workers sharing a database never poll it together.</summary>
    public async Task<bool> TryLeaseAsync(long id, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.ExecuteAsync(conn, null,
            "UPDATE sources SET lease_owner = @owner, lease_until = @until WHERE id = @id AND (lease_until IS NULL OR lease_until < @now OR lease_owner = @owner)", ct,
            ("owner", owner), ("until", Clock.ToUnixMs(now + lease)), ("id", id), ("now", Clock.ToUnixMs(now))).ConfigureAwait(false) > 0;
    }

    /// <summary>
    /// Gives a source the address its feed moved to for good; refused (false) when another source already has that
    /// address, so no source is lost and none is polled twice.
    /// </summary>
    public async Task<bool> MoveAsync(long id, string url, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.ExecuteAsync(conn, null,
            "UPDATE sources SET url = @url WHERE id = @id AND NOT EXISTS (SELECT 1 FROM sources o WHERE o.url = @url)", ct,
            ("url", url), ("id", id)).ConfigureAwait(false) > 0;
    }

    /// <summary>Writes a poll's outcome to the source (and releases its lease) and appends it to the poll history.</summary>
    public async Task RecordPollAsync(PollRecord r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        var at = Clock.ToUnixMs(r.At);
        await Sql.ExecuteAsync(conn, tx,
            "UPDATE sources SET last_polled_at = @at, last_status = @status, next_poll_at = @next, lease_owner = NULL, lease_until = NULL, " +
            "items_seen = items_seen + @new, " +
            (r.Success
                ? "last_success_at = @at, last_error = NULL, consecutive_failures = 0, etag = COALESCE(@etag, etag), last_modified = COALESCE(@lm, last_modified) "
                : "last_error = @error, consecutive_failures = consecutive_failures + 1 ") +
            "WHERE id = @id", ct,
            ("at", at), ("status", r.Status), ("next", Clock.ToUnixMs(r.NextPollAt)), ("new", r.NewItems), ("etag", r.ETag), ("lm", r.LastModified),
            ("error", r.Error), ("id", r.SourceId)).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, tx,
            "INSERT INTO poll_history (source_id, at, status, http_status, duration_ms, bytes, items, new_items, error, recovered) " +
            "VALUES (@id, @at, @status, @http, @ms, @bytes, @items, @new, @error, @recovered)", ct,
            ("id", r.SourceId), ("at", at), ("status", r.Status), ("http", r.HttpStatus), ("ms", (long)r.Duration.TotalMilliseconds), ("bytes", r.Bytes),
            ("items", r.Items), ("new", r.NewItems), ("error", r.Error), ("recovered", r.Recovered.Count == 0 ? null : string.Join(", ", r.Recovered))).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PollHistoryEntry>> HistoryAsync(long sourceId, int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null,
            "SELECT at, status, http_status, duration_ms, bytes, items, new_items, error, recovered FROM poll_history WHERE source_id = @id ORDER BY at DESC, id DESC LIMIT @n",
            r => new PollHistoryEntry(r.Time("at")!.Value, r.Str("status")!, (int?)r.Long("http_status"), r.Long("duration_ms"), r.Long("bytes"), r.Long("items"),
                r.Long("new_items"), r.Str("error"), r.Str("recovered")), ct, ("id", sourceId), ("n", limit)).ConfigureAwait(false);
    }

    private static string DefaultName(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host : url;

    private static Source Map(DbDataReader r) => new(
        r.Long("id")!.Value,
        r.Str("url")!,
        r.Str("name")!,
        r.Str("site_url"),
        r.Str("country"),
        r.Str("language"),
        (int)(r.Long("tier") ?? 2),
        r.Str("category"),
        r.Long("url_verified") != 0,
        r.Long("enabled") != 0,
        (int)(r.Long("poll_interval_s") ?? DefaultIntervalSeconds),
        r.Str("etag"),
        r.Str("last_modified"),
        r.Time("next_poll_at") ?? DateTimeOffset.UnixEpoch,
        r.Time("last_polled_at"),
        r.Time("last_success_at"),
        r.Str("last_status"),
        r.Str("last_error"),
        (int)(r.Long("consecutive_failures") ?? 0),
        r.Long("items_seen") ?? 0);
}
