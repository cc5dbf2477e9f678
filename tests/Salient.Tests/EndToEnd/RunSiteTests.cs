using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Salient.Bench;
using Salient.Cli;
using Salient.Tests.Support;
using Xunit.Abstractions;

namespace Salient.Tests.EndToEnd;

/// <summary>
/// What an operator does on day one: import 113 real outlets' feeds (plus one hostile feed) served from 127.0.0.1,
/// start <c>salient run</c>, and read the site while it polls, groups and scores.
/// </summary>
public sealed partial class RunSiteTests(ITestOutputHelper output)
{
    private const string AllSidesArticles = "allsides_neus/allsides_2021_articles.jsonl";

    /// <summary>A guard against a run that hangs, not a speed target: how fast a day is served is measured by <c>bench ingest</c>.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(40);

    [SharedDataFact(AllSidesArticles)]
    public async Task Salient_run_over_113_outlets_serves_at_least_100_stories_and_no_hostile_markup()
    {
        var data = SharedData.Require(AllSidesArticles);
        var corpus = AllSidesLocalSite.Load(data);
        await using var feeds = await LoopbackSite.StartAsync();
        corpus.Serve(feeds);
        using var dir = new TempDir();
        File.WriteAllText(dir.File("outlets.opml"), corpus.Opml(feeds));
        var db = dir.File("salient.db");
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "sources", "import", dir.File("outlets.opml")]));

        var site = $"http://127.0.0.1:{FreePort()}";
        using var stop = new CancellationTokenSource(Deadline + TimeSpan.FromMinutes(2));
        var started = DateTime.UtcNow;
        var run = Task.Run(() => SalientCli.RunAsync(["--db", db, "run", "--urls", site], stop.Token));
        using var http = new HttpClient { BaseAddress = new Uri(site), Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            // The API comes to list at least 100 stories.
            JsonElement stories = default;
            while (true)
            {
                if (run.IsCompleted)
                {
                    Assert.Fail($"salient run stopped early with exit code {await run}");
                }
                if (DateTime.UtcNow - started > Deadline)
                {
                    Assert.Fail($"fewer than 100 stories after {Deadline.TotalMinutes} minutes: {(stories.ValueKind == JsonValueKind.Array ? stories.GetArrayLength() : 0)}");
                }
                await Task.Delay(TimeSpan.FromSeconds(3));
                try
                {
                    stories = JsonDocument.Parse(await http.GetStringAsync("/api/stories?min_score=0&limit=1000")).RootElement.Clone();
                }
                catch (HttpRequestException)
                {
                    continue; // the site is still starting
                }
                if (stories.GetArrayLength() >= 100)
                {
                    break;
                }
            }
            output.WriteLine($"{stories.GetArrayLength()} stories listed after {(DateTime.UtcNow - started).TotalSeconds:0} s");

            // The story page states the rank and the number analysed.
            var first = stories.EnumerateArray().First(s => s.GetProperty("score").ValueKind == JsonValueKind.Number);
            var page = await GetPageAsync(http, $"/story/{first.GetProperty("id").GetInt64()}");
            Assert.Matches(RankSentence(), page);

            // A search for a word in the news finds it.
            var searched = await GetPageAsync(http, "/search?q=Biden");
            Assert.Contains("Biden", searched, StringComparison.Ordinal);
            Assert.Contains("/story/", searched, StringComparison.Ordinal);

            // /feed.xml is RSS with items.
            var rss = await http.GetStringAsync("/feed.xml?min_score=0");
            Assert.Contains("<rss", rss, StringComparison.Ordinal);
            Assert.Contains("<item>", rss, StringComparison.Ordinal);

            // No hostile markup reaches any page: the hostile outlet's stories (the newest, so grouped last), lists, search and feeds.
            List<long> hostile;
            while (true)
            {
                stories = JsonDocument.Parse(await http.GetStringAsync("/api/stories?min_score=0&limit=1000")).RootElement.Clone();
                hostile = stories.EnumerateArray()
                    .Where(s => s.GetProperty("outlets").EnumerateArray().Any(o => o.GetString()!.Contains("Hostile", StringComparison.Ordinal)))
                    .Select(s => s.GetProperty("id").GetInt64()).ToList();
                if (hostile.Count > 0)
                {
                    break;
                }
                Assert.True(DateTime.UtcNow - started < Deadline, $"the hostile outlet's items had no story after {Deadline.TotalMinutes} minutes");
                await Task.Delay(TimeSpan.FromSeconds(3));
            }
            output.WriteLine($"the hostile outlet's {hostile.Count} stories listed after {(DateTime.UtcNow - started).TotalSeconds:0} s");
            var paths = hostile.Select(id => $"/story/{id}").Concat(["/?min_score=0", "/search?q=Senate", "/search?q=Storm", "/search?q=Markets",
                "/feed.xml?min_score=0", "/feed.atom?min_score=0", "/feed.json?min_score=0", "/api/stories?min_score=0&limit=1000", "/api/articles?q=Senate", "/api/sources"]);
            foreach (var path in paths)
            {
                // The site's own drawings (the score's sparkline, drawn on the server from numbers) are not feed markup.
                var body = OwnFigures().Replace(await http.GetStringAsync(path), "");
                foreach (var marker in AllSidesLocalSite.HostileMarkers.Concat(["onerror=", "onclick=", "onload=", "onmouseover=", "<iframe", "<svg", "javascript:"]))
                {
                    Assert.False(body.Contains(marker, StringComparison.OrdinalIgnoreCase), $"{path} contains '{marker}'");
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            var code = await run;
            output.WriteLine($"salient run stopped with exit code {code}");
        }
    }

    [GeneratedRegex("<figure class=\"(history|chart)\"><svg [^>]*>(<(line|polyline|circle|rect) [^<>]*/?>(<title>[^<>]*</title></(circle|rect)>)?)*</svg>", RegexOptions.Singleline)]
    private static partial Regex OwnFigures();

    private static async Task<string> GetPageAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"With a significance score of [0-9.]+, (this news ranks in the top [0-9]+% of|no other news scores higher among|this news is not among the most significant: [0-9,]+ of) (today|that day)'s [0-9,]+ analyzed articles?")]
    private static partial Regex RankSentence();
}
