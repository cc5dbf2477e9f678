using Microsoft.Extensions.Logging;
using Salient.Pipeline;
using Salient.Storage;

namespace Salient.Writing;

/// <summary>
/// The pipeline stage that gives each story its title and summary, and rewrites them only when the story's
/// content changed materially (<see cref="IsMaterialChange"/>), or when it gained articles and was last written
/// <see cref="WritingOptions.RewriteAfterHours"/> ago (<see cref="IsDue"/>); a story that merely gained another article
/// from outlets already covering it keeps its text until then.
/// </summary>
internal sealed partial class WritingStage(StoryStore store, StoryWriter writer, WritingOptions options, TimeProvider time, ILogger<WritingStage> logger) : IPipelineStage
{
    private static TimeSpan Lease => WorkLeases.Duration;
    private readonly string _owner = WorkLeases.Owner("write");

    public string Name => "write";

    public int Order => 50;

    public Task<long> CountPendingAsync(CancellationToken ct) => store.CountToWriteAsync(ct);

    public async Task<int> RunBatchAsync(CancellationToken ct)
    {
        var stories = await store.ClaimToWriteAsync(_owner, Lease, options.BatchSize, ct).ConfigureAwait(false);
        foreach (var story in stories)
        {
            try
            {
                if (!IsMaterialChange(story) && !IsDue(story, time.GetUtcNow(), TimeSpan.FromHours(options.RewriteAfterHours)))
                {
                    await store.KeepWritingAsync(story, ct).ConfigureAwait(false);
                    continue;
                }
                var articles = await store.ArticlesToWriteAsync(story.Id, options.MaxArticles * 4, ct).ConfigureAwait(false);
                if (articles.Count == 0)
                {
                    await store.KeepWritingAsync(story, ct).ConfigureAwait(false);
                    continue;
                }
                var written = await writer.WriteAsync(articles.Select(a => a.Article).ToList(), ct).ConfigureAwait(false);
                await store.SaveWritingAsync(story, written, articles.Select(a => a.Id).ToList(), time.GetUtcNow(), ct).ConfigureAwait(false);
                LogWritten(logger, story.Id, story.Version, written.Method);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One story's failure never stops the batch; it stays pending and is tried again after its lease.
                LogFailed(logger, story.Id, e);
                await store.ReleaseWritingAsync(story.Id, CancellationToken.None).ConfigureAwait(false);
            }
        }
        return stories.Count;
    }

    /// <summary>
    /// Whether a story must be (re)written: it never was; or it gained an outlet (while it has fewer than five,
    /// or the outlets grew by a quarter); or its article count grew by half; or its representative article changed.
    /// </summary>
    public static bool IsMaterialChange(StoryStore.StoryState s)
    {
        if (!s.HasTitle || s.WrittenArticleCount is not { } articles || s.WrittenOutletCount is not { } outlets)
        {
            return true;
        }
        if (s.OutletCount > outlets && (outlets < 5 || s.OutletCount >= outlets * 1.25))
        {
            return true;
        }
        if (s.ArticleCount >= articles * 1.5)
        {
            return true;
        }
        return s.RepresentativeArticleId is { } rep && rep != s.WrittenRepresentativeArticleId;
    }

    /// <summary>
    /// Whether a story that gained articles since it was last written, without a material change, is due to be
    /// written again because <paramref name="after"/> has passed since: a story that keeps growing slowly for days is
    /// rewritten from its newest reports at least that often, not only once half again as many articles have come.
    /// </summary>
    public static bool IsDue(StoryStore.StoryState s, DateTimeOffset now, TimeSpan after) =>
        s.WrittenAt is { } at && s.WrittenArticleCount is { } articles && s.ArticleCount > articles && now - at >= after;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Story {StoryId} written at version {Version} ({Method})")]
    private static partial void LogWritten(ILogger logger, long storyId, int version, string method);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing story {StoryId} failed; it stays pending")]
    private static partial void LogFailed(ILogger logger, long storyId, Exception exception);
}
