using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Salient.Cli;
using Salient.Extraction;
using Salient.Feeds;
using Salient.Ingest;
using Salient.Pipeline;
using Salient.Polling;
using Salient.Storage;

namespace Salient.Bench.Ingest;

/// <summary>
/// <c>salient bench ingest</c>: throughput and memory of Salient's feed and page path over a corpus served from
/// 127.0.0.1, next to CodeHollow.FeedReader and SmartReader used plainly on the same corpus in the same run,
/// and one end-to-end <c>ingest --once</c> over a site of many feeds on one host.
/// </summary>
internal static class IngestBench
{
    /// <summary>The <c>bench</c> subcommand.</summary>
    public static Command Command()
    {
        var feeds = new Option<int>("--feeds") { Description = "Feeds in the generated corpus.", DefaultValueFactory = _ => 300 };
        var items = new Option<int>("--items") { Description = "Items per generated feed.", DefaultValueFactory = _ => 20 };
        var pages = new Option<string?>("--pages") { Description = "Folder of real pages (each NAME/source.html); default ../shared/data/readability-pages when found." };
        var seconds = new Option<int>("--seconds") { Description = "Time budget of each measured phase.", DefaultValueFactory = _ => 5 };
        var e2eFeeds = new Option<int>("--e2e-feeds") { Description = "Feeds of the end-to-end ingest --once run (0 skips it).", DefaultValueFactory = _ => 113 };
        var e2eArticles = new Option<int>("--e2e-articles") { Description = "Article pages of the end-to-end run.", DefaultValueFactory = _ => 856 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var cmd = new Command("ingest", "Measure feeds parsed and pages extracted per second and peak memory, against CodeHollow.FeedReader and SmartReader used plainly.")
        {
            feeds, items, pages, seconds, e2eFeeds, e2eArticles, json,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(feeds);
            var perFeed = parse.GetValue(items);
            var budget = TimeSpan.FromSeconds(parse.GetValue(seconds));
            if (n < 1 || perFeed < 1 || budget <= TimeSpan.Zero)
            {
                throw new UsageException("--feeds, --items and --seconds must be at least 1");
            }
            var report = await RunAsync(n, perFeed, parse.GetValue(pages) ?? FindSharedPages(), budget, parse.GetValue(e2eFeeds), parse.GetValue(e2eArticles), ct)
                .ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
            }
            else
            {
                Print(report);
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    internal sealed record Phase(string Name, int Items, double Seconds, double PerSecond, double PeakWorkingSetMb, double AllocatedMb, int Failed);

    internal sealed record Report(string Corpus, IReadOnlyList<Phase> Phases, double FeedRatio, double PageRatio, string? EndToEnd, double ProcessPeakMb);

    private static async Task<Report> RunAsync(int feeds, int perFeed, string? pagesDir, TimeSpan budget, int e2eFeeds, int e2eArticles, CancellationToken ct)
    {
        await using var server = await LoopbackSite.StartAsync(recordRequests: false).ConfigureAwait(false);
        var site = new SyntheticNewsSite(server.BaseUri, feeds, perFeed, seed: 42);
        server.Add(site.Files);
        var feedUrls = site.FeedPaths.Select(p => new Uri(server.BaseUri, p.TrimStart('/'))).ToList();
        var pageUrls = new List<Uri>();
        var corpus = $"{feeds} generated feeds ({feeds * perFeed} items, RSS 2.0 / Atom / RSS 1.0)";
        if (pagesDir is not null && Directory.Exists(pagesDir))
        {
            foreach (var dir in Directory.GetDirectories(pagesDir).Order(StringComparer.Ordinal))
            {
                var file = Path.Combine(dir, "source.html");
                if (File.Exists(file))
                {
                    var path = $"/real/{Path.GetFileName(dir)}.html";
                    server.Add(path, await File.ReadAllBytesAsync(file, ct).ConfigureAwait(false), "text/html");
                    pageUrls.Add(new Uri(server.BaseUri, path.TrimStart('/')));
                }
            }
            corpus += $"; {pageUrls.Count} real pages from {pagesDir}";
        }
        if (pageUrls.Count == 0)
        {
            pageUrls.AddRange(site.PagePaths.Take(400).Select(p => new Uri(server.BaseUri, p.TrimStart('/'))));
            corpus += $"; {pageUrls.Count} generated pages";
        }

        var options = new PollingOptions();
        using var fetcher = new HttpFetcher(options, TimeProvider.System);
        using var plainClient = new HttpClient();
        var parser = new FeedParser();
        var extractor = new ArticleExtractor();
        var ingestOptions = new IngestOptions();
        var stage = new ExtractStage(null!, fetcher, extractor, ingestOptions, Microsoft.Extensions.Logging.Abstractions.NullLogger<ExtractStage>.Instance);
        var workers = Math.Max(2, Environment.ProcessorCount);

        // Warm up both paths (JIT, connections) so neither pays for starting first.
        await Measure("warm-up", feedUrls, 2, TimeSpan.Zero, async u => parser.Parse((await fetcher.GetAsync(u, u, SourcePoller.FeedAccept, null, ct).ConfigureAwait(false)).Body, null, u), ct, count: 10).ConfigureAwait(false);
        await Measure("warm-up", feedUrls, 2, TimeSpan.Zero, async u => await CodeHollow.FeedReader.FeedReader.ReadAsync(u.AbsoluteUri, ct).ConfigureAwait(false), ct, count: 10).ConfigureAwait(false);

        await Measure("warm-up", pageUrls, workers, TimeSpan.Zero,
            async u => new SmartReader.Reader(u.AbsoluteUri, await plainClient.GetStringAsync(u, ct).ConfigureAwait(false)).GetArticle(), ct, count: 4).ConfigureAwait(false);
        await Measure("warm-up", pageUrls, workers, TimeSpan.Zero,
            async u => await stage.ExtractAsync(new ArticleToExtract(0, null, u.AbsoluteUri, "t", null, null, null, 0),
                await fetcher.GetAsync(u, u, ExtractStage.PageAccept, null, ct).ConfigureAwait(false)).ConfigureAwait(false), ct, count: 4).ConfigureAwait(false);

        // The plain libraries run first within the budget; Salient then does exactly the same items.
        var plainFeeds = await Measure("feeds: CodeHollow.FeedReader plainly (ReadAsync)", feedUrls, 2, budget,
            async u => await CodeHollow.FeedReader.FeedReader.ReadAsync(u.AbsoluteUri, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        var ourFeeds = await Measure("feeds: Salient (HttpFetcher + FeedParser)", feedUrls, 2, budget, async u =>
        {
            var r = await fetcher.GetAsync(u, u, SourcePoller.FeedAccept, null, ct).ConfigureAwait(false);
            return r.IsOk ? parser.Parse(r.Body, r.ContentType, r.FinalUrl) : throw new InvalidOperationException(r.Error);
        }, ct, count: plainFeeds.Items + plainFeeds.Failed).ConfigureAwait(false);
        var plainPages = await Measure("pages: SmartReader plainly (HttpClient + Reader)", pageUrls, workers, budget, async u =>
        {
            var html = await plainClient.GetStringAsync(u, ct).ConfigureAwait(false);
            return new SmartReader.Reader(u.AbsoluteUri, html).GetArticle();
        }, ct).ConfigureAwait(false);
        var ourPages = await Measure("pages: Salient (HttpFetcher + decode + ArticleExtractor)", pageUrls, workers, budget, async u =>
        {
            var fetch = await fetcher.GetAsync(u, u, ExtractStage.PageAccept, null, ct).ConfigureAwait(false);
            return await stage.ExtractAsync(new ArticleToExtract(0, null, u.AbsoluteUri, "t", null, null, null, 0), fetch).ConfigureAwait(false);
        }, ct, count: plainPages.Items + plainPages.Failed).ConfigureAwait(false);
        var phases = new List<Phase> { plainFeeds, ourFeeds, plainPages, ourPages };
        var feedRatio = phases[0].PerSecond > 0 ? phases[1].PerSecond / phases[0].PerSecond : 0;
        var pageRatio = phases[2].PerSecond > 0 ? phases[3].PerSecond / phases[2].PerSecond : 0;
        string? e2e = null;
        if (e2eFeeds > 0)
        {
            e2e = await EndToEndAsync(e2eFeeds, Math.Max(e2eArticles, e2eFeeds), ct).ConfigureAwait(false);
        }
        using var self = Process.GetCurrentProcess();
        return new Report(corpus, phases, Math.Round(feedRatio, 2), Math.Round(pageRatio, 2), e2e, Math.Round(self.PeakWorkingSet64 / 1048576.0, 1));
    }

    /// <summary>Runs <paramref name="work"/> over the inputs in order with fixed workers, cycling, until the budget is spent or <paramref name="count"/> items are done.</summary>
    private static async Task<Phase> Measure<T>(string name, IReadOnlyList<Uri> inputs, int workers, TimeSpan budget, Func<Uri, Task<T>> work, CancellationToken ct,
        int? count = null)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        using var self = Process.GetCurrentProcess();
        long peak = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                self.Refresh();
                peak = Math.Max(peak, self.WorkingSet64);
                try
                {
                    await Task.Delay(25, sampling.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        var next = -1;
        int done = 0, failed = 0;
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            // Cycle through the inputs until the budget is spent, or exactly `count` items when given, so both sides of a comparison do the same work.
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (count is { } c ? i >= c : clock.Elapsed >= budget)
                {
                    return;
                }
                try
                {
                    await work(inputs[i % inputs.Count]).ConfigureAwait(false);
                    Interlocked.Increment(ref done);
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }, ct)).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        var elapsed = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        return new Phase(name, done, Math.Round(elapsed, 2), Math.Round(done / elapsed, 1), Math.Round(peak / 1048576.0, 1), Math.Round(allocated / 1048576.0, 1), failed);
    }

    /// <summary>sources import + ingest --once over many feeds on one host, into a fresh store, as a user would run it.</summary>
    private static async Task<string> EndToEndAsync(int feeds, int articles, CancellationToken ct)
    {
        await using var server = await LoopbackSite.StartAsync(recordRequests: false).ConfigureAwait(false);
        var site = new SyntheticNewsSite(server.BaseUri, feeds, 0, seed: 7, totalItems: articles);
        server.Add(site.Files);
        var dir = Path.Combine(Path.GetTempPath(), "salient-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var opml = Path.Combine(dir, "feeds.opml");
            await File.WriteAllTextAsync(opml, site.Opml(server.BaseUri), ct).ConfigureAwait(false);
            var db = Path.Combine(dir, "salient.db");
            var clock = Stopwatch.StartNew();
            await using (var app = await SalientApp.OpenAsync(db, null, ct).ConfigureAwait(false))
            {
                var doc = Sources.Opml.Read(opml);
                await app.Get<Sources.SourceSeeder>().MarkUserListAsync(ct).ConfigureAwait(false);
                await app.Get<SourceStore>().AddAsync(doc.Sources, byUser: true, 900, ct).ConfigureAwait(false);
                var summary = await app.Get<PipelineRunner>().RunOnceAsync(ct).ConfigureAwait(false);
                var stored = await app.Get<ArticleStore>().CountAsync(ct).ConfigureAwait(false);
                var elapsed = clock.Elapsed.TotalSeconds;
                var stages = string.Join(", ", summary.TimeByStage.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value.TotalSeconds:0.0} s")));
                return string.Create(CultureInfo.InvariantCulture,
                    $"ingest --once: {feeds} feeds, {site.Articles} article pages on 127.0.0.1 -> {stored} articles stored, {summary.Failed} sources failed, " +
                    $"{elapsed:0.0} s ({stored / elapsed:0} articles/s; polling {summary.PollTime.TotalSeconds:0.0} s, {stages})");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static void Print(Report r)
    {
        Console.WriteLine($"corpus: {r.Corpus}");
        Console.WriteLine($"{"phase",-58} {"items",6} {"s",6} {"per s",8} {"peak MB",8} {"alloc MB",9} {"failed",6}");
        foreach (var p in r.Phases)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{p.Name,-58} {p.Items,6} {p.Seconds,6:0.0} {p.PerSecond,8:0.0} {p.PeakWorkingSetMb,8:0} {p.AllocatedMb,9:0} {p.Failed,6}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"feeds per second, Salient / CodeHollow.FeedReader: {r.FeedRatio:0.00}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pages per second, Salient / SmartReader: {r.PageRatio:0.00}"));
        if (r.EndToEnd is not null)
        {
            Console.WriteLine(r.EndToEnd);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process peak working set: {r.ProcessPeakMb:0} MB"));
    }

    private static string? FindSharedPages() => SharedDataFolder.Find("readability-pages");
}
