namespace Salient.Storage;

/// <summary>The admin's audit log: every action taken in the admin (logins included), when, and from which address.</summary>
internal sealed class AuditStore(Database db, TimeProvider clock)
{
    public sealed record Entry(DateTimeOffset At, string Action, string? Detail, string Client);

    /// <summary>Records one action; <paramref name="detail"/> is cut to 500 characters.</summary>
    public async Task AddAsync(string action, string? detail, string client, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, null, "INSERT INTO admin_audit (at, action, detail, client) VALUES (@at, @a, @d, @c)", ct,
            ("at", Clock.ToUnixMs(clock.GetUtcNow())), ("a", action), ("d", detail is { Length: > 500 } ? detail[..500] : detail), ("c", client)).ConfigureAwait(false);
    }

    /// <summary>The latest <paramref name="limit"/> entries, newest first.</summary>
    public async Task<IReadOnlyList<Entry>> RecentAsync(int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null, "SELECT at, action, detail, client FROM admin_audit ORDER BY at DESC, id DESC LIMIT @n",
            r => new Entry(r.Time("at")!.Value, r.Str("action")!, r.Str("detail"), r.Str("client")!), ct, ("n", limit)).ConfigureAwait(false);
    }
}
