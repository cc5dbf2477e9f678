using Microsoft.Extensions.Logging;
using Salient.Pipeline;
using Salient.Storage;
using Salient.Web;

namespace Salient.Translation;

/// <summary>
/// The pipeline stage that translates the title and summary of each written story in another language than the
/// readers' (<c>Site:Language</c>), at most <see cref="TranslationOptions.BatchSize"/> a pass, in a loop of its own so it
/// never holds up grouping, scoring or writing. A story is translated again only when its text changes (by its written
/// version, and not even then when the text hashes the same). A failed or rejected attempt is recorded with its reason
/// and tried again after a backoff, at most <see cref="TranslationOptions.MaxAttempts"/> times per text; what is stored
/// (the original, and an earlier accepted translation) is never touched by a failure.
/// </summary>
internal sealed partial class TranslationStage(TranslationStore store, StoryTranslator translator, TranslationOptions options, SiteOptions site,
    TimeProvider time, ILogger<TranslationStage> logger) : IPipelineStage
{
    private readonly string _owner = WorkLeases.Owner("translate");

    public string Name => "translate";

    public int Order => 60;

    private DateTimeOffset Since => time.GetUtcNow().AddDays(-options.MaxAgeDays);

    public Task<long> CountPendingAsync(CancellationToken ct) => store.CountToTranslateAsync(site.Language, options.MaxAttempts, Since, ct);

    public async Task<int> RunBatchAsync(CancellationToken ct)
    {
        // The process renews its claims while it lives (Leases.RenewAsync), so a slow answer keeps its story.
        var stories = await store.ClaimAsync(_owner, WorkLeases.Duration, options.BatchSize, site.Language, options.MaxAttempts, Since, ct).ConfigureAwait(false);
        for (var i = 0; i < stories.Count; i++)
        {
            var story = stories[i];
            try
            {
                if (story.AcceptedHash == story.Hash && story.AcceptedLanguage == site.Language)
                {
                    await store.KeepAsync(story, ct).ConfigureAwait(false);
                    continue;
                }
                var attempt = await translator.TranslateAsync(story.Language, site.Language, story.Title, story.Summary, ct).ConfigureAwait(false);
                if (attempt.Status == TranslationAttempt.Translated)
                {
                    await store.SaveAsync(story, site.Language, attempt.Title!, attempt.Summary!, translator.Model, ct).ConfigureAwait(false);
                    LogTranslated(logger, story.Id, story.Language, site.Language);
                }
                else
                {
                    var failures = story.AttemptsOnThisText + 1;
                    var next = failures >= options.MaxAttempts ? (DateTimeOffset?)null : time.GetUtcNow() + options.Backoff(failures);
                    await store.RecordFailureAsync(story, attempt.Status, attempt.Problem ?? "unknown", next, ct).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped: this story and those not reached yet go back untouched, to be taken up again.
                foreach (var left in stories.Skip(i))
                {
                    await store.ReleaseAsync(left.Id, CancellationToken.None).ConfigureAwait(false);
                }
                throw;
            }
            catch (Exception e)
            {
                LogError(logger, story.Id, e);
                await store.ReleaseAsync(story.Id, CancellationToken.None).ConfigureAwait(false);
            }
        }
        return stories.Count;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Story {StoryId} translated from {From} into {To}")]
    private static partial void LogTranslated(ILogger logger, long storyId, string from, string to);

    [LoggerMessage(Level = LogLevel.Error, Message = "Translating story {StoryId} failed; it stays as it was")]
    private static partial void LogError(ILogger logger, long storyId, Exception exception);
}
