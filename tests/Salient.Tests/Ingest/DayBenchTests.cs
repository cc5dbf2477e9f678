using Salient.Bench.Ingest;
using Salient.Tests.Support;

namespace Salient.Tests.Ingest;

/// <summary>The replayed news day that <c>bench day</c> serves: what its grouping is scored against.</summary>
public sealed class DayBenchTests
{
    [SharedDataFact("allsides_neus/neus_clusters.jsonl")]
    public void Every_article_of_the_day_carries_the_event_it_reports_and_the_day_is_the_same_each_time()
    {
        var folder = Path.GetDirectoryName(Path.GetDirectoryName(SharedData.Require("allsides_neus/neus_clusters.jsonl")))!;

        var day = DayBench.Compose(folder, 1500, 150);
        var again = DayBench.Compose(folder, 1500, 150);

        Assert.Equal(1500, day.Count);
        Assert.All(day, a => Assert.False(string.IsNullOrEmpty(a.Event), a.Key));
        // A NeuS event's three reports share their cluster; an AllSides story's reports their story; a headline is its own.
        var neus = day.Where(a => a.Key.StartsWith("neus_", StringComparison.Ordinal)).GroupBy(a => a.Key[..a.Key.LastIndexOf('-')]).First(g => g.Count() > 1);
        Assert.Single(neus.Select(a => a.Event).Distinct());
        Assert.Equal(neus.Key, neus.First().Event);
        Assert.True(day.Select(a => a.Event).Distinct().Count() > 400, "the day holds hundreds of events");
        Assert.Equal(day.Select(a => (a.Key, a.Event, a.Published)), again.Select(a => (a.Key, a.Event, a.Published)));
    }
}
