using Salient.Stories;

namespace Salient.Tests.Support;

/// <summary>What grouping tests compare: stories as sets of article ids, and every order of a few articles.</summary>
internal static class StoryPartitions
{
    /// <summary>Stories as sets of article ids, whatever their numbers: "1,2,3 | 4".</summary>
    public static string Of(IReadOnlyList<StoryArticle> articles, long[] stories) =>
        string.Join(" | ", articles.Select((a, i) => (a.Id, Story: stories[i])).GroupBy(p => p.Story)
            .Select(g => string.Join(",", g.Select(p => p.Id).Order())).Order(StringComparer.Ordinal));

    /// <summary>Every order of the items.</summary>
    public static IEnumerable<T[]> Orders<T>(T[] items) =>
        items.Length <= 1 ? [items] : items.SelectMany((x, i) => Orders(items.Where((_, j) => j != i).ToArray()).Select(rest => (T[])[x, .. rest]));
}
