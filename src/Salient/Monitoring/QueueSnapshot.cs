using System.Diagnostics.Metrics;
using Salient.Storage;

namespace Salient.Monitoring;

/// <summary>
/// The pipeline's queues as last read from the store, for the gauges of <see cref="SalientMetrics"/> (an observable
/// gauge is read synchronously, so the store is read before the scrape, not in it). One per process, as the meter is.
/// </summary>
internal sealed record QueueSnapshot(IReadOnlyList<StatsStore.Queue> Queues, IReadOnlyList<(long Stage, long Count)> Articles, DateTimeOffset At)
{
    private static QueueSnapshot _current = new([], [], DateTimeOffset.MinValue);

    public static QueueSnapshot Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }

    public IEnumerable<Measurement<double>> Measure(Func<(long Depth, TimeSpan? OldestAge), double> value) =>
        Queues.Select(q => new Measurement<double>(value((q.Depth, q.OldestSince is { } since ? At - since : null)), new KeyValuePair<string, object?>("stage", q.Stage)));

    public IEnumerable<Measurement<long>> ArticlesByStage() =>
        Articles.Select(a => new Measurement<long>(a.Count, new KeyValuePair<string, object?>("stage", StageName(a.Stage))));

    private static string StageName(long stage) => stage switch
    {
        0 => "discovered",
        10 => "extracted",
        20 => "embedded",
        30 => "grouped",
        _ => stage.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
