using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Salient.Cli;
using Salient.Embeddings;
using Salient.Stories;

namespace Salient.Bench.Stories;

/// <summary><c>eval cluster</c> (B-cubed and pairwise scores against gold story ids) and <c>bench stories</c> (articles per second and memory).</summary>
internal static class StoryTools
{
    /// <summary><c>eval cluster</c>.</summary>
    public static Command Eval()
    {
        var data = new Option<string>("--data") { Description = "JSON Lines with gold story_id: AllSides {article_id, story_id, date, source, title, lead} or {id, title, text, published, source, url, story_id}.", Required = true };
        var seed = new Option<int>("--seed") { Description = "First random seed for the time jitter.", DefaultValueFactory = _ => 1 };
        var seeds = new Option<int>("--seeds") { Description = "How many seeds to run (seed, seed+1, ...); the mean is reported.", DefaultValueFactory = _ => 5 };
        var jitter = new Option<double>("--jitter-hours") { Description = "Each article's time moves forward by a uniform random amount up to this many hours (0 keeps the given times).", DefaultValueFactory = _ => 24 };
        var untimed = new Option<bool>("--untimed") { Description = "Every article at one and the same time, as a cluster input without published times: only the texts (and the input order, for ties) tell events apart, and the settings are those salient cluster takes for such input (no merges). Overrides --jitter-hours." };
        var grid = new Option<string[]>("--grid") { Description = "Try every combination: Name=v1,v2,... (repeatable); prints one line per combination." };
        var json = new Option<bool>("--json") { Description = "Print JSON lines instead of text." };
        var cache = new Option<string?>("--cache") { Description = "A file to keep embeddings in between runs (created when absent)." };
        var dump = new Option<string?>("--dump") { Description = "Write {id, story, gold, time} per article of the first seed and setting to this file, to study the errors." };
        var byMonth = new Option<bool>("--by-month") { Description = "Also print B-cubed per month of the articles' dates (grouping runs over the whole stream; each month is scored on its own articles)." };
        var split = new Option<string?>("--split") { Description = "NeuS only: take the clusters of this split (train, val)." };
        var limit = new Option<int>("--limit") { Description = "NeuS only: take at most this many clusters (0: all).", DefaultValueFactory = _ => 0 };
        var fullText = new Option<int>("--full-text") { Description = "NeuS only: make the articles full-length with this seed (background paragraphs of the nearest other events, quotes, page furniture; see docs/stories.md); 0 keeps the leads.", DefaultValueFactory = _ => 0 };
        var ownShare = new Option<double>("--own-share") { Description = "NeuS --full-text only: the share (0-1) of body paragraphs that tell the article's own event again (sentences of its event's other leads and summary); 0 keeps the harsh stand-in.", DefaultValueFactory = _ => 0 };
        var opinionShare = new Option<double>("--opinion-share") { Description = "NeuS --full-text only: the share (0-1) of articles that close with an opinion desk's disclaimer, as columns about an event do; 0 adds none.", DefaultValueFactory = _ => 0 };
        var bodyCache = new Option<string?>("--body-cache") { Description = "A file to keep the embeddings of central body sentences in between runs (Stories:BodyVectorWeight above 0); without it they are kept for this run only." };
        var shuffle = new Option<bool>("--shuffle") { Description = "Give the articles to the grouping in a random order (seeded by each run's seed) instead of the input's, where the articles of one gold story often lie side by side: without times (--untimed) the order is all that is left of the stream, and this measures how much the figures owe to it." };
        var writeInput = new Option<string?>("--write-input") { Description = "Write the articles as a cluster input with gold story_id ({id, title, text, published, source, story_id} per line) to this file." };
        var cmd = new Command("cluster", "B-cubed and pairwise precision, recall and F1 of story grouping against gold story ids, with jittered times. " +
            "--data also takes NeuS clusters (neus_clusters.jsonl: each cluster's articles are one gold story, each cluster an hour after the one before).")
        {
            data, seed, seeds, jitter, untimed, grid, json, cache, dump, byMonth, split, limit, fullText, ownShare, opinionShare, writeInput, bodyCache, shuffle, StoryCommands.Settings,
        };
        cmd.SetAction((parse, ct) =>
        {
            var options = StoryCommands.LoadOptions(parse);
            var path = parse.GetValue(data)!;
            var share = parse.GetValue(ownShare);
            if (!(share >= 0 && share <= 1))
            {
                throw new UsageException($"--own-share {share.ToString(CultureInfo.InvariantCulture)} is not a share; give one from 0 to 1, such as 0.5");
            }
            var opinions = parse.GetValue(opinionShare);
            if (!(opinions >= 0 && opinions <= 1))
            {
                throw new UsageException($"--opinion-share {opinions.ToString(CultureInfo.InvariantCulture)} is not a share; give one from 0 to 1, such as 0.1");
            }
            if ((share > 0 || opinions > 0) && parse.GetValue(fullText) == 0)
            {
                throw new UsageException("--own-share and --opinion-share shape the full-text stand-in; give --full-text SEED with them");
            }
            var records = NeusRecords.Looks(path) ? ReadNeus(path, parse.GetValue(split), parse.GetValue(limit), parse.GetValue(fullText), parse.GetValue(ownShare), opinions)
                : parse.GetValue(fullText) != 0 || parse.GetValue(split) is not null
                    ? throw new UsageException($"--full-text and --split take NeuS clusters (neus_clusters.jsonl); '{path}' is not such a file")
                    : StoryCommands.ReadRecords(path, requireGold: true);
            if (parse.GetValue(writeInput) is { } inputPath)
            {
                File.WriteAllLines(inputPath, records.Select(r => JsonSerializer.Serialize(new
                {
                    id = JsonSerializer.Deserialize<JsonElement>(r.IdJson),
                    title = r.Title,
                    text = r.Text,
                    published = r.Published!.Value.ToString("O", CultureInfo.InvariantCulture),
                    source = r.Source,
                    story_id = r.Gold,
                })));
            }
            var nSeeds = Math.Max(1, parse.GetValue(seeds));
            var jitterMs = (long)(Math.Max(0, parse.GetValue(jitter)) * 3_600_000);
            using var embedder = new TextEmbedder();
            var sw = Stopwatch.StartNew();
            var texts = records.Select(r => EmbeddingText.Of(r.Title, r.Text)).ToList();
            var leadMs = sw.Elapsed.TotalMilliseconds;
            var vectors = EmbeddingCache.Open(parse.GetValue(cache)).Embed(embedder, texts, ct);
            var embedSeconds = sw.Elapsed.TotalSeconds;
            var gold = records.Select(r => r.Gold!).ToList();
            // The body embedding of borderline joins: embedded once per article, kept across seeds and settings (and
            // in --body-cache); the time spent in the model and the texts it embedded are counted apart.
            var bodyVectors = EmbeddingCache.Open(parse.GetValue(bodyCache));
            var bodyEmbedClock = new Stopwatch();
            var bodyEmbedded = 0;
            var bodyWarm = false;
            float[][] EmbedBodies(IReadOnlyList<string> texts)
            {
                if (!bodyWarm)
                {
                    // The model's first call loads it; that is not the cost of a body.
                    embedder.Embed(["warm up the model"], ct);
                    bodyWarm = true;
                }
                var before = bodyVectors.Count;
                bodyEmbedClock.Start();
                var v = bodyVectors.Embed(embedder, texts, ct);
                bodyEmbedClock.Stop();
                bodyEmbedded += bodyVectors.Count - before;
                return v;
            }
            var combos = Combinations(parse.GetValue(grid) ?? []);
            // The title term (Stories:TitleWeight): every title embedded alone with the same model, kept in --cache
            // beside the articles' vectors (a title is another text, so another key); new ones are timed apart.
            float[][]? titleVectors = null;
            if (combos.Any(c => options.With(c).TitleWeight > 0))
            {
                embedder.Embed(["warm up the model"], ct);
                var titleCache = EmbeddingCache.Open(parse.GetValue(cache));
                var titles = records.Select(r => (r.Title ?? "").Trim()).ToList();
                var before = titleCache.Count;
                var titleClock = Stopwatch.StartNew();
                titleVectors = titleCache.Embed(embedder, titles, ct);
                var titleMs = titleClock.Elapsed.TotalMilliseconds;
                var made = titleCache.Count - before;
                if (!parse.GetValue(json))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"title embeddings: {titles.Distinct(StringComparer.Ordinal).Count()} distinct titles, {made} embedded here in {titleMs / 1000:0.0} s" +
                        $"{(made > 0 ? $" ({titleMs * 1000 / made:0} ms per 1,000 titles, median {Median(titles.Select(t => t.Length))} characters)" : "")}, the rest from the cache"));
                }
            }
            if (!parse.GetValue(json))
            {
                Console.WriteLine($"{records.Count} articles, {gold.Distinct(StringComparer.Ordinal).Count()} gold stories, median text {Median(records.Select(r => r.Text?.Length ?? 0))} characters; " +
                    $"leads taken in {leadMs * 1000 / records.Count:0.0} ms per 1,000 articles; embedded in {embedSeconds:0.0} s (cached vectors are not counted); {(parse.GetValue(untimed) ? "untimed (every article at one time)" : $"jitter up to {parse.GetValue(jitter)} h")}; seeds {parse.GetValue(seed)}..{parse.GetValue(seed) + nSeeds - 1}");
            }
            if (!parse.GetValue(json))
            {
                // What the assigner adds per article before any comparison: the names of the whole body and the labels.
                var bodyClock = Stopwatch.StartNew();
                var bodyTerms = records.Sum(r => StoryText.BodyTerms(r.Text, options.BodyMinChars, options.BodyMaxChars).Terms.Length);
                var bodyMs = bodyClock.Elapsed.TotalMilliseconds;
                var centralClock = Stopwatch.StartNew();
                var central = records.Select(r => StoryText.CentralSentences(r.Title, r.Text, options.BodyMinChars, options.BodyMaxChars, options.BodyVectorChars)).ToList();
                var centralMs = centralClock.Elapsed.TotalMilliseconds;
                Console.WriteLine($"central body sentences picked in {centralMs * 1000 / records.Count:0} ms per 1,000 articles ({central.Count(c => c is not null)} of {records.Count} have them, median {Median(central.Where(c => c is not null).Select(c => c!.Length))} characters; embedded only for borderline joins when Stories:BodyVectorWeight is above 0)");
                var kindClock = Stopwatch.StartNew();
                var labels = records.Select(r => ArticleKinds.Of(r.Title, r.Url, r.Text)).ToList();
                var kindMs = kindClock.Elapsed.TotalMilliseconds;
                Console.WriteLine($"body names and numbers taken in {bodyMs * 1000 / records.Count:0} ms per 1,000 articles ({(double)bodyTerms / records.Count:0.0} terms each); labels in {kindMs * 1000 / records.Count:0} ms per 1,000");
                var kinds = labels.GroupBy(k => k).Where(g => g.Key != ArticleKind.Report).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
                Console.WriteLine($"labelled (kept out of report stories when Stories:SeparateCommentary is on): {string.Join(", ", kinds.DefaultIfEmpty("none"))}");
            }
            foreach (var combo in combos)
            {
                var o = options.With(combo);
                var runs = new List<ClusterScores>();
                var groupMs = 0.0;
                var bodyMsBefore = bodyEmbedClock.Elapsed.TotalMilliseconds;
                var bodyEmbeddedBefore = bodyEmbedded;
                var bodyCount = 0;
                var months = new SortedDictionary<string, List<ClusterScores>>(StringComparer.Ordinal);
                for (var s = 0; s < nSeeds; s++)
                {
                    ct.ThrowIfCancellationRequested();
                    var rng = new Random(parse.GetValue(seed) + s);
                    var articles = new StoryArticle[records.Count];
                    for (var i = 0; i < records.Count; i++)
                    {
                        var r = records[i];
                        var t = parse.GetValue(untimed) ? 0 : r.Published!.Value.ToUnixTimeMilliseconds() + (long)(rng.NextDouble() * jitterMs);
                        articles[i] = new StoryArticle(i, r.Title, r.Text, r.Source, r.Url, t, vectors[i]) { TitleEmbedding = titleVectors?[i] };
                    }
                    // The order the grouping sees: the input's, or (--shuffle) a random one; stories come back by input index.
                    var given = Enumerable.Range(0, records.Count).ToArray();
                    if (parse.GetValue(shuffle))
                    {
                        rng.Shuffle(given);
                    }
                    var grouping = Stopwatch.StartNew();
                    var found = StreamClusterer.Run(parse.GetValue(untimed) ? o.Untimed() : o, given.Select(i => articles[i]).ToList(), EmbedBodies, out var made);
                    var stories = new long[records.Count];
                    for (var k = 0; k < given.Length; k++)
                    {
                        stories[given[k]] = found[k];
                    }
                    groupMs += grouping.Elapsed.TotalMilliseconds;
                    bodyCount += made;
                    runs.Add(ClusterScores.Measure(stories, gold));
                    if (parse.GetValue(byMonth))
                    {
                        foreach (var month in Enumerable.Range(0, records.Count).GroupBy(i => records[i].Published!.Value.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture)))
                        {
                            var items = month.ToList();
                            if (!months.TryGetValue(month.Key, out var list))
                            {
                                months[month.Key] = list = [];
                            }
                            list.Add(ClusterScores.Measure(items.Select(i => stories[i]).ToList(), items.Select(i => gold[i]).ToList()));
                        }
                    }
                    if (parse.GetValue(dump) is { } dumpPath && s == 0 && ReferenceEquals(combo, combos[0]))
                    {
                        File.WriteAllLines(dumpPath, records.Select((r, i) => $"{{\"id\":{r.IdJson},\"story\":{stories[i]},\"gold\":{JsonSerializer.Serialize(r.Gold)},\"time\":{articles[i].TimeMs}}}"));
                    }
                }
                Print(parse.GetValue(json), string.Join(' ', combo), runs);
                if (!parse.GetValue(json))
                {
                    Console.WriteLine($"  grouping took {groupMs / nSeeds * 1000 / records.Count:0} ms per 1,000 articles (mean of {nSeeds} runs; embedding not counted)");
                    if (o.BodyVectorWeight > 0)
                    {
                        var newBodies = bodyEmbedded - bodyEmbeddedBefore;
                        var bodyMs = bodyEmbedClock.Elapsed.TotalMilliseconds - bodyMsBefore;
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  body embedding: {(double)bodyCount / nSeeds:0} of {records.Count} articles per run got one ({1000.0 * bodyCount / nSeeds / records.Count:0} per 1,000); " +
                            $"{newBodies} embedded here in {bodyMs / 1000:0.0} s{(newBodies > 0 ? $" ({bodyMs / newBodies:0} ms each)" : "")}, the rest from the cache; included in the grouping time above"));
                    }
                }
                foreach (var (month, list) in months)
                {
                    Print(parse.GetValue(json), $"{string.Join(' ', combo)} month={month}".Trim(), list);
                }
            }
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    private static List<ClusterRecord> ReadNeus(string path, string? split, int limit, int fullTextSeed, double ownShare, double opinionShare)
    {
        var all = NeusRecords.Clusters(path);
        var chosen = NeusRecords.Select(all, split, limit);
        return fullTextSeed == 0 ? NeusRecords.Records(chosen) : FullTextStandIn.Make(chosen, all, fullTextSeed, ownShare, opinionShare);
    }

    private static void Print(bool json, string label, List<ClusterScores> runs)
    {
        double Mean(Func<ClusterScores, double> f) => runs.Average(f);
        double Min(Func<ClusterScores, double> f) => runs.Min(f);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                settings = label,
                bcubed = new { p = Mean(x => x.BcubedP), r = Mean(x => x.BcubedR), f1 = Mean(x => x.BcubedF1), f1_min = Min(x => x.BcubedF1), f1_by_seed = runs.Select(x => x.BcubedF1) },
                pairwise = new { p = Mean(x => x.PairP), r = Mean(x => x.PairR), f1 = Mean(x => x.PairF1) },
                clusters = Mean(x => x.Clusters),
            }));
            return;
        }
        var seeds = string.Join(' ', runs.Select(x => x.BcubedF1.ToString("0.000", CultureInfo.InvariantCulture)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(label.Length == 0 ? "defaults" : label)}: B3 P {Mean(x => x.BcubedP):0.000} R {Mean(x => x.BcubedR):0.000} F1 {Mean(x => x.BcubedF1):0.000} (min {Min(x => x.BcubedF1):0.000}; {seeds}) | pairwise P {Mean(x => x.PairP):0.000} R {Mean(x => x.PairR):0.000} F1 {Mean(x => x.PairF1):0.000} | stories {Mean(x => x.Clusters):0.0}"));
    }

    private static List<List<string>> Combinations(string[] grid)
    {
        var result = new List<List<string>> { new() };
        foreach (var axis in grid)
        {
            var eq = axis.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UsageException($"--grid '{axis}' is not of the form Name=v1,v2,...");
            }
            var name = axis[..eq];
            var next = new List<List<string>>();
            foreach (var value in axis[(eq + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                foreach (var prefix in result)
                {
                    next.Add([.. prefix, $"{name}={value}"]);
                }
            }
            result = next;
        }
        return result;
    }

    /// <summary><c>bench stories</c>.</summary>
    public static Command Bench()
    {
        var data = new Option<string>("--data") { Description = "Headlines as JSON Lines {id, title, domain, url, timestamp_utc}.", DefaultValueFactory = _ => SharedData("fwd_reddit_headlines/headlines_2021-11_2022-07.jsonl") };
        var limit = new Option<int>("--limit") { Description = "Use only the first N headlines (0: all).", DefaultValueFactory = _ => 0 };
        var perDay = new Option<int>("--per-day") { Description = "Also replay the embedded headlines as a stream of this many articles a day for four days, to measure assignment speed and memory at that rate (0: skip).", DefaultValueFactory = _ => 13000 };
        var cmd = new Command("stories", "Articles per second for embedding and for story assignment, the embedding-only floor, and peak memory.") { data, limit, perDay, StoryCommands.Settings };
        cmd.SetAction((parse, ct) =>
        {
            var options = StoryCommands.LoadOptions(parse);
            var path = parse.GetValue(data)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"headline file '{path}' does not exist; give it with --data");
            }
            var items = new List<(string Title, string? Domain, string? Url, long Time)>();
            foreach (var line in File.ReadLines(path))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                using var doc = JsonDocument.Parse(line);
                var r = doc.RootElement;
                var when = DateTimeOffset.Parse(r.GetProperty("timestamp_utc").GetString()!, CultureInfo.InvariantCulture);
                items.Add((r.GetProperty("title").GetString() ?? "", r.TryGetProperty("domain", out var d) ? d.GetString() : null,
                    r.TryGetProperty("url", out var u) ? u.GetString() : null, when.ToUnixTimeMilliseconds()));
                if (parse.GetValue(limit) > 0 && items.Count >= parse.GetValue(limit))
                {
                    break;
                }
            }
            using var embedder = new TextEmbedder();
            embedder.Embed(["warm up the model"], ct);
            var baseline = GC.GetTotalMemory(forceFullCollection: true);

            var sw = Stopwatch.StartNew();
            var vectors = embedder.Embed(items.Select(i => i.Title).ToList(), ct);
            var embedSeconds = sw.Elapsed.TotalSeconds;

            var articles = items.Select((x, i) => new StoryArticle(i, x.Title, null, x.Domain, x.Url, x.Time, vectors[i])).ToList();
            sw.Restart();
            // The daemon's stream, whatever Stories:AtOnce says of finished sets.
            var stories = StreamClusterer.Run(options with { AtOnce = false }, articles);
            var assignSeconds = sw.Elapsed.TotalSeconds;
            var n = items.Count;

            Console.WriteLine($"{n} headlines from {path}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"embedding only (the floor): {n / embedSeconds,8:0.0} articles/s  ({embedSeconds:0.00} s)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"assignment only:            {n / assignSeconds,8:0.0} articles/s  ({assignSeconds:0.00} s, {100 * assignSeconds / embedSeconds:0.0}% of embedding)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"embedding + assignment:     {n / (embedSeconds + assignSeconds),8:0.0} articles/s"));
            Console.WriteLine($"stories: {stories.Distinct().Count()} for {n} headlines");

            var days = 4;
            var rate = parse.GetValue(perDay);
            if (rate > 0)
            {
                // Replay the real vectors and titles at the given daily rate (titles numbered per lap so they are not duplicates).
                var total = rate * days;
                var step = 86_400_000L / rate;
                var assigner = new StoryAssigner(options);
                var noise = new Random(1);
                long peakState = 0;
                sw.Restart();
                for (var i = 0; i < total; i++)
                {
                    var src = articles[i % n];
                    var lap = i / n;
                    // Each lap gets its own, slightly moved copy of the vector, so memory is not shared and laps are new events.
                    var vector = (float[])src.Embedding.Clone();
                    if (lap > 0)
                    {
                        for (var d = 0; d < vector.Length; d++)
                        {
                            vector[d] += (float)((noise.NextDouble() - 0.5) * 0.1);
                        }
                        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
                        System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
                    }
                    assigner.Assign(src with { Id = i, Title = lap == 0 ? src.Title : $"{src.Title} ({lap})", Url = null, TimeMs = i * step, Embedding = vector });
                    assigner.TakeClosed();
                    if (i % rate == rate - 1)
                    {
                        var elapsed = sw.Elapsed;
                        peakState = Math.Max(peakState, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  day {(i + 1) / rate}: {assigner.LiveArticleCount} articles in {assigner.LiveStoryCount} live stories, managed heap over baseline {(GC.GetTotalMemory(false) - baseline) / 1048576.0:0} MB"));
                        sw.Start();
                    }
                }
                var replaySeconds = sw.Elapsed.TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"replay at {rate}/day for {days} days ({options.WindowHours} h window): assignment {total / replaySeconds:0.0} articles/s, window state at most {peakState / 1048576.0:0} MB ({(double)peakState / Math.Max(1, assigner.LiveArticleCount) / 1024:0.0} KB per live article)"));
                GC.KeepAlive(assigner);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MB"));
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    /// <summary>A path under the shared data folder next to the repository (../shared/data); that relative path when it is not found.</summary>
    private static string SharedData(string relative) =>
        SharedDataFolder.Find(relative) ?? Path.GetFullPath(Path.Combine("..", "shared", "data", relative));
}
