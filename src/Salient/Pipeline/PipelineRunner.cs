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
/// deduplicated as they are stored), and every registered stage (in <see cref="IPipelineStage.Order"/>) in a loop
/// of its own, all at once, each taking up what the stage before it has finished. Sources and batches are claimed under a lease, so any number of runners, in one process or many,
/// may share one database. A stage's failure is logged and never stops the loop; its items stay pending (claimed ones
/// are taken up again when their lease ends).
/// <list type="bullet">
/// <item><see cref="RunOnceAsync"/>: <c>ingest --once</c>, one poll of every source then rounds until nothing is pending.</item>
/// <item><see cref="RunAsync"/>: <c>run</c> and <c>worker</c>, polling due sources and running rounds until cancelled.</item>
/// </list>
/// </summary>
internal sealed partial class PipelineRunner(PollScheduler scheduler, IEnumerable<IPipelineStage> stages, Storage.Database db, TimeProvider clock, ILogger<PipelineRunner> logger)
{
    /// <summary>How long the continuous loop rests after a round that found nothing to do.</summary>
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);

    /// <summary>How long a stage of <c>ingest --once</c> waits for the stages before it when it finds nothing to do.</summary>
    private static readonly TimeSpan StageIdleWait = TimeSpan.FromMilliseconds(100);

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
        var renewing = RenewLeasesAsync(ct);
        var rounds = RunRoundsAsync(ct, measured is null ? null : (stage, n, elapsed) =>
        {
            if (n > 0)
            {
                measured(stage.Name, n, elapsed);
            }
        });
        try
        {
            await Task.WhenAll(polling, rounds, renewing).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Runs every stage at once, each in its own loop of batches, until all is done; returns how many items were
    /// processed in all. Stages hand work to each other through the store (an article's stage, a story's versions),
    /// so a stage takes up what the one before it finished while that one goes on: a day's wall time approaches its
    /// heaviest stage rather than the sum. A stage with nothing to do waits briefly and looks again; it is done when
    /// it finds nothing after every stage before it is done. Each stage claims at most one batch at a time, which
    /// bounds the work in flight; what waits in between waits in the store, so a slow stage holds back nothing but
    /// its own queue.
    /// </summary>
    public async Task<int> DrainAsync(CancellationToken ct, Action<IPipelineStage, int, TimeSpan>? progress = null)
    {
        var done = new bool[_stages.Count];
        var total = 0;
        var gate = new object();
        void Report(IPipelineStage stage, int n, TimeSpan elapsed)
        {
            lock (gate)
            {
                total += n;
                progress?.Invoke(stage, n, elapsed);
            }
        }
        using var stopRenewing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewing = RenewLeasesAsync(stopRenewing.Token);
        await Task.WhenAll(_stages.Select((stage, i) => Task.Run(async () =>
        {
            while (true)
            {
                // Read before the batch: when the stages before were done and this batch still found nothing, nothing more can come.
                var upstreamDone = i == 0 || Volatile.Read(ref done[i - 1]);
                var n = await RunStageBatchAsync(stage, ct, Report).ConfigureAwait(false);
                if (n > 0)
                {
                    continue;
                }
                if (upstreamDone)
                {
                    Volatile.Write(ref done[i], true);
                    return;
                }
                await Task.Delay(StageIdleWait, ct).ConfigureAwait(false);
            }
        }, ct))).ConfigureAwait(false);
        await stopRenewing.CancelAsync().ConfigureAwait(false);
        await renewing.ConfigureAwait(false);
        return total;
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

    /// <summary>Every stage in its own loop until cancelled, each resting a moment when it finds nothing to do.</summary>
    private Task RunRoundsAsync(CancellationToken ct, Action<IPipelineStage, int, TimeSpan>? progress) =>
        Task.WhenAll(_stages.Select(stage => Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                int n;
                try
                {
                    n = await RunStageBatchAsync(stage, ct, progress).ConfigureAwait(false);
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
        }, CancellationToken.None)));

    /// <summary>
    /// Renews this process's claims every <see cref="WorkLeases.RenewEvery"/> until cancelled, so a batch that runs
    /// longer than a lease keeps its items while a dead process's items are free within one lease.
    /// </summary>
    private async Task RenewLeasesAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(WorkLeases.RenewEvery, clock, ct).ConfigureAwait(false);
                await Storage.Leases.RenewAsync(db, clock, WorkLeases.ProcessTag, WorkLeases.Duration, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed renewal (the database briefly away) is tried again next time; claims may lapse meanwhile.
                LogRenewFailed(logger, e);
            }
        }
    }

    /// <summary>One batch of one stage; a failure is logged and counts as nothing done (its items stay pending).</summary>
    private async Task<int> RunStageBatchAsync(IPipelineStage stage, CancellationToken ct, Action<IPipelineStage, int, TimeSpan>? progress)
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
            return 0;
        }
        if (n > 0)
        {
            SalientMetrics.StageBatch(stage.Name, n, clock.Elapsed);
        }
        progress?.Invoke(stage, n, clock.Elapsed);
        return n;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing this process's work leases failed; trying again shortly")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pipeline stage {Stage} failed; its items stay pending, and claimed ones are taken up again when their lease ends")]
    private static partial void LogStageFailed(ILogger logger, string stage, Exception exception);
}
