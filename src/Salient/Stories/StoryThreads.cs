using System.Numerics.Tensors;

namespace Salient.Stories;

/// <summary>
/// What the thread rule knows of a story: its unit centroid, when its articles ran, the terms of its titles (its own and
/// its representative article's) and the thread it is in (null: none yet).
/// </summary>
internal sealed record ThreadProfile(long Id, float[] Unit, long FirstPublished, long LastPublished, TermBag Terms, long? ThreadId)
{
    /// <summary>A profile from a story's row; null when its centroid is missing, of another size, or zero.</summary>
    public static ThreadProfile? Of(long id, float[]? centroid, long firstPublished, long lastPublished, string? title, string? repTitle, long? threadId)
    {
        if (centroid is null || centroid.Length == 0)
        {
            return null;
        }
        var norm = TensorPrimitives.Norm(centroid);
        if (norm == 0 || !float.IsFinite(norm))
        {
            return null;
        }
        var unit = new float[centroid.Length];
        TensorPrimitives.Divide(centroid, norm, unit);
        return new ThreadProfile(id, unit, firstPublished, Math.Max(firstPublished, lastPublished), TitleTerms(title, repTitle), threadId);
    }

    /// <summary>The terms of a story's title and its representative article's title, as grouping reads a title.</summary>
    public static TermBag TitleTerms(string? title, string? repTitle)
    {
        var heading = string.Equals(title, repTitle, StringComparison.Ordinal) || string.IsNullOrWhiteSpace(repTitle) ? title ?? "" : $"{title}\n{repTitle}";
        return StoryText.Terms(heading, null, 0);
    }
}

/// <summary>The thread rule's settings; <see cref="Default"/> is what the pipeline uses, the others are for measuring.</summary>
internal sealed record ThreadSettings(double MinSimilarity = ThreadRule.MinSimilarity, double MinLexical = ThreadRule.MinLexical, long HorizonMs = ThreadRule.HorizonMs)
{
    public static readonly ThreadSettings Default = new();
}

/// <summary>
/// Threads: a long-running topic (a war, a campaign, a trial) outlives the 72 hours a story takes articles, so its
/// successive stories are linked into one thread. Two stories are linked when
/// <list type="number">
/// <item>their articles run at most <see cref="HorizonMs"/> (30 days) apart;</item>
/// <item>their centroids lie near: cosine at least <see cref="MinSimilarity"/>;</item>
/// <item>their titles share rare names and places: the IDF-weighted term cosine of "More on this topic"
/// (<see cref="RelatedRule.Lexical"/>) over their titles alone at least <see cref="MinLexical"/>.</item>
/// </list>
/// A thread is the transitive chain of links. Its id is the id of a story in it; when a link joins two threads the
/// older id (the smaller: story ids grow with time) wins and every story of the other moves to it.
/// </summary>
internal static class ThreadRule
{
    public const long HorizonMs = 30 * 86_400_000L;
    public const double MinSimilarity = 0.5;
    public const double MinLexical = 0.2;

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are linked by the rule.</summary>
    public static bool Links(ThreadProfile a, ThreadProfile b, TermCounts counts, ThreadSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(counts);
        var rule = settings ?? ThreadSettings.Default;
        if (a.Id == b.Id || a.Unit.Length != b.Unit.Length || Gap(a, b) > rule.HorizonMs)
        {
            return false;
        }
        return TensorPrimitives.Dot(a.Unit, b.Unit) >= rule.MinSimilarity && RelatedRule.Lexical(a.Terms, b.Terms, counts) >= rule.MinLexical;
    }

    /// <summary>True when the titles alone could link the two: the cheap test that decides whose centroids are read.</summary>
    public static bool SharesNames(TermBag a, TermBag b, TermCounts counts, ThreadSettings? settings = null) =>
        RelatedRule.Lexical(a, b, counts) >= (settings ?? ThreadSettings.Default).MinLexical;

    /// <summary>Milliseconds between the two stories' runs of articles; 0 when they overlap.</summary>
    public static long Gap(ThreadProfile a, ThreadProfile b) =>
        Math.Max(0, Math.Max(a.FirstPublished - b.LastPublished, b.FirstPublished - a.LastPublished));

    /// <summary>
    /// The thread <paramref name="story"/> is in once linked to <paramref name="linked"/>: the oldest (smallest) of their
    /// thread ids, a story with no thread counting by its own id; null when nothing is linked and it had no thread.
    /// </summary>
    public static long? ThreadOf(ThreadProfile story, IReadOnlyCollection<ThreadProfile> linked)
    {
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(linked);
        if (linked.Count == 0)
        {
            return story.ThreadId;
        }
        return linked.Append(story).Min(p => p.ThreadId ?? p.Id);
    }

    /// <summary>
    /// Threads of a whole set of stories at once (the evaluation's replay): each story linked to every earlier one the
    /// rule links it to, in order of first article; returns the thread of each story id.
    /// </summary>
    public static Dictionary<long, long> Replay(IReadOnlyList<ThreadProfile> stories, TermCounts counts, ThreadSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(stories);
        var parent = stories.ToDictionary(s => s.Id, s => s.Id);
        long Find(long x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }
        var ordered = stories.OrderBy(s => s.FirstPublished).ThenBy(s => s.Id).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (Links(ordered[i], ordered[j], counts, settings))
                {
                    var (x, y) = (Find(ordered[i].Id), Find(ordered[j].Id));
                    if (x != y)
                    {
                        parent[Math.Max(x, y)] = Math.Min(x, y);
                    }
                }
            }
        }
        return stories.ToDictionary(s => s.Id, s => Find(s.Id));
    }
}
