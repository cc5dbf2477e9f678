using System.Data.Common;

namespace Salient.Storage;

/// <summary>A reader following one story, or the thread of one story, by e-mail.</summary>
/// <param name="Baseline">The score the reader was last told of (or saw when confirming); rises are measured from it.</param>
/// <param name="Kind"><see cref="FollowStore.StoryKind"/> or <see cref="FollowStore.ThreadKind"/>.</param>
/// <param name="LastStoryId">For a thread: the newest story that was in the thread when the reader confirmed (stories up to it are not news).</param>
internal sealed record StoryFollow(long Id, long StoryId, string Email, double Threshold, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ConfirmSentAt,
    double? Baseline, int Alerts, DateTimeOffset? LastAlertAt, string Kind = FollowStore.StoryKind, long? LastStoryId = null);

/// <summary>A followed story's state now, for deciding whether to tell its followers.</summary>
internal sealed record FollowedStory(long Id, string Title, double? Score, long Articles, long Outlets);

/// <summary>
/// Follows by e-mail (<c>story_follows</c>, migrations 0200 and 0231; each belongs to its story since migration 0290,
/// which deletes it with the story, and a merge moves it to the story it became, <see cref="MoveToSurvivorAsync"/>; the stories each thread follow was told of in
/// <c>story_follow_told</c>, migration 0241): of single stories, and of the thread of a story
/// (the story's thread as it is at each check, so a follow made before the story was in any thread follows the one it
/// joins later; when the story leaves its thread, linking moves the follow to a story still in it, see
/// <c>StoryStore.MendThreadAsync</c>).
/// </summary>
internal sealed class FollowStore(Database db, TimeProvider time)
{
    public const string StoryKind = "story";
    public const string ThreadKind = "thread";

    private const string Columns = "id, story_id, email, threshold, status, created_at, confirm_sent_at, baseline, alerts, last_alert_at, kind, last_story_id";

    private long Now => Clock.ToUnixMs(time.GetUtcNow());

