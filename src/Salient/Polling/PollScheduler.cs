using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Salient.Storage;

namespace Salient.Polling;

/// <summary>
/// Decides which sources to poll and when, and polls them side by side: a slow or failing source only ever
/// occupies its own slot, and sources are interleaved by host so one busy host never queues the others.
/// </summary>
internal sealed partial class PollScheduler(SourceStore sources, SourcePoller poller, PollingOptions options, TimeProvider clock, ILogger<PollScheduler> logger)
{
    private readonly string _owner = Pipeline.WorkLeases.Owner("poll");
    private readonly ConcurrentDictionary<long, Task> _inFlight = new();

    /// <summary>
    /// One pass for <c>ingest --once</c>: every enabled source, whatever its interval, except those whose server asked
    /// (Retry-After) not to be polled yet.
    /// </summary>
    public async Task<IReadOnlyList<PollOutcome>> PollOnceAsync(CancellationToken ct, Action<PollOutcome>? onPolled = null)
    {
        var now = clock.GetUtcNow();
        var all = await sources.ListAsync(ct).ConfigureAwait(false);
        var chosen = all.Where(s => s.Enabled && !(s.LastStatus == PollStatuses.Throttled && s.NextPollAt > now)).ToList();
        return await PollAsync(chosen, ct, onPolled).ConfigureAwait(false);
    }

    /// <summary>Polls the given sources, at most <see cref="PollingOptions.MaxConcurrentPolls"/> at a time; returns their outcomes in completion order.</summary>
    public async Task<IReadOnlyList<PollOutcome>> PollAsync(IReadOnlyList<Source> chosen, CancellationToken ct, Action<PollOutcome>? onPolled = null)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        var outcomes = new ConcurrentQueue<PollOutcome>();
        await Parallel.ForEachAsync(InterleaveByHost(chosen), new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentPolls, CancellationToken = ct },
            async (source, token) =>
            {
                var outcome = await PollOneAsync(source, token).ConfigureAwait(false);
                if (outcome is not null)
                {
                    outcomes.Enqueue(outcome);
                    onPolled?.Invoke(outcome);
                }
            }).ConfigureAwait(false);
        return outcomes.ToList();
    }

    /// <summary>Polls due sources until <paramref name="ct"/> is cancelled; each source on its own schedule.</summary>
    public async Task RunAsync(CancellationToken ct, Action<PollOutcome>? onPolled = null)
    {
        using var slots = new SemaphoreSlim(options.MaxConcurrentPolls);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var due = await sources.DueAsync(clock.GetUtcNow(), ct).ConfigureAwait(false);
                foreach (var source in InterleaveByHost(due))
                {
                    if (_inFlight.ContainsKey(source.Id))
                    {
                        continue;
                    }
                    await slots.WaitAsync(ct).ConfigureAwait(false);
                    _inFlight[source.Id] = Task.CompletedTask;
                    var task = Task.Run(async () =>
                    {
                        try
                        {
                            if (await PollOneAsync(source, ct).ConfigureAwait(false) is { } outcome)
                            {
                                onPolled?.Invoke(outcome);
                            }
                        }
                        finally
                        {
                            slots.Release();
                            _inFlight.TryRemove(source.Id, out _);
                        }
                    }, CancellationToken.None);
                    _inFlight.TryUpdate(source.Id, task, Task.CompletedTask);
                }
                var next = await sources.NextDueAsync(ct).ConfigureAwait(false);
                var wait = next is { } n ? n - clock.GetUtcNow() : TimeSpan.FromSeconds(30);
                wait = wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : wait;
                await Task.Delay(wait, clock, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database hiccup must not end polling; try again shortly.
                LogSchedulerFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(5), clock, ct).ConfigureAwait(false);
            }
        }
        // Drain: let polls in flight finish writing what they fetched.
        await Task.WhenAll(_inFlight.Values).ConfigureAwait(false);
    }

    private async Task<PollOutcome?> PollOneAsync(Source source, CancellationToken ct)
    {
        if (!await sources.TryLeaseAsync(source.Id, _owner, clock.GetUtcNow(), Pipeline.WorkLeases.Duration, ct).ConfigureAwait(false))
        {
            return null;
        }
        try
        {
            return await poller.PollAsync(source, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPollCrashed(logger, source.Id, source.Url, e);
            return new PollOutcome(source, PollStatuses.Error, $"poll failed: {e.Message}", 0, 0, 0, 0, TimeSpan.Zero);
        }
    }

    /// <summary>Orders sources round-robin across hosts, so concurrent polls spread over hosts before doubling up on one.</summary>
    internal static IEnumerable<Source> InterleaveByHost(IEnumerable<Source> list)
    {
        var queues = list.GroupBy(s => s.Host, StringComparer.OrdinalIgnoreCase).Select(g => new Queue<Source>(g)).ToList();
        while (queues.Count > 0)
        {
            for (var i = 0; i < queues.Count; i++)
            {
                yield return queues[i].Dequeue();
                if (queues[i].Count == 0)
                {
                    queues.RemoveAt(i--);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Poll of source {SourceId} {FeedUrl} crashed; it will be tried again when its lease ends")]
    private static partial void LogPollCrashed(ILogger logger, long sourceId, string feedUrl, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Poll scheduler failed to read due sources; retrying")]
    private static partial void LogSchedulerFailed(ILogger logger, Exception exception);
}
