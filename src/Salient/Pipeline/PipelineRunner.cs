using Microsoft.Extensions.Logging;

namespace Salient.Pipeline;

/// <summary>Runs every registered stage until none has work left, or once per call of <see cref="RunOnceAsync"/>.</summary>
internal sealed partial class PipelineRunner(IEnumerable<IPipelineStage> stages, ILogger<PipelineRunner> logger)
{
    private readonly IReadOnlyList<IPipelineStage> _stages = stages.OrderBy(s => s.Order).ToList();

    public IReadOnlyList<IPipelineStage> Stages => _stages;

    /// <summary>Runs one batch of each stage in order; returns how many items were processed in all.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct, Action<IPipelineStage, int>? progress = null)
    {
        var total = 0;
        foreach (var stage in _stages)
        {
            ct.ThrowIfCancellationRequested();
            int n;
            try
            {
                n = await stage.RunBatchAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A stage's failure is logged and counted, and never stops the loop; the items stay pending.
                LogStageFailed(logger, stage.Name, e);
                continue;
            }
            total += n;
            progress?.Invoke(stage, n);
        }
        return total;
    }

    /// <summary>Runs stages until a full round processes nothing.</summary>
    public async Task<int> DrainAsync(CancellationToken ct, Action<IPipelineStage, int>? progress = null)
    {
        var total = 0;
        while (true)
        {
            var n = await RunOnceAsync(ct, progress).ConfigureAwait(false);
            total += n;
            if (n == 0)
            {
                return total;
            }
        }
    }

    public async Task<long> CountPendingAsync(CancellationToken ct)
    {
        long pending = 0;
        foreach (var stage in _stages)
        {
            pending += await stage.CountPendingAsync(ct).ConfigureAwait(false);
        }
        return pending;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Pipeline stage {Stage} failed; its items stay pending")]
    private static partial void LogStageFailed(ILogger logger, string stage, Exception exception);
}
