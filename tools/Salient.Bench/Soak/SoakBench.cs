using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Salient.Cli;
using Salient.Pipeline;
using Salient.Storage;
using Salient.Web;

namespace Salient.Bench.Soak;

/// <summary>
/// <c>bench soak</c>: Salient as <c>run</c> runs it (polling, every stage, the site) for a bounded time, fed by a local
/// news site whose feeds keep growing, while readers load pages, feeds and the API. It reports the requests served, their
/// p99 and errors, memory window by window, and how many published articles never reached the store (must be 0).
/// </summary>
internal static class SoakBench
{
    public static Command Command()
    {
        var minutes = new Option<double>("--minutes") { Description = "How long to ingest and read (after which the pipeline drains).", DefaultValueFactory = _ => 10 };
        var feeds = new Option<int>("--feeds") { Description = "Feeds on the local news site.", DefaultValueFactory = _ => 30 };
        var perMinute = new Option<int>("--items-per-minute") { Description = "New items each feed publishes a minute.", DefaultValueFactory = _ => 2 };
        var readers = new Option<int>("--readers") { Description = "Readers requesting pages, feeds and the API at once.", DefaultValueFactory = _ => 4 };
        var window = new Option<double>("--window-seconds") { Description = "Length of one reporting window.", DefaultValueFactory = _ => 60 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var cmd = new Command("soak", "Run polling, the pipeline and the site together against a growing local news site while readers load it; report requests, p99, errors, memory per window and articles lost.")
            { minutes, feeds, perMinute, readers, window, json };
        cmd.SetAction(async (parse, ct) =>
        {
            var o = new Settings(parse.GetValue(minutes), parse.GetValue(feeds), parse.GetValue(perMinute), parse.GetValue(readers), parse.GetValue(window));
            if (o.Minutes is <= 0 or > 24 * 60 || o.Feeds is < 1 or > 500 || o.ItemsPerMinute is < 1 or > 60 || o.Readers is < 0 or > 64 || o.WindowSeconds is < 5 or > 3600)
            {
                throw new UsageException("--minutes from 0 to 1440, --feeds from 1 to 500, --items-per-minute from 1 to 60, --readers from 0 to 64, --window-seconds from 5 to 3600");
            }
            var report = await RunAsync(o, Console.Error, ct).ConfigureAwait(false);
            Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(report, CliJson.Options) : report.Text());
            return report.ArticlesLost == 0 && report.Errors == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return cmd;
    }

    internal sealed record Settings(double Minutes, int Feeds, int ItemsPerMinute, int Readers, double WindowSeconds);

    internal sealed record Window(int Index, double Seconds, long Requests, long Errors, double P99Ms, long Articles, double WorkingSetMb, double ManagedMb);

    internal sealed record Report(double Minutes, int Feeds, long Published, long Stored, long ArticlesLost, long Requests, long Errors, double P50Ms, double P99Ms,
        double WorkingSetStartMb, double WorkingSetEndMb, double ManagedStartMb, double ManagedEndMb, double DrainSeconds, IReadOnlyList<Window> Windows)
    {
        public string Text()
        {
            var b = new StringBuilder();
            b.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores; {Minutes:0.#} min; {Feeds} feeds on 127.0.0.1; readers in the same process");
            b.AppendLine(CultureInfo.InvariantCulture, $"{"window",6} {"s",6} {"requests",9} {"errors",7} {"p99 ms",8} {"articles",9} {"ws MB",7} {"heap MB",8}");
            foreach (var w in Windows)
            {
                b.AppendLine(CultureInfo.InvariantCulture, $"{w.Index,6} {w.Seconds,6:0} {w.Requests,9} {w.Errors,7} {w.P99Ms,8:0.0} {w.Articles,9} {w.WorkingSetMb,7:0} {w.ManagedMb,8:0}");
            }
            b.AppendLine(CultureInfo.InvariantCulture, $"requests {Requests}, errors {Errors}, p50 {P50Ms:0.0} ms, p99 {P99Ms:0.0} ms");
            b.AppendLine(CultureInfo.InvariantCulture, $"memory: working set {WorkingSetStartMb:0} -> {WorkingSetEndMb:0} MB, managed heap {ManagedStartMb:0} -> {ManagedEndMb:0} MB");
            b.Append(CultureInfo.InvariantCulture, $"articles: {Published} published, {Stored} stored, {ArticlesLost} lost; drained in {DrainSeconds:0} s");
            return b.ToString();
        }
    }

    public static async Task<Report> RunAsync(Settings o, TextWriter progress, CancellationToken ct)
    {
        var dir = Path.Combine(Path.GetTempPath(), "salient-soak-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            await using var news = await LoopbackSite.StartAsync(recordRequests: false).ConfigureAwait(false);
            var growing = new GrowingNews(news, o.Feeds, o.ItemsPerMinute);
            var db = Path.Combine(dir, "soak.db");
            var config = Path.Combine(dir, "salient.json");
            // Feeds are polled every minute (the shortest interval) and every stage runs as in `salient run`; the readers
            // are trusted, so the API's per-client limit is off (it would otherwise answer most of their requests 429).
            await File.WriteAllTextAsync(config, """{"Polling": {"IntervalMinutes": 1, "MaxIntervalMinutes": 1}, "Site": {"ApiRequestsPerMinute": 0}}""", ct).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(dir, "feeds.opml"), growing.Opml(), ct).ConfigureAwait(false);
            if (await SalientCli.RunAsync(["--db", db, "--config", config, "sources", "import", Path.Combine(dir, "feeds.opml")], ct).ConfigureAwait(false) != 0)
            {
                throw new SalientException("soak: importing the local feeds failed");
            }
            await using var app = await SalientApp.OpenAsync(db, config, ct).ConfigureAwait(false);
            await using var site = await SiteHost.StartAsync(app, "http://127.0.0.1:0", ct, hostedServices: false).ConfigureAwait(false);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var pipeline = Task.Run(() => app.Get<PipelineRunner>().RunAsync(stop.Token), CancellationToken.None);

            var start = Snapshot();
            var windows = new List<Window>();
            var latencies = new ConcurrentBag<double>();
            var duration = TimeSpan.FromMinutes(o.Minutes);
            var watch = Stopwatch.StartNew();
            using var readStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var stats = new ReaderStats();
            var reading = Enumerable.Range(0, o.Readers).Select(i => Task.Run(() => ReadAsync(site.BaseUri, i, stats, readStop.Token), CancellationToken.None)).ToList();
            var index = 0;
            while (watch.Elapsed < duration)
            {
                var length = TimeSpan.FromSeconds(Math.Min(o.WindowSeconds, (duration - watch.Elapsed).TotalSeconds));
                await Task.Delay(length, ct).ConfigureAwait(false);
                var (requests, errors, window) = stats.TakeWindow();
                foreach (var l in window)
                {
                    latencies.Add(l);
                }
                var (ws, heap) = Snapshot();
                var w = new Window(++index, watch.Elapsed.TotalSeconds, requests, errors, Percentile(window, 0.99), await CountAsync(app.Database, ct).ConfigureAwait(false), ws, heap);
                windows.Add(w);
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"soak: window {w.Index}: {w.Requests} requests, {w.Errors} errors, p99 {w.P99Ms:0.0} ms, {w.Articles} articles, working set {w.WorkingSetMb:0} MB")).ConfigureAwait(false);
            }
            await readStop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(reading).ConfigureAwait(false);
            var end = Snapshot();

            // No more news: wait (bounded) until every feed was polled after its last item and nothing is pending.
            growing.Freeze();
            var frozenAt = DateTimeOffset.UtcNow;
            var drain = Stopwatch.StartNew();
            var runner = app.Get<PipelineRunner>();
            while (drain.Elapsed < TimeSpan.FromMinutes(5)
                   && (await runner.CountPendingAsync(ct).ConfigureAwait(false) > 0 || await PolledSinceAsync(app.Database, frozenAt, ct).ConfigureAwait(false) < o.Feeds))
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
            }
            await stop.CancelAsync().ConfigureAwait(false);
            await pipeline.ConfigureAwait(false);
            var stored = await StoredAsync(app.Database, ct).ConfigureAwait(false);
            var published = growing.Served;
            var all = latencies.ToArray();
            return new Report(o.Minutes, o.Feeds, published.Count, published.Count(stored.Contains), published.Count(u => !stored.Contains(u)),
                windows.Sum(w => w.Requests), windows.Sum(w => w.Errors), Percentile(all, 0.5), Percentile(all, 0.99),
                start.WorkingSetMb, end.WorkingSetMb, start.ManagedMb, end.ManagedMb, drain.Elapsed.TotalSeconds, windows);
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

    /// <summary>One reader: the front page, a feed, the API's stories and then one of those stories' pages, round and round.</summary>
    private static async Task ReadAsync(Uri site, int reader, ReaderStats stats, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = new HttpClient(handler) { BaseAddress = site, Timeout = TimeSpan.FromSeconds(30) };
        var paths = new[] { "/", "/feed.xml", "/api/stories?limit=20", "/feed.json", "/api/stats", "/search?q=energy" };
        var rng = new Random(reader);
        var storyIds = new List<long>();
        for (var i = 0; !ct.IsCancellationRequested; i++)
        {
            var path = i % 7 == 6 && storyIds.Count > 0 ? $"/story/{storyIds[rng.Next(storyIds.Count)]}" : paths[i % paths.Length];
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.GetAsync(path, ct).ConfigureAwait(false);
                var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
                stats.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds, response.IsSuccessStatusCode);
                if (path.StartsWith("/api/stories", StringComparison.Ordinal) && response.IsSuccessStatusCode)
                {
                    using var doc = JsonDocument.Parse(body);
                    storyIds = doc.RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetInt64()).ToList();
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                stats.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds, ok: false);
            }
        }
    }

    private sealed class ReaderStats
    {
        private readonly object _gate = new();
        private List<double> _latencies = [];
        private long _errors;

        public void Add(double ms, bool ok)
        {
            lock (_gate)
            {
                _latencies.Add(ms);
                if (!ok)
                {
                    _errors++;
                }
            }
        }

        public (long Requests, long Errors, double[] Latencies) TakeWindow()
        {
            lock (_gate)
            {
                var taken = (_latencies.Count, _errors, _latencies.ToArray());
                _latencies = [];
                _errors = 0;
                return taken;
            }
        }
    }

    private static double Percentile(double[] values, double q)
    {
        if (values.Length == 0)
        {
            return 0;
        }
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }

    private static (double WorkingSetMb, double ManagedMb) Snapshot()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64 / 1048576.0, GC.GetTotalMemory(forceFullCollection: false) / 1048576.0);
    }

    private static async Task<long> CountAsync(Database db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles", ct).ConfigureAwait(false);
    }

    private static async Task<long> PolledSinceAsync(Database db, DateTimeOffset since, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM sources WHERE last_polled_at >= @t", ct, ("t", Clock.ToUnixMs(since))).ConfigureAwait(false);
    }

    private static async Task<HashSet<string>> StoredAsync(Database db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var urls = await Sql.QueryAsync(conn, null, "SELECT url, canonical_url FROM articles", r => (r.GetString(0), r.GetString(1)), ct).ConfigureAwait(false);
        return urls.SelectMany(u => new[] { u.Item1, u.Item2 }).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// A local news site whose feeds publish <c>itemsPerMinute</c> new items each a minute (the newest 20 listed), with
    /// a page for every item; it remembers every item link it has served in a feed, the articles Salient must store.
    /// </summary>
    private sealed class GrowingNews
    {
        private readonly LoopbackSite _site;
        private readonly int _feeds;
        private readonly int _perMinute;
        private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
        private readonly ConcurrentDictionary<string, byte> _served = new(StringComparer.Ordinal);
        private DateTimeOffset? _frozen;

        public GrowingNews(LoopbackSite site, int feeds, int perMinute)
        {
            _site = site;
            _feeds = feeds;
            _perMinute = perMinute;
            for (var f = 0; f < feeds; f++)
            {
                var feed = f;
                site.Map($"/feeds/{f}.xml", http => FeedAsync(http, feed));
            }
            // Pages are /article?f=FEED&i=ITEM: the site matches whole paths, and the query picks the page.
            site.Map("/article", PageAsync);
        }

        public IReadOnlyCollection<string> Served => _served.Keys.ToList();

        public void Freeze() => _frozen = DateTimeOffset.UtcNow;

        public string Opml()
        {
            var b = new StringBuilder("<?xml version=\"1.0\"?><opml version=\"2.0\"><body>");
            for (var f = 0; f < _feeds; f++)
            {
                b.Append(CultureInfo.InvariantCulture, $"<outline text=\"Soak outlet {f}\" xmlUrl=\"{new Uri(_site.BaseUri, $"feeds/{f}.xml")}\"/>");
            }
            return b.Append("</body></opml>").ToString();
        }

        private int Published => 1 + (int)(((_frozen ?? DateTimeOffset.UtcNow) - _start).TotalMinutes * _perMinute);

        private Task FeedAsync(HttpContext http, int feed)
        {
            var b = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
                $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Soak outlet {feed}</title><link>http://soak{feed}.example/</link><description>News</description>"));
            var count = Published;
            for (var i = count - 1; i >= Math.Max(0, count - 20); i--)
            {
                var link = new Uri(_site.BaseUri, $"article?f={feed}&i={i}").AbsoluteUri;
                _served.TryAdd(link, 0);
                var at = _start.AddMinutes(i / (double)_perMinute);
                b.Append(CultureInfo.InvariantCulture, $"<item><title>{WebUtility.HtmlEncode(Title(feed, i))}</title><link>{WebUtility.HtmlEncode(link)}</link><guid>{WebUtility.HtmlEncode(link)}</guid>")
                 .Append(CultureInfo.InvariantCulture, $"<pubDate>{at.ToString("r", CultureInfo.InvariantCulture)}</pubDate><description>{WebUtility.HtmlEncode(Body(feed, i)[0])}</description></item>");
            }
            http.Response.ContentType = "application/rss+xml; charset=utf-8";
            return http.Response.WriteAsync(b.Append("</channel></rss>").ToString(), http.RequestAborted);
        }

        private Task PageAsync(HttpContext http)
        {
            if (!int.TryParse(http.Request.Query["f"], CultureInfo.InvariantCulture, out var feed) || !int.TryParse(http.Request.Query["i"], CultureInfo.InvariantCulture, out var item))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            var b = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(Title(feed, item))}</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>{WebUtility.HtmlEncode(Title(feed, item))}</h1>"));
            foreach (var p in Body(feed, item))
            {
                b.Append("<p>").Append(WebUtility.HtmlEncode(p)).Append("</p>");
            }
            http.Response.ContentType = "text/html; charset=utf-8";
            return http.Response.WriteAsync(b.Append("</article><footer>© Soak</footer></body></html>").ToString(), http.RequestAborted);
        }

        private static readonly string[] Places = ["Oslo", "Lima", "Quito", "Hanoi", "Accra", "Tbilisi", "Riga", "Dakar", "Perth", "Minsk", "Sapporo", "Cusco"];
        private static readonly string[] Things = ["flood", "strike", "election", "merger", "verdict", "wildfire", "summit", "outage", "protest", "budget", "vaccine", "tariff"];

        /// <summary>Items about the same event (same place and thing) from several feeds, so stories form as they do in the news.</summary>
        private static string Title(int feed, int item)
        {
            var e = item * 7 + feed / 5;
            return $"{Places[e % Places.Length]} {Things[e / Places.Length % Things.Length]}: officials respond as the {Things[e / Places.Length % Things.Length]} in {Places[e % Places.Length]} enters day {1 + item % 5} (report {feed}-{item})";
        }

        private static string[] Body(int feed, int item)
        {
            var rng = new Random(feed * 100_003 + item);
            return [.. Enumerable.Range(0, 6).Select(_ => string.Join(' ', Enumerable.Range(0, 40).Select(_ => Things[rng.Next(Things.Length)] + (rng.Next(4) == 0 ? "." : string.Empty))) + ".")];
        }
    }
}
