using Salient.Storage;

namespace Salient.Sources;

/// <summary>
/// Seeds a store with the default list of outlets, once in its life. The rule: a store is seeded the first
/// time <c>run</c> or <c>ingest</c> finds it with no source at all, unless seeding is turned off. A store where
/// the user added or imported sources first is never seeded (their list is theirs), and seeding never
/// brings back a source the user removed.
/// </summary>
internal sealed class SourceSeeder(SourceStore store, SourcesOptions options, Polling.PollingOptions polling)
{
    /// <summary>sources_meta key: how the store's list began ("defaults", "user" or "skipped").</summary>
    public const string SeededKey = "seeded";

    /// <summary>Seeds the store if this is its first use with no sources; returns how many sources were added.</summary>
    public async Task<int> SeedIfNewAsync(bool skip, CancellationToken ct, IReadOnlyList<DefaultSource>? list = null)
    {
        if (await store.GetMetaAsync(SeededKey, ct).ConfigureAwait(false) is not null)
        {
            return 0;
        }
        if (await store.CountAsync(ct).ConfigureAwait(false) > 0)
        {
            await store.SetMetaIfAbsentAsync(SeededKey, "user", ct).ConfigureAwait(false);
            return 0;
        }
        if (skip || !options.SeedDefaults)
        {
            // Turned off for this run only: a later run may still seed the empty store.
            return 0;
        }
        if (!await store.SetMetaIfAbsentAsync(SeededKey, "defaults", ct).ConfigureAwait(false))
        {
            return 0;
        }
        var defaults = (list ?? DefaultSources.Load()).Select(d => d.ToNewSource()).ToList();
        var (added, _) = await store.AddAsync(defaults, byUser: false, polling.IntervalMinutes * 60, ct).ConfigureAwait(false);
        return added;
    }

    /// <summary>Called when the user adds or imports sources: the store's list is the user's from now on.</summary>
    public Task MarkUserListAsync(CancellationToken ct) => store.SetMetaIfAbsentAsync(SeededKey, "user", ct);
}
