using Salient.Bench;
using Salient.Bench.Workers;
using Salient.Ingest;
using Salient.Storage;
using Salient.Tests.Support;
using Salient.Workers;
using Xunit.Abstractions;

namespace Salient.Tests.Workers;

/// <summary>
/// Three <c>salient worker</c> processes share one PostgreSQL database over a local feed site; one is killed with SIGKILL at
/// random moments, twice, and replaced. Nothing may be lost or doubled, and the stories must match a single-process run.
/// </summary>
public sealed class WorkerFaultTests(ITestOutputHelper output)
{
    private const int Feeds = 20;
    private const int ItemsPerFeed = 10;

    [PostgresFact]
    public async Task Workers_killed_with_sigkill_lose_nothing_store_every_item_once_and_group_as_one_process_would()
    {
        await using var site = await LoopbackSite.StartAsync();
        var news = new SyntheticNewsSite(site.BaseUri, Feeds, ItemsPerFeed, seed: 23);
        foreach (var (path, (body, type)) in news.Files)
        {
            site.MapBytes(path, body, type);
        }
        using var dir = new TempDir();
        File.WriteAllText(dir.File("feeds.opml"), news.Opml(site.BaseUri));
        await using var shared = await TestDatabase.CreateAsync("postgres");
        await using var single = await TestDatabase.CreateAsync("postgres");

        var result = await WorkersCheck.RunAsync(new WorkersCheckOptions(shared.Target, dir.File("feeds.opml"), Processes: 3, Kills: 2, LeaseSeconds: 10,
            KillAfterMinSeconds: 2, KillAfterMaxSeconds: 12, Seed: Environment.TickCount, Timeout: TimeSpan.FromMinutes(20), ReferenceDb: single.Target,
            Log: output.WriteLine), CancellationToken.None);

        Assert.True(result.Drained, "the workers did not finish the work (a guard against a hang, 20 minutes)");
        Assert.Equal(2, result.Kills);
        Assert.Equal(Feeds * ItemsPerFeed, result.Articles);
        Assert.Equal(Feeds * ItemsPerFeed, result.DistinctUrls);
        Assert.Equal(Feeds * ItemsPerFeed, result.ExportedLines);
        Assert.Equal(Feeds * ItemsPerFeed, result.ExportedDistinctUrls);
        Assert.Equal(0, result.WithoutStory);
        Assert.Equal(0, result.StoriesReferencedMissing);
        await using (var conn = await shared.Database.OpenAsync(CancellationToken.None))
        {
            // Every feed item stored once, pointing at its article; no work left leased.
            Assert.Equal(Feeds * ItemsPerFeed, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM feed_items", CancellationToken.None));
            Assert.Equal(0, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM feed_items WHERE article_id IS NULL", CancellationToken.None));
            Assert.Equal(0, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles WHERE stage < 30", CancellationToken.None));
            Assert.Equal(0, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM sources WHERE last_polled_at IS NULL", CancellationToken.None));
        }
        Assert.NotNull(result.BCubedF1VersusSingleProcess);
        Assert.True(result.BCubedF1VersusSingleProcess >= 0.99, $"B-cubed F1 against a single-process run is {result.BCubedF1VersusSingleProcess:0.0000}");
    }

    [Fact]
    public void B_cubed_f1_is_one_for_the_same_partition_under_other_ids_and_lower_when_clusters_split()
    {
        var a = new Dictionary<string, long> { ["u1"] = 1, ["u2"] = 1, ["u3"] = 2, ["u4"] = 3 };
        var renamed = new Dictionary<string, long> { ["u1"] = 9, ["u2"] = 9, ["u3"] = 7, ["u4"] = 8 };
        var split = new Dictionary<string, long> { ["u1"] = 1, ["u2"] = 2, ["u3"] = 3, ["u4"] = 4 };
        Assert.Equal(1.0, WorkersCheck.BCubedF1(a, renamed), 6);
        Assert.True(WorkersCheck.BCubedF1(a, split) < 0.9);
        Assert.Equal(0.0, WorkersCheck.BCubedF1(a, new Dictionary<string, long>()));
    }
}
