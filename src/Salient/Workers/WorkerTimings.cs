using System.Collections.Concurrent;

namespace Salient.Workers;

/// <summary>Where one worker's time went: items and seconds per stage ("poll" for polling).</summary>
internal sealed class WorkerTimings
{
    private readonly ConcurrentDictionary<string, (long Items, double Seconds)> _stages = new(StringComparer.Ordinal);

    /// <summary>Adds a poll or a batch; fits <see cref="Pipeline.PipelineRunner.RunAsync"/>.</summary>
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
