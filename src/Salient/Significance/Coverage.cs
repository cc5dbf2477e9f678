using Salient.Sources;

namespace Salient.Significance;

/// <summary>
/// Who covers a story: distinct outlets, how many of them are in each credibility tier, how many articles
/// arrived in the first hours, in how many countries, over how long, and how many outlets published at all
/// that day (the same number of outlets is wider coverage on a thin day than on a full one). A single headline
/// is one outlet of its own tier. <see cref="Known"/> is false for an item whose coverage nobody gave
/// (a batch item without outlets): it is scored on its content alone.
/// </summary>
internal sealed record Coverage(int Outlets, int TopTier, int LowTier, int EarlyArticles)
{
    /// <summary>Distinct countries of the outlets (0 when none is known).</summary>
    public int Countries { get; init; }

    /// <summary>Articles in the story (0: one per outlet).</summary>
    public int Articles { get; init; }

    /// <summary>Hours from the first article to the latest.</summary>
    public double SpanHours { get; init; }

    /// <summary>Distinct outlets that published in the day around the story's first report (0 when unknown).</summary>
    public int DayOutlets { get; init; }

    /// <summary>False when the coverage is unknown (not one outlet: nobody said).</summary>
    public bool Known { get; init; } = true;

    /// <summary>An item whose coverage nobody gave, from an outlet of the given tier.</summary>
    public static Coverage Unknown(int tier) => Single(tier) with { Known = false };

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
