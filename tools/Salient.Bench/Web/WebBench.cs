using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Salient.Cli;
using Salient.Embeddings;
using Salient.Storage;
using Microsoft.Extensions.DependencyInjection;
using Salient.Web;

namespace Salient.Bench.Web;

/// <summary><c>bench web</c>: requests per second and latency of the site's pages over a store of generated stories.</summary>
internal static class WebBench
{
    /// <summary>The <c>bench</c> subcommand.</summary>
    public static Command Command()
    {
        var stories = new Option<int>("--stories") { Description = "How many stories to store before measuring.", DefaultValueFactory = _ => 20_000 };
        var seconds = new Option<double>("--seconds") { Description = "How long to load each page.", DefaultValueFactory = _ => 5 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once.", DefaultValueFactory = _ => 8 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per page instead of text." };
        var keep = new Option<string?>("--store") { Description = "Measure this store (a day made by 'bench day-store', or any store 'ingest' filled); when it does not exist, keep the generated store in it (default: a temporary file)." };
        var ingest = new Option<bool>("--ingest") { Description = "Measure every page again while a second process writes into the store as a running ingest does ('bench day-store --append')." };
        var cmd = new Command("web", "Requests per second and p50/p99 latency of the front page (cache on and off), story pages of 1, 3 and the most articles, a search and /api/stories, from a client on 127.0.0.1; optionally while another process ingests.")
            { stories, seconds, concurrency, json, keep, ingest };
        cmd.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(stories);
            var secs = parse.GetValue(seconds);
            var conc = parse.GetValue(concurrency);
            if (n < 10 || secs <= 0 || secs > 600 || conc is < 1 or > 256)
            {
                throw new UsageException("--stories must be at least 10, --seconds from 0 to 600 and --concurrency from 1 to 256");
            }
            var kept = parse.GetValue(keep);
            var dir = Path.Combine(Path.GetTempPath(), "salient-bench-web-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            var asJson = parse.GetValue(json);
            try
            {
                var reuse = kept is not null && File.Exists(kept);
                var file = kept ?? Path.Combine(dir, "bench.db");
                await using var app = await SalientApp.OpenAsync(file, null, ct).ConfigureAwait(false);
                var seedWatch = Stopwatch.StartNew();
                if (!reuse)
                {
                    await BenchData.SeedAsync(app.Database, n, DateTimeOffset.UtcNow, ct).ConfigureAwait(false);
                }
                var picked = await BenchData.PickAsync(app.Database, ct).ConfigureAwait(false);
                Console.Error.WriteLine(reuse
                    ? $"measuring {kept}: {picked.Stories:N0} stories, {picked.Articles:N0} articles"
                    : $"stored {n:N0} stories and {n * BenchData.ArticlesPerStory:N0} articles in {seedWatch.Elapsed.TotalSeconds:0.0} s");
                await using var site = await SiteHost.StartAsync(app, "http://127.0.0.1:0", ct, hostedServices: false).ConfigureAwait(false);
                var options = site.Services.GetRequiredService<SiteOptions>();
                // The client is one address asking thousands of times a minute: the API's per-address limit would answer 429.
                options.ApiRequestsPerMinute = 0;
                var cacheSeconds = options.FrontPageCacheSeconds > 0 ? options.FrontPageCacheSeconds : 5;
                var pages = new List<(string Name, string Path, double FrontCache)>
                {
                    ("front, cache on", "/", cacheSeconds),
                    ("front, cache off", "/", 0),
                };
                foreach (var (label, id) in picked.StoryPages)
                {
                    pages.Add(($"story, {label}", $"/story/{id}", cacheSeconds));
                }
                pages.Add(("search", $"/search?q={Uri.EscapeDataString(picked.Word)}", cacheSeconds));
                // Deep pages of a search matching about half the stories, over all time and over the last three days
                // (read as a top-N per day, each day yielding as many as the pages up to the one asked for).
                var lastDays = $"&from={DateTimeOffset.UtcNow.AddDays(-2):yyyy-MM-dd}&to={DateTimeOffset.UtcNow:yyyy-MM-dd}";
                foreach (var page in new[] { 1, 50, 200 })
                {
                    pages.Add(($"search common, page {page}", $"/search?q={Uri.EscapeDataString(BenchData.Words[0])}&page={page}", cacheSeconds));
                    pages.Add(($"search 3 days, page {page}", $"/search?q={Uri.EscapeDataString(BenchData.Words[0])}{lastDays}&page={page}", cacheSeconds));
                }
                pages.Add(("api stories", "/api/stories", cacheSeconds));
                if (!asJson)
                {
                    Console.WriteLine($"{Environment.ProcessorCount} cores, {conc} requests in flight, {secs:0.#} s per page, client on 127.0.0.1 in the same process");
                    Console.WriteLine($"{"page",-26} {"ingest",6} {"requests",9} {"req/s",9} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"errors",7}");
                }
                var rounds = parse.GetValue(ingest) ? new[] { false, true } : [false];
                foreach (var writing in rounds)
                {
                    using var writer = writing ? StartWriter(file, pages.Count * (secs + 2) + 30) : null;
                    if (writer is not null)
                    {
                        // Let it load its window and start writing.
                        await Task.Delay(TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
                    }
                    foreach (var (name, path, frontCache) in pages)
                    {
                        options.FrontPageCacheSeconds = frontCache;
                        var r = await LoadLoop.RunAsync(new Uri(site.BaseUri, path.TrimStart('/')), conc, TimeSpan.FromSeconds(secs), ct).ConfigureAwait(false);
                        if (asJson)
                        {
                            Console.WriteLine(JsonSerializer.Serialize(new { page = name, path, ingest = writing, requests = r.Requests, rps = Math.Round(r.Rps, 1), p50_ms = Math.Round(r.P50, 2), p99_ms = Math.Round(r.P99, 2), max_ms = Math.Round(r.Max, 2), errors = r.Errors, stories = picked.Stories, concurrency = conc }));
                        }
                        else
                        {
                            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-26} {(writing ? "yes" : "no"),6} {r.Requests,9} {r.Rps,9:0} {r.P50,8:0.0} {r.P99,8:0.0} {r.Max,8:0.0} {r.Errors,7}"));
                        }
                    }
                    if (writer is not null && !writer.HasExited)
                    {
                        writer.Kill();
                        await writer.WaitForExitAsync(ct).ConfigureAwait(false);
                    }
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
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>A second process of this program appending to the store for <paramref name="seconds"/> (<c>bench day-store --append</c>).</summary>
    private static Process StartWriter(string store, double seconds)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = false };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(WebBench).Assembly.Location);
        }
        foreach (var a in new[] { "bench", "day-store", "--append", "--out", store, "--seconds", seconds.ToString("0", CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the writing process");
        _ = process.StandardOutput.ReadToEndAsync();
        Console.Error.WriteLine($"writer started (process {process.Id}): bench day-store --append --out {store}");
        return process;
    }
}

/// <summary>A closed-loop load generator: a fixed number of clients each sending the next request when the last is answered.</summary>
internal static class LoadLoop
{
    internal sealed record Result(long Requests, long Errors, double Rps, double P50, double P99, double Max);

    public static async Task<Result> RunAsync(Uri url, int concurrency, TimeSpan duration, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10), UseCookies = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        // Warm up: compile, fill caches and open connections.
        var warm = DateTime.UtcNow.AddSeconds(Math.Min(1, duration.TotalSeconds / 2));
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (DateTime.UtcNow < warm)
            {
                using var r = await client.GetAsync(url, ct).ConfigureAwait(false);
                await r.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            }
        })).ConfigureAwait(false);
        var errors = 0L;
        var lists = new List<double>[concurrency];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async i =>
        {
            var list = lists[i] = new List<double>(4096);
            while (watch.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var r = await client.GetAsync(url, ct).ConfigureAwait(false);
                    await r.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
                    if (!r.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                list.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })).ConfigureAwait(false);
        var elapsed = watch.Elapsed.TotalSeconds;
        var all = lists.SelectMany(l => l).Order().ToArray();
        double At(double q) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        return new Result(all.Length, errors, all.Length / elapsed, At(0.50), At(0.99), all.Length == 0 ? 0 : all[^1]);
    }
}