    /// <summary>
    /// Creates a pending follow of the story (or of its thread, <paramref name="kind"/>), or returns the one this address
    /// already has of that kind on this story (its threshold updated unless active).
    /// </summary>
    public async Task<StoryFollow> UpsertAsync(long storyId, string email, double threshold, CancellationToken ct, string kind = StoryKind)
    {
        email = DigestStore.NormaliseEmail(email);
        ValidateThreshold(threshold);
        if (kind is not (StoryKind or ThreadKind))
        {
            throw new ArgumentException($"a follow is of a '{StoryKind}' or a '{ThreadKind}', not '{kind}'", nameof(kind));
        }
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, null,
            "INSERT INTO story_follows (story_id, email, threshold, status, created_at, kind) VALUES (@s, @e, @t, 'pending', @now, @k) ON CONFLICT (story_id, email, kind) DO NOTHING",
            ct, ("s", storyId), ("e", email), ("t", threshold), ("now", Now), ("k", kind)).ConfigureAwait(false);
        // A follow that ended may start again; an active one keeps its threshold until it is confirmed anew.
        await Sql.ExecuteAsync(conn, null,
            "UPDATE story_follows SET threshold = @t, status = 'pending', ended_at = NULL WHERE story_id = @s AND email = @e AND kind = @k AND status <> 'active'",
            ct, ("s", storyId), ("e", email), ("t", threshold), ("k", kind)).ConfigureAwait(false);
        return (await GetAsync(conn, "story_id = @s AND email = @e AND kind = @k", ct, ("s", storyId), ("e", email), ("k", kind)).ConfigureAwait(false))!;
    }

    public static void ValidateThreshold(double threshold)
    {
        if (double.IsNaN(threshold) || threshold < 0 || threshold > 10)
        {
            throw new ArgumentException($"the threshold {threshold} is not a significance from 0 to 10");
        }
    }

    public async Task<StoryFollow?> FindAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await GetAsync(conn, "id = @id", ct, ("id", id)).ConfigureAwait(false);
    }

    /// <summary>Reserves the right to send a confirmation: at most one per follow in <paramref name="every"/>.</summary>
    public async Task<bool> TryReserveConfirmationAsync(long id, TimeSpan every, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var now = Now;
        return await Sql.ExecuteAsync(conn, null,
            "UPDATE story_follows SET confirm_sent_at = @now WHERE id = @id AND status = 'pending' AND (confirm_sent_at IS NULL OR confirm_sent_at <= @before)",
            ct, ("id", id), ("now", now), ("before", now - (long)every.TotalMilliseconds)).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Makes a pending follow active, measuring rises from <paramref name="baseline"/> (for a thread: telling of stories
    /// newer than <paramref name="lastStoryId"/>); false when there is no such pending follow.
    /// </summary>
    public async Task<bool> ConfirmAsync(long id, double? baseline, CancellationToken ct, long? lastStoryId = null)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var changed = await Sql.ExecuteAsync(conn, null,
            "UPDATE story_follows SET status = 'active', confirmed_at = @now, baseline = @b, last_story_id = @last WHERE id = @id AND status = 'pending'",
            ct, ("id", id), ("now", Now), ("b", baseline), ("last", lastStoryId)).ConfigureAwait(false);
        return changed == 1 || await Sql.ScalarAsync(conn, null, "SELECT 1 FROM story_follows WHERE id = @id AND status = 'active'", ct, ("id", id)).ConfigureAwait(false) is not null;
    }

    /// <summary>Ends a follow (again, harmlessly, when it had ended); false when there is no such follow.</summary>
    public async Task<bool> EndAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, null, "UPDATE story_follows SET status = 'ended', ended_at = @now WHERE id = @id AND status <> 'ended'",
            ct, ("id", id), ("now", Now)).ConfigureAwait(false);
        return await Sql.ScalarAsync(conn, null, "SELECT 1 FROM story_follows WHERE id = @id", ct, ("id", id)).ConfigureAwait(false) is not null;
    }

    public async Task<List<StoryFollow>> ActiveAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null, $"SELECT {Columns} FROM story_follows WHERE status = 'active' ORDER BY id", Read, ct).ConfigureAwait(false);
    }

    /// <summary>The story a follow is on now: the survivor when it was merged into another; null when it is gone.</summary>
    public async Task<FollowedStory?> StoryAsync(long storyId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        if (await StoryStore.SurvivorAsync(conn, storyId, ct).ConfigureAwait(false) is not { } id)
        {
            return null;
        }
        var rows = await Sql.QueryAsync(conn, null, "SELECT id, title, score, article_count, outlet_count FROM stories WHERE id = @id",
            r => new FollowedStory(r.Long("id")!.Value, r.Str("title") ?? "Untitled story", r.Double("score"), r.Long("article_count") ?? 0, r.Long("outlet_count") ?? 0),
            ct, ("id", id)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// The visible stories of the thread <paramref name="storyId"/> (or the story it was merged into) is in now, oldest
    /// first; just that story while it is in no thread; empty when it is gone.
    /// </summary>
    /// <summary>At most this many stories of a thread are read, the newest.</summary>
    internal const int ThreadStoriesLimit = 1000;

    public async Task<List<FollowedStory>> ThreadStoriesAsync(long storyId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        if (await StoryStore.SurvivorAsync(conn, storyId, ct).ConfigureAwait(false) is not { } id)
        {
            return [];
        }
        // The newest stories are the ones a follower may not have been told of: a thread longer than the limit loses its oldest.
        var newestFirst = await Sql.QueryAsync(conn, null,
            $"""
            SELECT s.id, s.title, s.score, s.article_count, s.outlet_count FROM stories s
            WHERE {StoryFilter.Visible()} AND (s.id = @id OR s.thread_id = (SELECT t.thread_id FROM stories t WHERE t.id = @id))
            ORDER BY s.id DESC LIMIT @limit
            """,
            r => new FollowedStory(r.Long("id")!.Value, r.Str("title") ?? "Untitled story", r.Double("score"), r.Long("article_count") ?? 0, r.Long("outlet_count") ?? 0),
            ct, ("id", id), ("limit", ThreadStoriesLimit)).ConfigureAwait(false);
        newestFirst.Reverse();
        return newestFirst;
    }

    /// <summary>The stories of its thread a thread's follower has been told of.</summary>
    public async Task<HashSet<long>> ToldAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await Sql.QueryAsync(conn, null, "SELECT story_id FROM story_follow_told WHERE follow_id = @id", r => r.Long("story_id")!.Value, ct, ("id", id)).ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>Records that a thread's follower was told of <paramref name="storyIds"/>: they are not told of them again.</summary>
    public async Task MarkToldAsync(long id, IReadOnlyCollection<long> storyIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(storyIds);
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        var now = Now;
        foreach (var story in storyIds)
        {
            await Sql.ExecuteAsync(conn, tx, "INSERT INTO story_follow_told (follow_id, story_id, told_at) VALUES (@id, @s, @now) ON CONFLICT (follow_id, story_id) DO NOTHING",
                ct, ("id", id), ("s", story), ("now", now)).ConfigureAwait(false);
        }
        await Sql.ExecuteAsync(conn, tx, "UPDATE story_follows SET alerts = alerts + 1, last_alert_at = @now, last_error = NULL WHERE id = @id",
            ct, ("id", id), ("now", now)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Records that the follower was told of <paramref name="score"/> (the new baseline), or why telling failed.</summary>
    public async Task MarkAlertedAsync(long id, double score, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, null,
            "UPDATE story_follows SET baseline = @b, alerts = alerts + 1, last_alert_at = @now, last_error = NULL WHERE id = @id",
            ct, ("id", id), ("b", score), ("now", Now)).ConfigureAwait(false);
    }

    public async Task SetBaselineAsync(long id, double score, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, null, "UPDATE story_follows SET baseline = @b WHERE id = @id", ct, ("id", id), ("b", score)).ConfigureAwait(false);
    }

    public async Task MarkFailedAsync(long id, string error, bool end, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, null,
            $"UPDATE story_follows SET last_error = @err{(end ? ", status = 'ended', ended_at = @now" : string.Empty)} WHERE id = @id",
            ct, ("id", id), ("err", error.Length > 500 ? error[..500] : error), ("now", Now)).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves the follows of <paramref name="gone"/>, merged into <paramref name="keep"/>, to <paramref name="keep"/>, in
    /// the merge's transaction: the reader follows the story it became. An address that follows both keeps one follow of
    /// each kind: the survivor's, unless only the merged story's was active (a pending or ended one on the survivor gives
    /// way to it); the merged story's other follows end.
    /// </summary>
    internal static async Task MoveToSurvivorAsync(DbConnection conn, DbTransaction tx, long gone, long keep, long nowMs, CancellationToken ct)
    {
        if (gone == keep)
        {
            return;
        }
        await Sql.ExecuteAsync(conn, tx,
            """
            DELETE FROM story_follows WHERE story_id = @keep AND status <> 'active'
            AND EXISTS (SELECT 1 FROM story_follows g WHERE g.story_id = @gone AND g.email = story_follows.email AND g.kind = story_follows.kind AND g.status = 'active')
            """, ct, ("keep", keep), ("gone", gone)).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, tx,
            """
            UPDATE story_follows SET story_id = @keep WHERE story_id = @gone
            AND NOT EXISTS (SELECT 1 FROM story_follows o WHERE o.story_id = @keep AND o.email = story_follows.email AND o.kind = story_follows.kind)
            """, ct, ("keep", keep), ("gone", gone)).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, tx, "UPDATE story_follows SET status = 'ended', ended_at = @now WHERE story_id = @gone AND status <> 'ended'",
            ct, ("gone", gone), ("now", nowMs)).ConfigureAwait(false);
    }

    private static async Task<StoryFollow?> GetAsync(DbConnection conn, string where, CancellationToken ct, params (string, object?)[] args)
    {
        var rows = await Sql.QueryAsync(conn, null, $"SELECT {Columns} FROM story_follows WHERE {where}", Read, ct, args).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private static StoryFollow Read(DbDataReader r) => new(r.Long("id")!.Value, r.Long("story_id")!.Value, r.Str("email")!, r.Double("threshold") ?? 5.5,
        r.Str("status")!, r.Time("created_at")!.Value, r.Time("confirm_sent_at"), r.Double("baseline"), (int)(r.Long("alerts") ?? 0), r.Time("last_alert_at"),
        r.Str("kind") ?? StoryKind, r.Long("last_story_id"));
}
