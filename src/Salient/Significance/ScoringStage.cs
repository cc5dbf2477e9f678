using Microsoft.Extensions.Logging;
using Salient.Embeddings;
using Salient.Pipeline;
using Salient.Storage;

namespace Salient.Significance;

/// <summary>
/// Pipeline stage 40: scores every story that is new or has grown since it was last scored (version &gt;
/// scored_version) with the student. A story whose new version leaves what the student reads unchanged (its embedding
/// and coverage) keeps its score; nothing here reads the rest of the day, so a story costs the same on any day.
/// </summary>
internal sealed partial class ScoringStage(StoryStore store, SignificanceScorer scorer, TextEmbedder embedder, SignificanceOptions options,
    TimeProvider time, ILogger<ScoringStage> logger, Sections.SectionTagger? sections = null, SectionStore? sectionStore = null) : IPipelineStage
{
    private readonly string _owner = WorkLeases.Owner("score");

    public string Name => "score";

    public int Order => 40;

    public Task<long> CountPendingAsync(CancellationToken ct) => store.CountToScoreAsync(ct);

    public async Task<int> RunBatchAsync(CancellationToken ct)
    {
        var pending = await store.ClaimToScoreAsync(_owner, Math.Max(1, options.BatchSize), WorkLeases.Duration, ct).ConfigureAwait(false);
        if (pending.Count == 0)
        {
            return 0;
        }
        var missing = pending.Where(p => p.Embedding is null).ToList();
        var embedded = new Dictionary<long, float[]>();
        if (missing.Count > 0)
        {
            var vectors = embedder.Embed(missing.Select(p => EmbeddingText.Of(p.Title, p.Text)).ToList(), ct);
            for (var i = 0; i < missing.Count; i++)
            {
                embedded[missing[i].Id] = vectors[i];
            }
        }
        var done = 0;
        var looked = new List<long>(pending.Count);
        foreach (var story in pending)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                var vector = story.Embedding ?? embedded[story.Id];
                var inputs = StoryStore.ScoreInputs(vector, story.Coverage);
                if (story.HasScore && string.Equals(inputs, story.ScoredInputs, StringComparison.Ordinal))
                {
                    await store.KeepScoreAsync(story, ct).ConfigureAwait(false);
                    LogKept(story.Id, story.Version);
                    looked.Add(story.Id);
                    done++;
                    continue;
                }
                var scored = scorer.Score(vector, story.Coverage);
                if (await store.SaveScoreAsync(story, scored, time.GetUtcNow(), ct, inputs).ConfigureAwait(false))
                {
                    LogScored(story.Id, story.Version, scored.Score);
                    await TagSectionsAsync(story, vector, ct).ConfigureAwait(false);
                    looked.Add(story.Id);
                }
                done++;
            }
            catch (Exception e) when (e is not OperationCanceledException and not SalientException)
            {
                LogFailed(e, story.Id);
            }
        }
        await LinkThreadsAsync(looked, ct).ConfigureAwait(false);
        Monitoring.SalientMetrics.Scored(done);
        return done;
    }

    /// <summary>Files the batch's stories in the threads of their long-running topics (see <see cref="Stories.ThreadRule"/>).</summary>
    private async Task LinkThreadsAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        try
        {
            await store.LinkThreadsAsync(ids, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A story left out of its thread is linked when it is scored again; its score stands either way.
            LogThreadsFailed(e, ids.Count);
        }
    }

    /// <summary>Files the story under its desks and countries (see <see cref="Sections.SectionTagger"/>).</summary>
    private async Task TagSectionsAsync(PendingStory story, float[] vector, CancellationToken ct)
    {
        if (sections is null || sectionStore is null)
        {
            return;
        }
        var outlets = await sectionStore.OutletsAsync(story.Id, ct).ConfigureAwait(false);
        await sectionStore.SaveAsync(story.Id, sections.Tag(vector, story.Title, story.Text, outlets), ct).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scored story {StoryId} version {Version}: {Score}")]
    private partial void LogScored(long storyId, long version, double score);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Story {StoryId} version {Version} reads as before: score kept")]
    private partial void LogKept(long storyId, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Linking {Count} scored stories to their threads failed")]
    private partial void LogThreadsFailed(Exception e, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scoring story {StoryId} failed")]
    private partial void LogFailed(Exception e, long storyId);
}
