using Salient.Storage;

namespace Salient.Stories;

/// <summary>Where a story is in its life: still gaining outlets, settled, or closed once past the grouping window.</summary>
internal enum StoryState
{
    Developing,
    Settled,
    Closed,
}

/// <summary>
/// A story is <see cref="StoryState.Developing"/> while it gains outlets (more outlets now than at the last score
/// before the last <see cref="Recent"/>, or first scored within it), <see cref="StoryState.Settled"/> when it stops,
/// and <see cref="StoryState.Closed"/> once its last article is older than the grouping window (no article can join
/// it any more). Read from the story's score history, which records its outlets at every score.
/// </summary>
internal static class StoryLifecycle
{
    public static readonly TimeSpan Recent = TimeSpan.FromHours(12);

    public static readonly TimeSpan Window = TimeSpan.FromHours(72);

    public static StoryState StateOf(DateTimeOffset lastActivity, IReadOnlyList<ScorePoint> history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (now - lastActivity > Window)
        {
            return StoryState.Closed;
        }
        if (history.Count == 0)
        {
            return StoryState.Developing;
        }
        var since = now - Recent;
        var before = history.LastOrDefault(p => p.At < since);
        if (before is null)
        {
            return StoryState.Developing;
        }
        return history[^1].Outlets > before.Outlets ? StoryState.Developing : StoryState.Settled;
    }

    public static string Describe(StoryState state) => state switch
    {
        StoryState.Developing => "developing",
        StoryState.Settled => "settled",
        _ => "closed",
    };
}
