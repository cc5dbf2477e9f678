namespace Salient.Storage;

/// <summary>Counts of what is stored, for <c>salient stats</c> and the site.</summary>
internal sealed class StatsStore(Database db)
{
    public sealed record Counts(long Sources, long Articles, long Stories);

    public async Task<Counts> CountAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var sources = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM sources", ct).ConfigureAwait(false);
        var articles = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles", ct).ConfigureAwait(false);
        var stories = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM stories WHERE status <> 'merged'", ct).ConfigureAwait(false);
        return new Counts(sources, articles, stories);
    }

    /// <summary>
    /// Enabled sources never polled yet (or whose first poll is in flight, leased by some worker): work pending
    /// before any article exists, so <c>stats</c> does not report pending 0 for a store that has not started.
    /// </summary>
    public async Task<long> UnpolledSourcesAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM sources WHERE enabled = 1 AND last_polled_at IS NULL", ct).ConfigureAwait(false);
    }
}
