using System.Data.Common;

namespace Salient.Storage;

/// <summary>
/// A queue of work items that workers claim in batches under a lease: which table, which rows are waiting, in
/// which order, and the columns holding the lease. Claims that lapse (their worker died) are claimed again.
/// </summary>
/// <param name="AlsoSet">More assignments made with the claim (for example counting attempts).</param>
/// <param name="RenewOwn">Whether rows the claiming owner already holds are taken again (their lease extended).</param>
internal sealed record LeaseQueue(string Table, string Waiting, string OrderBy, string OwnerColumn = "lease_owner", string UntilColumn = "lease_until",
    string? AlsoSet = null, bool RenewOwn = false);

/// <summary>
/// The one way work is claimed under a lease (sources to poll, articles to extract and embed, stories to score and
/// to write), always timed by the injected clock.
/// </summary>
internal static class Leases
{
    /// <summary>The condition that a row's lease is free: never taken, lapsed at <c>@now</c>, or (with <paramref name="renewOwn"/>) held by <c>@owner</c>.</summary>
    public static string Free(string ownerColumn = "lease_owner", string untilColumn = "lease_until", bool renewOwn = false) =>
        $"({untilColumn} IS NULL OR {untilColumn} < @now{(renewOwn ? $" OR {ownerColumn} = @owner" : string.Empty)})";

    /// <summary>
    /// Claims up to <paramref name="limit"/> waiting rows of <paramref name="queue"/> for <paramref name="owner"/> until
    /// the clock's now plus <paramref name="lease"/>, in one statement; on PostgreSQL rows another worker is claiming at
    /// the same moment are skipped. <paramref name="args"/> are the parameters of <see cref="LeaseQueue.Waiting"/>.
    /// </summary>
    public static async Task<int> ClaimAsync(Database db, TimeProvider clock, DbConnection conn, LeaseQueue queue, string owner, TimeSpan lease, int limit,
        CancellationToken ct, params (string Name, object? Value)[] args)
    {
        var now = clock.GetUtcNow();
        var also = queue.AlsoSet is null ? string.Empty : ", " + queue.AlsoSet;
        var sql =
            $"UPDATE {queue.Table} SET {queue.OwnerColumn} = @owner, {queue.UntilColumn} = @until{also} WHERE id IN (" +
            $"SELECT id FROM {queue.Table} WHERE {queue.Waiting} AND {Free(queue.OwnerColumn, queue.UntilColumn, queue.RenewOwn)} " +
            $"ORDER BY {queue.OrderBy} LIMIT @limit{db.Dialect.ClaimLock})";
        return await Sql.ExecuteAsync(conn, null, sql, ct,
            [("owner", owner), ("until", Clock.ToUnixMs(now + lease)), ("now", Clock.ToUnixMs(now)), ("limit", limit), .. args]).ConfigureAwait(false);
    }

    /// <summary>Every lease column pair of the schema: the rows a process may hold.</summary>
    private static readonly (string Table, string Key, string Owner, string Until)[] Held =
    [
        ("sources", "id", "lease_owner", "lease_until"),
        ("articles", "id", "lease_owner", "lease_until"),
        ("stories", "id", "score_lease_owner", "score_lease_until"),
        ("stories", "id", "write_lease_owner", "write_lease_until"),
        ("story_writing", "story_id", "lease_owner", "lease_until"),
        ("story_translations", "story_id", "lease_owner", "lease_until"),
    ];

    /// <summary>
    /// Extends to now plus <paramref name="lease"/> every claim still held by an owner of the process tagged
    /// <paramref name="processTag"/> (claims that already lapsed are left to whoever takes them); returns how many rows.
    /// </summary>
    public static async Task<int> RenewAsync(Database db, TimeProvider clock, string processTag, TimeSpan lease, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(processTag);
        if (processTag.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-')))
        {
            throw new ArgumentException($"process tag '{processTag}' may hold only letters, digits, dots and dashes", nameof(processTag));
        }
        var now = clock.GetUtcNow();
        var pattern = "%:" + processTag + ":%";
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var renewed = 0;
        foreach (var (table, key, owner, until) in Held)
        {
            // Rows a save has locked at this moment are skipped (on PostgreSQL): that save is ending the claim anyway,
            // and waiting on it in another order than it takes its rows could deadlock.
            renewed += await Sql.ExecuteAsync(conn, null,
                $"UPDATE {table} SET {until} = @until WHERE {key} IN (SELECT {key} FROM {table} WHERE {owner} LIKE @pattern AND {until} >= @now{db.Dialect.ClaimLock})", ct,
                ("until", Clock.ToUnixMs(now + lease)), ("pattern", pattern), ("now", Clock.ToUnixMs(now))).ConfigureAwait(false);
        }
        return renewed;
    }
}
