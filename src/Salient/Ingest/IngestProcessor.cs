using System.Diagnostics;
using Salient.Pipeline;
using Salient.Polling;
using Salient.Storage;

namespace Salient.Ingest;

/// <summary>What one pass of <c>ingest --once</c> did.</summary>
internal sealed record IngestSummary(
    int Sources,
    int Ok,
    int NotModified,
    int Failed,
    int NewArticles,
    int UpdatedArticles,
    IReadOnlyDictionary<string, int> ProcessedByStage,
    IReadOnlyDictionary<string, TimeSpan> TimeByStage,
    TimeSpan PollTime,
    IReadOnlyList<PollOutcome> Failures,
    long Pending,
    TimeSpan Elapsed);

/// <summary>Where a pass reports its progress (a progress bar on a terminal, nothing otherwise).</summary>
internal interface IIngestProgress
{
    void Polling(int sources);
    void Polled(PollOutcome outcome);
    void Stage(IPipelineStage stage, long pending);
    void Processed(IPipelineStage stage, int count);
}

/// <summary>
/// One full pass of ingestion, the order Salient's data flows in: poll every source once (feed items become
/// articles, deduplicated as they are stored), then run every pipeline stage (extract, and whatever later
/// stages exist) until nothing is pending.
/// </summary>
internal sealed class IngestProcessor(PollScheduler scheduler, PipelineRunner runner)
{
    public async Task<IngestSummary> RunOnceAsync(CancellationToken ct, IIngestProgress? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var outcomes = await scheduler.PollOnceAsync(ct, progress is null ? null : progress.Polled).ConfigureAwait(false);
        var pollTime = clock.Elapsed;
        var processed = new Dictionary<string, int>(StringComparer.Ordinal);
        var times = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        if (progress is not null)
        {
            foreach (var stage in runner.Stages)
            {
                progress.Stage(stage, await stage.CountPendingAsync(ct).ConfigureAwait(false));
            }
        }
        var tick = clock.Elapsed;
        await runner.DrainAsync(ct, (stage, n) =>
        {
            // The runner reports after each stage's batch, so the time since the last report is that batch's.
            var now = clock.Elapsed;
            times[stage.Name] = times.GetValueOrDefault(stage.Name) + (now - tick);
            tick = now;
            processed[stage.Name] = processed.GetValueOrDefault(stage.Name) + n;
            progress?.Processed(stage, n);
        }).ConfigureAwait(false);
        var pending = await runner.CountPendingAsync(ct).ConfigureAwait(false);
        return new IngestSummary(
            outcomes.Count,
            outcomes.Count(o => o.Status == PollStatuses.Ok),
            outcomes.Count(o => o.Status == PollStatuses.NotModified),
            outcomes.Count(o => o.Failed),
            outcomes.Sum(o => o.NewArticles),
            outcomes.Sum(o => o.UpdatedArticles),
            processed,
            times,
            pollTime,
            outcomes.Where(o => o.Failed).OrderBy(o => o.Source.Id).ToList(),
            pending,
            clock.Elapsed);
    }

    /// <summary>Runs every stage continuously (for <c>run</c>): a batch whenever there is work, a short sleep when there is none.</summary>
    public async Task RunStagesAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            int n;
            try
            {
                n = await runner.RunOnceAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            if (n == 0)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
