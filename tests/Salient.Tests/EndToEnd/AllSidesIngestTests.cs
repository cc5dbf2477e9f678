using Salient.Bench;
using Salient.Bench.Stories;
using Xunit.Abstractions;
using System.Text.Json;
using Salient.Cli;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.EndToEnd;

/// <summary>
/// The whole pipeline over 113 real outlets' feeds (856 articles from the shared AllSides data) and one
/// hostile feed, served from 127.0.0.1: import the OPML, run one pass, and check what is stored.
/// </summary>
public sealed class AllSidesIngestTests(ITestOutputHelper output)
{
    private const string AllSidesArticles = "allsides_neus/allsides_2021_articles.jsonl";

    [SharedDataFact(AllSidesArticles)]
    public async Task Importing_113_outlets_and_ingesting_once_stores_every_article_once_each_in_a_story()
    {
        var data = SharedData.Require(AllSidesArticles);
        var corpus = AllSidesLocalSite.Load(data);
        await using var site = await LoopbackSite.StartAsync();
        corpus.Serve(site);
        using var dir = new TempDir();
        File.WriteAllText(dir.File("outlets.opml"), corpus.Opml(site));
        var db = dir.File("salient.db");

        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "sources", "import", dir.File("outlets.opml")]));
        var started = DateTime.UtcNow;
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "ingest", "--once"]));
        output.WriteLine($"ingest --once took {(DateTime.UtcNow - started).TotalSeconds:0.0} s");

        var expected = corpus.Articles.Count + AllSidesLocalSite.HostileItems;
        var database = Database.Create(db);
        await using var conn = await database.OpenAsync(CancellationToken.None);
        Assert.Equal(expected, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles", CancellationToken.None));
        Assert.Equal(expected, await Sql.LongAsync(conn, null, "SELECT COUNT(DISTINCT canonical_url) FROM articles", CancellationToken.None));
        Assert.Equal(0, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles WHERE story_id IS NULL", CancellationToken.None));
        var stories = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM stories WHERE status <> 'merged'", CancellationToken.None);
        output.WriteLine($"{stories} stories from {expected} articles");
        Assert.InRange(stories, 100, expected);

        // Grouped through the whole pipeline, the real articles match their editors' stories about as well as
        // `eval cluster` measures on the same leads (B-cubed F1 0.93 there, with jittered times).
        var storyOf = (await Sql.QueryAsync(conn, null, "SELECT url, story_id FROM articles", r => (r.Str("url")!, r.Long("story_id")!.Value), CancellationToken.None))
            .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);
        var scores = ClusterScores.Measure(
            corpus.Articles.Select(a => storyOf[site.Url($"/a/{a.Id}.html")]).ToList(), corpus.Articles.Select(a => a.StoryId).ToList());
        output.WriteLine($"B-cubed P {scores.BcubedP:0.000} R {scores.BcubedR:0.000} F1 {scores.BcubedF1:0.000} in {scores.Clusters} stories against {scores.GoldClusters} gold stories");
        Assert.True(scores.BcubedF1 >= 0.85, $"B-cubed F1 {scores.BcubedF1:0.000} over the ingested articles");
        Assert.Equal(114, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM sources", CancellationToken.None));

        var second = DateTime.UtcNow;
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "ingest", "--once"]));
        Assert.Equal(expected, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles", CancellationToken.None));
        output.WriteLine($"second ingest --once took {(DateTime.UtcNow - second).TotalSeconds:0.0} s and stored nothing new");

        // The digest over what was just ingested: one message with one-click unsubscribe, then nothing more.
        await using var smtp = SmtpSink.Start();
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "subscribers", "add", "reader@example.test", "--confirmed", "--cadence", "weekly", "--threshold", "0"]));
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "digest", "--send", "--smtp", smtp.Url]));
        var message = await smtp.WaitForMessageAsync();
        Assert.NotNull(message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "digest", "--send", "--smtp", smtp.Url]));
        await Task.Delay(500);
        Assert.Single(smtp.Messages);
    }
}
