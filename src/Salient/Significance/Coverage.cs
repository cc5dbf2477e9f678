using Salient.Sources;

namespace Salient.Significance;

/// <summary>
/// Who covers a story: distinct outlets, how many of them are in each credibility tier, and how many articles
/// arrived in the first hours. A single headline is one outlet of its own tier.
/// </summary>
internal sealed record Coverage(int Outlets, int TopTier, int LowTier, int EarlyArticles)
{
    /// <summary>The window in which early growth is counted.</summary>
    public static readonly TimeSpan EarlyWindow = TimeSpan.FromHours(6);

    public static Coverage Single(int tier) => new(1, tier == OutletRegistry.Top ? 1 : 0, tier == OutletRegistry.Low ? 1 : 0, 1);

    /// <summary>Coverage of outlets given by their tiers (one entry per distinct outlet).</summary>
    public static Coverage FromTiers(IReadOnlyCollection<int> tiers, int earlyArticles)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        if (tiers.Count == 0)
        {
            return Single(OutletRegistry.Middle);
        }
        return new Coverage(tiers.Count, tiers.Count(t => t == OutletRegistry.Top), tiers.Count(t => t == OutletRegistry.Low), Math.Max(1, earlyArticles));
    }

    public int MiddleTier => Math.Max(0, Outlets - TopTier - LowTier);
}
