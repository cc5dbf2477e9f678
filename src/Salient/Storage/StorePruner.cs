using System.Data.Common;

namespace Salient.Storage;

/// <summary>What <see cref="StorePruner.PruneAsync"/> removed, or would remove on a dry run.</summary>
/// <param name="Stories">Stories removed: closed, old and below the bar, with nothing that still points at them.</param>
/// <param name="Merged">Stories merged into those (each a redirect to one of them), removed with them.</param>
/// <param name="Articles">The removed stories' articles.</param>
/// <param name="Kept">Closed, old stories below the bar kept because a thread, a follow, a digest (sent to a subscriber, or listed in an issue of the archive) or feedback points at them.</param>
internal sealed record PruneResult(int Stories, int Merged, int Articles, int Kept);

/// <summary>
/// Removes what the product judged not to matter, once it is old: closed stories whose score stayed below a bar and
/// whose newest article is older than a cutoff, with their articles. A story is kept whatever its score when a thread
/// holds it, a reader follows it, a digest sent it or lists it or a reader's feedback names it; the score history of every story
/// is kept, so the calibration record (<c>/calibration</c>) stays whole. Works in chunks of 500 stories, one
/// transaction each, so it may run beside a working daemon, which never reads stories that old.
/// </summary>
internal static class StorePruner
{
    /// <summary>
    /// The youngest cutoff allowed, in days: a new story may still join the thread of a story up to 30 days older
    /// (<see cref="Stories.ThreadRule.HorizonMs"/>), so only stories past that are taken.
    /// </summary>
    public const int MinDays = 31;

    public const int MaxDays = 36_500;

    /// <summary>Whether <paramref name="days"/> is a cutoff <see cref="PruneAsync"/> may be given: from <see cref="MinDays"/> to <see cref="MaxDays"/>.</summary>
    public static bool UsableDays(int days) => days is >= MinDays and <= MaxDays;

    /// <summary>Whether <paramref name="below"/> is a score bar: above 0 and at most 10.</summary>
    public static bool UsableBar(double below) => below is > 0 and <= 10;

    private const int Chunk = 500;

    /// <summary>Kept whatever its score: a thread holds it, a reader follows it, a digest sent it, feedback names it.</summary>
    private static string Held(string s) =>
        $"({s}.thread_id IS NOT NULL OR EXISTS (SELECT 1 FROM stories t WHERE t.thread_id = {s}.id) " +
        $"OR EXISTS (SELECT 1 FROM story_follows f WHERE f.story_id = {s}.id) " +
        $"OR EXISTS (SELECT 1 FROM digest_items d WHERE d.story_id = {s}.id) " +
        $"OR EXISTS (SELECT 1 FROM story_feedback b WHERE b.story_id = {s}.id))";

    private const string Candidates =
        "s.status = 'closed' AND s.last_updated < @cutoff AND COALESCE(s.last_published, 0) < @cutoff AND (s.score IS NULL OR s.score < @below)";

