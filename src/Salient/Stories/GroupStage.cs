using Microsoft.Extensions.Logging;
using Salient.Embeddings;
using Salient.Pipeline;
using Salient.Storage;

namespace Salient.Stories;

/// <summary>
/// Pipeline stage "group": embedded articles join stories through one <see cref="StoryAssigner"/> that lives as long
/// as the process, one by one, or a batch at a time all at once with the live window
/// (<see cref="StoryOptions.BatchAtOnce"/>). Its window is rebuilt from the store at start and whenever another worker
/// has grouped articles since, so a restart continues from the stories as they were; one by one, it continues the
/// stream as if it had never stopped.
/// </summary>
internal sealed partial class GroupStage(StoryStore store, StoryOptions options, TimeProvider time, ILogger<GroupStage> logger, TextEmbedder? embedder = null) : IPipelineStage
{
    private const int BatchSize = StreamClusterer.DaemonBatch;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private StoryAssigner? _assigner;
    private string? _fingerprint;

    public string Name => "group";

    public int Order => 30;

    public Task<long> CountPendingAsync(CancellationToken ct) => store.CountAtStageAsync(ArticleStage.Embedded, ct);

    public async Task<int> RunBatchAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        // One worker groups at a time (see docs/scaling.md); another worker's batch waits for the next round.
        await using var groupLock = await store.TryLockGroupingAsync(ct).ConfigureAwait(false);
        if (groupLock is null)
        {
            _gate.Release();
            return 0;
        }
        try
        {
            var pending = await store.PendingGroupingAsync(BatchSize, options.LexicalChars, time.GetUtcNow().AddMinutes(-options.HoldMinutes), ct).ConfigureAwait(false);
            if (pending.Count == 0)
            {
                return 0;
            }
            var assigner = await AssignerAsync(ct).ConfigureAwait(false);
            try
            {
                var assignments = options.BatchAtOnce
                    ? assigner.AssignAtOnce(pending.Select(p => p.Article).ToList(), ct)
                    : pending.Select(p => assigner.Assign(p.Article, ct)).ToList();
                foreach (var a in assignments.Where(a => a.Merged.Count > 0))
                {
                    LogMerged(logger, a.StoryId, string.Join(',', a.Merged));
                }
                var live = assignments.Select(a => a.StoryId).Distinct()
                    .Select(id => new StoryStore.LiveFacts(id, assigner.Centroid(id), assigner.Representative(id))).ToList();
                await store.ApplyAsync(new StoryStore.GroupChanges(assignments, assigner.TakeClosed(), live), time.GetUtcNow(), ct).ConfigureAwait(false);
                _fingerprint = await store.GroupedFingerprintAsync(ct).ConfigureAwait(false);
            }
            catch
            {
                // The window in memory is ahead of the store now: rebuild it from the store next time.
                _assigner = null;
                throw;
            }
            return pending.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<StoryAssigner> AssignerAsync(CancellationToken ct)
    {
        var fingerprint = await store.GroupedFingerprintAsync(ct).ConfigureAwait(false);
        if (_assigner is not null && fingerprint == _fingerprint)
        {
            return _assigner;
        }
        // What this worker read from the texts of its window before stays true; only articles new to it are read.
        var known = _assigner?.Facts();
        var (members, next) = await store.LiveWindowAsync(options.WindowMs, options.LexicalChars, known, ct).ConfigureAwait(false);
        // The body embedding of borderline joins (off unless Stories:BodyVectorWeight is set) uses the model of the embed stage.
        var assigner = new StoryAssigner(options, next, embedder is null ? null : (texts, token) => embedder.Embed(texts, token));
        foreach (var story in members.GroupBy(m => m.StoryId!.Value))
        {
            assigner.Restore(story.Key, story.Select(m => m.Article));
        }
        assigner.NextStoryId = Math.Max(assigner.NextStoryId, next);
        LogRebuilt(logger, assigner.LiveStoryCount, assigner.LiveArticleCount);
        _assigner = assigner;
        _fingerprint = fingerprint;
        return assigner;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Story window rebuilt from the store: {Stories} live stories, {Articles} articles")]
    private static partial void LogRebuilt(ILogger logger, int stories, int articles);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stories {Merged} merged into story {StoryId}")]
    private static partial void LogMerged(ILogger logger, long storyId, string merged);
}
