using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Salient.Monitoring;
using Salient.Polling;

namespace Salient.Pipeline;

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
/// The one loop of Salient's work, in the order its data flows: poll sources (feed items become articles,
/// deduplicated as they are stored), then run every registered stage in <see cref="IPipelineStage.Order"/>, one batch
/// of each per round. Sources and batches are claimed under a lease, so any number of runners, in one process or many,
/// may share one database. A stage's failure is logged and never stops the loop; its items stay pending (claimed ones
/// are taken up again when their lease ends).
/// <list type="bullet">
/// <item><see cref="RunOnceAsync"/>: <c>ingest --once</c>, one poll of every source then rounds until nothing is pending.</item>
/// <item><see cref="RunAsync"/>: <c>run</c> and <c>worker</c>, polling due sources and running rounds until cancelled.</item>
/// </list>
/// </summary>
internal sealed partial class PipelineRunner(PollScheduler scheduler, IEnumerable<IPipelineStage> stages, ILogger<PipelineRunner> logger)
{
    /// <summary>How long the continuous loop rests after a round that found nothing to do.</summary>
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);

    private readonly IReadOnlyList<IPipelineStage> _stages = stages.OrderBy(s => s.Order).ToList();

    public IReadOnlyList<IPipelineStage> Stages => _stages;

    /// <summary>One full pass: polls every source once, then runs rounds until one processes nothing; says what was done.</summary>
    public async Task<IngestSummary> RunOnceAsync(CancellationToken ct, IIngestProgress? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var outcomes = await scheduler.PollOnceAsync(ct, outcome =>
        {
            SalientMetrics.Polled(outcome);
            progress?.Polled(outcome);
        }).ConfigureAwait(false);
        var pollTime = clock.Elapsed;
        var processed = new Dictionary<string, int>(StringComparer.Ordinal);
        var times = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        if (progress is not null)
        {
            foreach (var stage in _stages)
            {
                progress.Stage(stage, await stage.CountPendingAsync(ct).ConfigureAwait(false));
            }
        }
        await DrainAsync(ct, (stage, n, elapsed) =>
        {
            times[stage.Name] = times.GetValueOrDefault(stage.Name) + elapsed;
            processed[stage.Name] = processed.GetValueOrDefault(stage.Name) + n;
            progress?.Processed(stage, n);
        }).ConfigureAwait(false);
        var pending = await CountPendingAsync(ct).ConfigureAwait(false);
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

    /// <summary>
    /// Polls due sources and runs rounds until cancelled (resting a moment after a round with nothing to do), then lets
    /// work in flight finish and save. <paramref name="measured"/> hears each poll ("poll", new articles) and each batch
    /// that did something (stage name, items), with the time it took.
    /// </summary>
    public async Task RunAsync(CancellationToken ct, Action<string, long, TimeSpan>? measured = null)
    {
        var polling = scheduler.RunAsync(ct, outcome =>
        {
            SalientMetrics.Polled(outcome);
            measured?.Invoke("poll", outcome.NewArticles, outcome.Duration);
        });
        var rounds = RunRoundsAsync(ct, measured is null ? null : (stage, n, elapsed) =>
        {
            if (n > 0)
            {
                measured(stage.Name, n, elapsed);
            }
        });
        try
        {
            await Task.WhenAll(polling, rounds).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>Runs rounds until one processes nothing; returns how many items were processed in all.</summary>
    public async Task<int> DrainAsync(CancellationToken ct, Action<IPipelineStage, int, TimeSpan>? progress = null)
    {
        var total = 0;
        while (true)
        {
            var n = await RunRoundAsync(ct, progress).ConfigureAwait(false);
            total += n;
            if (n == 0)
            {
                return total;
            }
        }
    }

    /// <summary>Pending items of every stage, across all runners sharing the database (items claimed but not finished count).</summary>
    public async Task<long> CountPendingAsync(CancellationToken ct)
    {
        long pending = 0;
        foreach (var stage in _stages)
        {
            pending += await stage.CountPendingAsync(ct).ConfigureAwait(false);
        }
        return pending;
    }

    private async Task RunRoundsAsync(CancellationToken ct, Action<IPipelineStage, int, TimeSpan>? progress)
    {
        while (!ct.IsCancellationRequested)
        {
            int n;
            try
            {
                n = await RunRoundAsync(ct, progress).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            if (n == 0)
            {
                try
                {
                    await Task.Delay(IdleWait, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Runs one batch of each stage in order; returns how many items were processed in all.</summary>
    private async Task<int> RunRoundAsync(CancellationToken ct, Action<IPipelineStage, int, TimeSpan>? progress)
    {
        var total = 0;
        foreach (var stage in _stages)
        {
            ct.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            int n;
            try
            {
                n = await stage.RunBatchAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogStageFailed(logger, stage.Name, e);
                SalientMetrics.StageFailed(stage.Name);
                continue;
            }
            if (n > 0)
            {
                SalientMetrics.StageBatch(stage.Name, n, clock.Elapsed);
            }
            total += n;
            progress?.Invoke(stage, n, clock.Elapsed);
        }
        return total;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Pipeline stage {Stage} failed; its items stay pending, and claimed ones are taken up again when their lease ends")]
    private static partial void LogStageFailed(ILogger logger, string stage, Exception exception);
}