    /// <param name="db">The store.</param>
    /// <param name="cutoff">Stories whose newest article and last change are older than this go.</param>
    /// <param name="below">Stories whose score is below this (or that were never scored) go.</param>
    /// <param name="dryRun">Count only; change nothing.</param>
    /// <param name="ct">Cancels between chunks; what was removed before stays removed.</param>
    /// <param name="listed">Called once the stories to remove are listed, before any is removed (tests use it to act in between).</param>
    public static async Task<PruneResult> PruneAsync(Database db, DateTimeOffset cutoff, double below, bool dryRun, CancellationToken ct, Func<Task>? listed = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cutoffMs = Clock.ToUnixMs(cutoff);
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        // What nothing holds is asked chunk by chunk inside each transaction (below), so a story followed meanwhile stays.
        var ids = await Sql.QueryAsync(conn, null, $"SELECT s.id FROM stories s WHERE {Candidates} ORDER BY s.id",
            r => r.Long("id")!.Value, ct, ("cutoff", cutoffMs), ("below", below)).ConfigureAwait(false);
        // A digest issue lists its stories in its stored copy (the public archive of past digests links to them), even
        // after its subscribers are gone: those stories, and the stories they were merged into, stay.
        var inDigests = new HashSet<long>();
        foreach (var json in await Sql.QueryAsync(conn, null, "SELECT story_ids FROM digest_issues", r => r.Str("story_ids"), ct).ConfigureAwait(false))
        {
            inDigests.UnionWith(DigestIds(json));
        }
        foreach (var chunk in inDigests.ToList().Chunk(Chunk))
        {
            var names = string.Join(", ", chunk.Select((_, i) => $"@l{i}"));
            inDigests.UnionWith(await Sql.QueryAsync(conn, null, $"SELECT merged_into FROM stories WHERE merged_into IS NOT NULL AND id IN ({names})",
                r => r.Long("merged_into")!.Value, ct, [.. chunk.Select((id, i) => ($"l{i}", (object?)id))]).ConfigureAwait(false));
        }
        var kept = ids.RemoveAll(inDigests.Contains);

        if (listed is not null)
        {
            await listed().ConfigureAwait(false);
        }

        int stories = 0, merged = 0, articles = 0;
        foreach (var chunk in ids.Chunk(Chunk))
        {
            ct.ThrowIfCancellationRequested();
            await using var tx = dryRun ? null : await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
            // Asked inside the transaction: a reader may have followed one of them since the list was made.
            var chosen = await Sql.QueryAsync(conn, tx,
                $"SELECT s.id FROM stories s WHERE s.id IN ({string.Join(", ", chunk.Select((_, i) => $"@c{i}"))}) AND {Candidates} AND NOT {Held("s")} " +
                $"AND NOT EXISTS (SELECT 1 FROM stories m WHERE m.merged_into = s.id AND {Held("m")})",
                r => r.Long("id")!.Value, ct, [.. chunk.Select((id, i) => ($"c{i}", (object?)id)), ("cutoff", cutoffMs), ("below", below)]).ConfigureAwait(false);
            kept += chunk.Length - chosen.Count;
            if (chosen.Count == 0)
            {
                continue;
            }
            var names = string.Join(", ", chosen.Select((_, i) => $"@id{i}"));
            var args = chosen.Select((id, i) => ($"id{i}", (object?)id)).ToArray();
            var redirects = await Sql.QueryAsync(conn, tx, $"SELECT id FROM stories WHERE merged_into IN ({names})", r => r.Long("id")!.Value, ct, args).ConfigureAwait(false);
            var all = chosen.Concat(redirects).ToList();
            var allNames = string.Join(", ", all.Select((_, i) => $"@s{i}"));
            var allArgs = all.Select((id, i) => ($"s{i}", (object?)id)).ToArray();
            articles += (int)await Sql.LongAsync(conn, tx, $"SELECT COUNT(*) FROM articles WHERE story_id IN ({allNames})", ct, allArgs).ConfigureAwait(false);
            stories += chosen.Count;
            merged += redirects.Count;
            if (tx is null)
            {
                continue;
            }
            // Feed items keep their row (so a feed that still lists an item does not bring it back); their link to the
            // article is cleared by the key (ON DELETE SET NULL).
            await Sql.ExecuteAsync(conn, tx, $"DELETE FROM articles WHERE story_id IN ({allNames})", ct, allArgs).ConfigureAwait(false);
            await Sql.ExecuteAsync(conn, tx, $"DELETE FROM story_writing WHERE story_id IN ({allNames})", ct, allArgs).ConfigureAwait(false);
            await Sql.ExecuteAsync(conn, tx, $"DELETE FROM story_translations WHERE story_id IN ({allNames})", ct, allArgs).ConfigureAwait(false);
            // Redirects first, then the stories they point at.
            await Sql.ExecuteAsync(conn, tx, $"DELETE FROM stories WHERE merged_into IN ({names})", ct, args).ConfigureAwait(false);
            await Sql.ExecuteAsync(conn, tx, $"DELETE FROM stories WHERE id IN ({names}) AND NOT {Held("stories")}", ct, args).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        return new PruneResult(stories, merged, articles, kept);
    }

    /// <summary>The story ids a digest issue lists (a JSON array of numbers); none when the text is not one.</summary>
    private static IEnumerable<long> DigestIds(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<long[]>(json) ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }
}
