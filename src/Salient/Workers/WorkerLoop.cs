using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Salient.Cli;
using Salient.Pipeline;
using Salient.Polling;

namespace Salient.Workers;

/// <summary>Where one worker's time went: items and seconds per stage ("poll" for polling).</summary>
internal sealed class WorkerTimings
{
    private readonly ConcurrentDictionary<string, (long Items, double Seconds)> _stages = new(StringComparer.Ordinal);

    public void Add(string stage, long items, TimeSpan elapsed) =>
        _stages.AddOrUpdate(stage, (items, elapsed.TotalSeconds), (_, v) => (v.Items + items, v.Seconds + elapsed.TotalSeconds));

    public IReadOnlyDictionary<string, (long Items, double Seconds)> Snapshot() => new Dictionary<string, (long, double)>(_stages, StringComparer.Ordinal);

    public void AddAll(WorkerTimings other)
    {
        foreach (var (k, v) in other.Snapshot())
        {
            _stages.AddOrUpdate(k, v, (_, old) => (old.Items + v.Items, old.Seconds + v.Seconds));
        }
    }
}

/// <summary>
/// One worker: polls due sources (each claimed under a lease) and runs every pipeline stage (each claims its batch
/// under a lease) until cancelled, then lets work in flight finish and save. Any number of workers, in one process
/// or many, on one machine or many, may share one PostgreSQL database.
/// </summary>
internal static partial class WorkerLoop
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(SalientApp app, CancellationToken ct, WorkerTimings? timings = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Get<ILogger<WorkerTimings>>();
        var polling = app.Get<PollScheduler>().RunAsync(ct, outcome => timings?.Add("poll", outcome.NewArticles, outcome.Duration));
        var stages = RunStagesAsync(app.Get<PipelineRunner>(), logger, timings, ct);
        try
        {
            await Task.WhenAll(polling, stages).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>Runs one batch of each stage in turn; sleeps a moment when a whole round found nothing to do.</summary>
    private static async Task RunStagesAsync(PipelineRunner runner, ILogger logger, WorkerTimings? timings, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var total = 0;
            foreach (var stage in runner.Stages)
            {
                if (ct.IsCancellationRequested)
                {
                    return;
                }
                var clock = Stopwatch.StartNew();
                try
                {
                    var n = await stage.RunBatchAsync(ct).ConfigureAwait(false);
                    total += n;
                    if (n > 0)
                    {
                        timings?.Add(stage.Name, n, clock.Elapsed);
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    // The stage's items stay claimed until their lease ends, then any worker takes them up again.
                    LogStageFailed(logger, stage.Name, e);
                }
            }
            if (total == 0)
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Stage {Stage} failed; its items are taken up again when their lease ends")]
    private static partial void LogStageFailed(ILogger logger, string stage, Exception exception);
}
