namespace Salient.Stories;

/// <summary>
/// Groups a finished list of articles and returns each article's final story, merges followed: through
/// <see cref="StoryAssigner"/> as the daemon groups them, in time order (ties keep input order), <see cref="DaemonBatch"/>
/// at a time (<see cref="StoryOptions.BatchAtOnce"/>) or one by one, or all at once
/// (<see cref="StoryOptions.AtOnce"/>, <see cref="StoryAssigner.GroupAtOnce"/>). Used by <c>cluster</c>, <c>eval
/// cluster</c> and <c>bench stories</c>.
/// </summary>
internal static class StreamClusterer
{
    /// <summary>The most articles the daemon's grouping stage takes at a time (<see cref="GroupStage"/>).</summary>
    public const int DaemonBatch = 256;

    /// <summary>Assigns articles (index i has time times[i]) and returns story ids by input index.</summary>
    public static long[] Run(StoryOptions options, IReadOnlyList<StoryArticle> articles) => Run(options, articles, null, out _);

    /// <summary>
    /// As <see cref="Run(StoryOptions, IReadOnlyList{StoryArticle})"/>, with <paramref name="embedBodies"/> for the body
    /// embedding of borderline joins (<see cref="StoryOptions.BodyVectorWeight"/>); <paramref name="bodyVectors"/> is how
    /// many articles' central sentences were embedded.
    /// </summary>
    public static long[] Run(StoryOptions options, IReadOnlyList<StoryArticle> articles, Func<IReadOnlyList<string>, float[][]>? embedBodies, out int bodyVectors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(articles);
        if (GroupsAtOnce(options, articles))
        {
            bodyVectors = 0;
            return new StoryAssigner(options).GroupAtOnce(articles);
        }
        var order = Enumerable.Range(0, articles.Count).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var c = articles[a].TimeMs.CompareTo(articles[b].TimeMs);
            return c != 0 ? c : a.CompareTo(b);
        });
        var assigner = new StoryAssigner(options, 1, embedBodies is null ? null : (texts, _) => embedBodies(texts));
        var story = new long[articles.Count];
        var redirect = new Dictionary<long, long>();
        var index = new Dictionary<long, int>();
        for (var i = 0; options.BatchAtOnce && i < articles.Count; i++)
        {
            if (!index.TryAdd(articles[i].Id, i))
            {
                throw new ArgumentException($"article id {articles[i].Id} is given twice; grouped in batches, every article needs its own", nameof(articles));
            }
        }
        // As the daemon reads them: batches of DaemonBatch in published order, each at once with the window
        // (StoryOptions.BatchAtOnce), or one by one.
        foreach (var chunk in order.Chunk(options.BatchAtOnce ? DaemonBatch : 1))
        {
            var made = options.BatchAtOnce ? assigner.AssignAtOnce(chunk.Select(i => articles[i]).ToList()) : [assigner.Assign(articles[chunk[0]])];
            foreach (var a in made)
            {
                // One by one, the article is the one given (ids may repeat); a batch tells its articles by id.
                story[options.BatchAtOnce ? index[a.ArticleId] : chunk[0]] = a.StoryId;
                foreach (var gone in a.Merged)
                {
                    redirect[gone] = a.StoryId;
                }
            }
        }
        for (var i = 0; i < story.Length; i++)
        {
            var s = story[i];
            while (redirect.TryGetValue(s, out var next))
            {
                s = next;
            }
            story[i] = s;
        }
        bodyVectors = assigner.BodyVectorsMade;
        return story;
    }

    /// <summary>
    /// Whether the articles are grouped all at once rather than as a stream (<see cref="StoryOptions.AtOnce"/>): 2 to
    /// <see cref="StoryAssigner.AtOnceMax"/> of them, timed or not, so that the order of the lines plays no part.
    /// </summary>
    public static bool GroupsAtOnce(StoryOptions options, IReadOnlyList<StoryArticle> articles) =>
        options.AtOnce && articles.Count > 1 && articles.Count <= StoryAssigner.AtOnceMax;
}
