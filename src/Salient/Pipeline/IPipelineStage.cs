namespace Salient.Pipeline;

/// <summary>
/// One stage of the pipeline after polling (extract, embed, group, score, write). A stage claims a batch of
/// pending work, does it and records how far each item got, so a crash or restart loses and repeats nothing.
/// Stages register themselves in their own <see cref="Cli.IServiceModule"/>; the runner orders them by <see cref="Order"/>.
/// </summary>
internal interface IPipelineStage
{
    /// <summary>Short name used in logs, progress and stats ("extract", "embed", ...).</summary>
    string Name { get; }

    /// <summary>Position in the pipeline; lower runs first.</summary>
    int Order { get; }

    /// <summary>How many items are waiting for this stage.</summary>
    Task<long> CountPendingAsync(CancellationToken ct);

    /// <summary>Processes up to one batch of pending items; returns how many were processed (0 when nothing was pending).</summary>
    Task<int> RunBatchAsync(CancellationToken ct);
}

/// <summary>How far an article has got through the pipeline (articles.stage). Gaps leave room for new stages.</summary>
internal static class ArticleStage
{
    /// <summary>Stored from a feed; its page is not fetched yet.</summary>
    public const int Discovered = 0;

    /// <summary>Text extracted from its page, or the feed's own content kept.</summary>
    public const int Extracted = 10;

    /// <summary>Embedding computed and stored.</summary>
    public const int Embedded = 20;

    /// <summary>Assigned to a story.</summary>
    public const int Grouped = 30;

    /// <summary>
    /// Its page is on an internal address the user never chose (see <see cref="Polling.NetworkPolicy"/>): nothing was
    /// fetched, the refusal is in <c>extract_error</c>, and the article goes no further — never embedded, grouped or shown.
    /// </summary>
    public const int Refused = 90;
}