/// <summary>Generated sources, stories and articles for the web benchmark: plausible sizes and spreads, spread over 30 days.</summary>
internal static class BenchData
{
    public const int ArticlesPerStory = 3;

    /// <summary>A vocabulary of 3,000 made-up words used with Zipf frequencies, so searches and word matches are as selective as in real news; "climate" is the 30th most common.</summary>
    internal static readonly string[] Words = MakeWords(3000);

    private static string[] MakeWords(int n)
    {
        string[] syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "shi", "den", "mar", "pol", "tri", "gan", "sel", "bo", "zu", "fen", "qua", "ril", "dor"];
        var rng = new Random(7);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (words.Count < n)
        {
            var parts = 2 + rng.Next(3);
            words.Add(string.Concat(Enumerable.Range(0, parts).Select(_ => syllables[rng.Next(syllables.Length)])));
        }
        var list = words.ToList();
        list.Remove("climate");
        list.Insert(29, "climate");
        return [.. list.Take(n)];
    }

    /// <summary>Cumulative Zipf weights over <see cref="Words"/>.</summary>
    private static readonly double[] Cumulative = MakeCumulative(Words.Length);

    private static double[] MakeCumulative(int n)
    {
        var c = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += 1.0 / (i + 1);
            c[i] = sum;
        }
        for (var i = 0; i < n; i++)
        {
            c[i] /= sum;
        }
        return c;
    }

    internal static string Word(Random rng)
    {
        var i = Array.BinarySearch(Cumulative, rng.NextDouble());
        return Words[Math.Min(Words.Length - 1, i < 0 ? ~i : i)];
    }

    private static readonly string[] Countries = ["GB", "US", "FR", "DE", "IN", "JP", "BR", "ZA", "AU", "KE", "MX", "CA", "IT", "ES", "NG"];

    /// <summary>What to measure in a store: the best-scored story of its last day with 1 and 3 articles, its largest story, the word to search for.</summary>
    internal sealed record Picked(long Stories, long Articles, IReadOnlyList<(string Label, long Id)> StoryPages, string Word);

    /// <summary>The stories to load in a store (generated or filled by ingest).</summary>
    public static async Task<Picked> PickAsync(Database database, CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        var stories = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM stories", ct).ConfigureAwait(false);
        var articles = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles", ct).ConfigureAwait(false);
        const string recent = "status <> 'merged' AND merged_into IS NULL AND last_updated >= (SELECT MAX(last_updated) FROM stories) - 86400000";
        var pages = new List<(string, long)>();
        foreach (var count in new[] { 1, 3 })
        {
            var id = await Sql.ScalarAsync(conn, null, $"SELECT id FROM stories WHERE {recent} AND article_count = @n ORDER BY score DESC LIMIT 1", ct, ("n", count)).ConfigureAwait(false);
            if (id is not null)
            {
                pages.Add(($"{count} article{(count == 1 ? "" : "s")}", Convert.ToInt64(id, CultureInfo.InvariantCulture)));
            }
        }
        var largest = await Sql.QueryAsync(conn, null, "SELECT id, article_count FROM stories WHERE status <> 'merged' AND merged_into IS NULL ORDER BY article_count DESC, id LIMIT 1",
            r => (Id: r.Long("id")!.Value, Count: r.Long("article_count") ?? 0), ct).ConfigureAwait(false);
        if (largest.Count > 0 && largest[0].Count > 3)
        {
            pages.Add(($"largest ({largest[0].Count} articles)", largest[0].Id));
        }
        return new Picked(stories, articles, pages, "climate");
    }

    /// <summary>Seeds the store.</summary>
    public static async Task SeedAsync(Database database, int stories, DateTimeOffset now, CancellationToken ct)
    {
        var rng = new Random(20_000);
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        var nowMs = Clock.ToUnixMs(now);
        const int sourceCount = 150;
        var names = new string[sourceCount];
        for (var i = 0; i < sourceCount; i++)
        {
            names[i] = $"Outlet {i + 1:000}";
            await Sql.ExecuteAsync(conn, tx, "INSERT INTO sources (id, url, name, country, language, tier, created_at) VALUES (@id, @url, @name, @c, 'en', @tier, @now)", ct,
                ("id", i + 1), ("url", $"https://outlet{i + 1}.example/feed.xml"), ("name", names[i]), ("c", Countries[i % Countries.Length]), ("tier", 1 + (i % 3)), ("now", nowMs)).ConfigureAwait(false);
        }
        await using var story = Sql.Command(conn, tx, """
            INSERT INTO stories (id, status, first_seen, last_updated, first_published, last_published, article_count, outlet_count, outlets, countries,
                representative_article_id, score, factors, reason, percentile, title, summary, summary_sources, version, scored_version, written_version, centroid)
            VALUES (@id, 'open', @first, @last, @first, @last, @n, @n, @outlets, @countries, @rep, @score, @factors, @reason, @pct, @title, @summary, @sources, 1, 1, 1, @centroid)
            """, ("centroid", Array.Empty<byte>()), ("id", 0L), ("first", 0L), ("last", 0L), ("n", ArticlesPerStory), ("outlets", ""), ("countries", ""), ("rep", 0L), ("score", 0.0), ("factors", ""),
            ("reason", ""), ("pct", 0.0), ("title", ""), ("summary", ""), ("sources", ""));
        await using var article = Sql.Command(conn, tx, """
            INSERT INTO articles (id, source_id, url, canonical_url, title, excerpt, published_at, discovered_at, stage, story_id)
            VALUES (@id, @source, @url, @url, @title, @excerpt, @at, @at, 30, @story)
            """, ("id", 0L), ("source", 0L), ("url", ""), ("title", ""), ("excerpt", ""), ("at", 0L), ("story", 0L));
        story.Prepare();
        article.Prepare();
        // Stories belong to topics; a story's centroid is its topic's direction plus noise, as embeddings of one subject are.
        var topics = Enumerable.Range(0, 200).Select(_ => Enumerable.Range(0, TextEmbedder.Dimensions).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray()).ToArray();
        var articleId = 0L;
        for (long id = 1; id <= stories; id++)
        {
            var words = Enumerable.Range(0, 6).Select(_ => Word(rng)).ToArray();
            var topic = topics[rng.Next(topics.Length)];
            var centroid = topic.Select(x => x + (float)((rng.NextDouble() - 0.5) * 0.6)).ToArray();
            var title = $"{char.ToUpperInvariant(words[0][0])}{words[0][1..]} {words[1]} as {words[2]} {words[3]} over {words[4]}";
            var first = nowMs - (long)(rng.NextDouble() * 30 * 86_400_000L);
            var last = Math.Min(nowMs, first + (long)(rng.NextDouble() * 6 * 3_600_000L));
            var factors = Enumerable.Range(0, 7).Select(_ => Math.Round(Math.Clamp(4 + rng.NextDouble() * 4 - 1.5 + rng.NextDouble() * 2, 0, 10), 1)).ToArray();
            var score = Math.Round(Math.Clamp(factors.Average() + (rng.NextDouble() - 0.6) * 3, 0, 10), 1);
            var outlets = Enumerable.Range(0, ArticlesPerStory).Select(_ => rng.Next(sourceCount)).ToArray();
            var sentences = new[] { $"Officials said the {words[1]} would affect {words[5]} across the region.", $"The {words[3]} follows weeks of {words[4]} and {words[2]}." };
            var p = story.Parameters;
            p["id"].Value = id;
            p["centroid"].Value = TextEmbedder.ToBytes(centroid);
            p["first"].Value = first;
            p["last"].Value = last;
            p["outlets"].Value = JsonSerializer.Serialize(outlets.Select(o => names[o]).Distinct());
            p["countries"].Value = JsonSerializer.Serialize(outlets.Select(o => Countries[o % Countries.Length]).Distinct());
            p["rep"].Value = articleId + 1;
            p["score"].Value = score;
            p["factors"].Value = JsonSerializer.Serialize(new { scale = factors[0], impact = factors[1], novelty = factors[2], potential = factors[3], legacy = factors[4], positivity = factors[5], credibility = factors[6] });
            p["reason"].Value = $"Scores {score:0.0}: broad coverage across {ArticlesPerStory} outlets.";
            p["pct"].Value = Math.Round(rng.NextDouble() * 100, 2);
            p["title"].Value = title;
            p["summary"].Value = string.Join(' ', sentences);
            p["sources"].Value = JsonSerializer.Serialize(sentences.Select((s, i) => new { text = s, article_ids = new[] { articleId + 1 + i } }));
            await story.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            for (var a = 0; a < ArticlesPerStory; a++)
            {
                articleId++;
                var ap = article.Parameters;
                ap["id"].Value = articleId;
                ap["source"].Value = outlets[a] + 1;
                ap["url"].Value = $"https://outlet{outlets[a] + 1}.example/news/{articleId}";
                ap["title"].Value = $"{title} ({names[outlets[a]]})";
                ap["excerpt"].Value = sentences[a % sentences.Length];
                ap["at"].Value = first + (last - first) * a / ArticlesPerStory;
                ap["story"].Value = id;
                await article.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }
}
