using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Salient.Cli;
using Salient.Embeddings;
using Salient.Storage;
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
        var keep = new Option<string?>("--store") { Description = "Keep the generated store in this file and reuse it on the next run (default: a temporary file)." };
        var cmd = new Command("web", "Requests per second and p50/p99 latency of the front page, a story page and a search, over a store of generated stories, from a client on 127.0.0.1.")
            { stories, seconds, concurrency, json, keep };
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
            try
            {
                var reuse = kept is not null && File.Exists(kept);
                await using var app = await SalientApp.OpenAsync(kept ?? Path.Combine(dir, "bench.db"), null, ct).ConfigureAwait(false);
                var seedWatch = Stopwatch.StartNew();
                var (storyId, word) = reuse
                    ? await BenchData.PickAsync(app.Database, ct).ConfigureAwait(false)
                    : await BenchData.SeedAsync(app.Database, n, DateTimeOffset.UtcNow, ct).ConfigureAwait(false);
                Console.Error.WriteLine(reuse ? $"reusing {kept}" : $"stored {n:N0} stories and {n * BenchData.ArticlesPerStory:N0} articles in {seedWatch.Elapsed.TotalSeconds:0.0} s");
                await using var site = await SiteHost.StartAsync(app, "http://127.0.0.1:0", ct, hostedServices: false).ConfigureAwait(false);
                var pages = new (string Name, string Path)[]
                {
                    ("front page", "/"),
                    ("story page", $"/story/{storyId}"),
                    ("search", $"/search?q={Uri.EscapeDataString(word)}"),
                };
                if (!parse.GetValue(json))
                {
                    Console.WriteLine($"{Environment.ProcessorCount} cores, {conc} requests in flight, {secs:0.#} s per page, client on 127.0.0.1 in the same process");
                    Console.WriteLine($"{"page",-12} {"requests",9} {"req/s",9} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"errors",7}");
                }
                foreach (var (name, path) in pages)
                {
                    var r = await LoadLoop.RunAsync(new Uri(site.BaseUri, path.TrimStart('/')), conc, TimeSpan.FromSeconds(secs), ct).ConfigureAwait(false);
                    if (parse.GetValue(json))
                    {
                        Console.WriteLine(JsonSerializer.Serialize(new { page = name, path, requests = r.Requests, rps = Math.Round(r.Rps, 1), p50_ms = Math.Round(r.P50, 2), p99_ms = Math.Round(r.P99, 2), max_ms = Math.Round(r.Max, 2), errors = r.Errors, stories = n, concurrency = conc }));
                    }
                    else
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-12} {r.Requests,9} {r.Rps,9:0} {r.P50,8:0.0} {r.P99,8:0.0} {r.Max,8:0.0} {r.Errors,7}"));
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
    private static readonly string[] Words = MakeWords(3000);

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

    private static string Word(Random rng)
    {
        var i = Array.BinarySearch(Cumulative, rng.NextDouble());
        return Words[Math.Min(Words.Length - 1, i < 0 ? ~i : i)];
    }

    private static readonly string[] Countries = ["GB", "US", "FR", "DE", "IN", "JP", "BR", "ZA", "AU", "KE", "MX", "CA", "IT", "ES", "NG"];

    /// <summary>A store seeded before: the best-scored story of the last day it holds, and the word to search for.</summary>
    public static async Task<(long StoryId, string Word)> PickAsync(Database database, CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        var id = await Sql.LongAsync(conn, null,
            "SELECT id FROM stories WHERE last_updated >= (SELECT MAX(last_updated) FROM stories) - 86400000 ORDER BY score DESC LIMIT 1", ct).ConfigureAwait(false);
        return (id, "climate");
    }

    /// <summary>Seeds the store; returns a well-covered story's id and a word to search for.</summary>
    public static async Task<(long StoryId, string Word)> SeedAsync(Database database, int stories, DateTimeOffset now, CancellationToken ct)
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
        long best = 1;
        var bestScore = -1.0;
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
            if (last > nowMs - 86_400_000L && score > bestScore)
            {
                bestScore = score;
                best = id;
            }
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return (best, "climate");
    }
}
