using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Salient.Cli;
using Salient.Embeddings;
using Salient.Pipeline;
using Salient.Storage;
using Salient.Stories;
using Salient.Writing;

namespace Salient.Bench.Web;

/// <summary>
/// <c>bench day-store</c>: a store shaped like one real day of news, written through the product's own stores in the
/// order the pipeline writes (feed items, extracted text, embeddings, grouping, the real scoring stage, titles and
/// summaries), without fetching or embedding anything. With <c>--append</c> it keeps adding articles to an existing
/// store at a pace, as a running ingest does, so pages can be measured while the store is being written.
/// </summary>
internal static class DayStore
{
    public static Command Command()
    {
        var output = new Option<string>("--out") { Description = "The SQLite file to write (created; with --append it must exist).", Required = true };
        var articles = new Option<int>("--articles") { Description = "Articles to store.", DefaultValueFactory = _ => 12_400 };
        var stories = new Option<int>("--stories") { Description = "Stories they form (about; the largest story comes on top).", DefaultValueFactory = _ => 8_800 };
        var largest = new Option<int>("--largest") { Description = "Articles in the largest story.", DefaultValueFactory = _ => 43 };
        var sources = new Option<int>("--sources") { Description = "Feeds the articles come from.", DefaultValueFactory = _ => 1_000 };
        var append = new Option<bool>("--append") { Description = "Add articles to an existing store as a running ingest would, batch by batch, until --seconds have passed." };
        var seconds = new Option<double>("--seconds") { Description = "With --append: how long to keep writing.", DefaultValueFactory = _ => 60 };
        var batch = new Option<int>("--batch") { Description = "With --append: articles per poll (one feed's items).", DefaultValueFactory = _ => 20 };
        var rate = new Option<double>("--rate") { Description = "With --append: at most this many articles a second (10: a 13,000-article day in the 20 minutes 'ingest --once' takes); 0 for as fast as it can.", DefaultValueFactory = _ => 10 };
        var cmd = new Command("day-store", "Write a store shaped like one real day (~12,400 articles in ~8,800 stories, the largest 43 articles) through the product's stores; or, with --append, keep writing into one.")
            { output, articles, stories, largest, sources, append, seconds, batch, rate };
        cmd.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(output)!;
            var n = parse.GetValue(articles);
            var m = parse.GetValue(stories);
            var big = parse.GetValue(largest);
            var feeds = parse.GetValue(sources);
            if (n < 10 || m < 1 || m > n || big < 1 || big > n - m + 1 || feeds < 1)
            {
                throw new UsageException("--articles must be at least 10, --stories from 1 to --articles, --largest from 1 to articles - stories + 1 and --sources at least 1");
            }
            if (parse.GetValue(append))
            {
                if (!File.Exists(path))
                {
                    throw new UsageException($"--out {path} does not exist; --append writes into a store made by 'bench day-store --out {path}' first");
                }
                await using var live = await SalientApp.OpenAsync(path, null, ct).ConfigureAwait(false);
                var perSecond = parse.GetValue(rate);
                if (perSecond < 0 || double.IsNaN(perSecond))
                {
                    throw new UsageException($"--rate is {perSecond}; give articles a second (0 for no limit)");
                }
                var added = await AppendAsync(live, TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(seconds), 1, 3600)), Math.Clamp(parse.GetValue(batch), 1, 500), perSecond, ct).ConfigureAwait(false);
                Console.Error.WriteLine($"appended {added:N0} articles to {path}");
                return ExitCodes.Ok;
            }
            if (File.Exists(path))
            {
                throw new UsageException($"--out {path} exists; give a new file (or --append to write into it)");
            }
            await using var app = await SalientApp.OpenAsync(path, null, ct).ConfigureAwait(false);
            await WriteAsync(app, n, m, big, feeds, DateTimeOffset.UtcNow, ct).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private const int Topics = 300;

    /// <summary>Writes the day: returns nothing, prints what it did and how long each step took.</summary>
    public static async Task WriteAsync(SalientApp app, int articleCount, int storyCount, int largest, int sourceCount, DateTimeOffset now, CancellationToken ct)
    {
        var rng = new Random(12_387);
        var watch = Stopwatch.StartNew();
        var sourceStore = app.Get<SourceStore>();
        var articleStore = app.Get<ArticleStore>();
        var storyStore = app.Get<StoryStore>();
        string[] countries = ["GB", "US", "FR", "DE", "IN", "JP", "BR", "ZA", "AU", "KE", "MX", "CA", "IT", "ES", "NG"];
        await sourceStore.AddAsync(Enumerable.Range(1, sourceCount).Select(i => new NewSource($"https://outlet{i}.example/feed.xml", $"Outlet {i:0000}",
            $"https://outlet{i}.example/", countries[i % countries.Length], "en", 1 + (i % 3))).ToList(), byUser: true, 900, ct).ConfigureAwait(false);
        var sourceIds = (await sourceStore.ListAsync(ct).ConfigureAwait(false)).Select(s => s.Id).ToArray();

        // Story sizes: one of `largest`, a tail of mid-sized ones, and mostly single articles, summing to articleCount.
        var sizes = new int[storyCount];
        Array.Fill(sizes, 1);
        sizes[0] = largest;
        var extra = articleCount - storyCount - (largest - 1);
        for (var i = 1; extra > 0 && storyCount > 1; i = i % (storyCount - 1) + 1)
        {
            // Zipf-like: story i gets about largest / i more, clipped to what is left.
            var add = Math.Min(extra, Math.Max(1, (int)(largest * 0.6 / Math.Sqrt(i)) - sizes[i] + 1));
            if (i > storyCount / 4)
            {
                add = Math.Min(add, 1);
            }
            sizes[i] += add;
            extra -= add;
        }
        // Articles in time order over the last 24 hours; each belongs to a story, whose articles follow its first within hours.
        var dayStart = now.AddHours(-24);
        var plan = new List<(int Story, DateTimeOffset At)>(articleCount);
        for (var s = 0; s < storyCount; s++)
        {
            var first = dayStart.AddSeconds(rng.NextDouble() * 23.5 * 3600);
            for (var k = 0; k < sizes[s]; k++)
            {
                var at = k == 0 ? first : first.AddSeconds(rng.NextDouble() * Math.Min(12 * 3600, (now - first).TotalSeconds));
                plan.Add((s, at));
            }
        }
        plan.Sort((a, b) => a.At.CompareTo(b.At));
        var topics = Enumerable.Range(0, Topics).Select(_ => RandomVector(rng)).ToArray();
        var storyTopic = Enumerable.Range(0, storyCount).Select(_ => rng.Next(Topics)).ToArray();
        var storyWords = Enumerable.Range(0, storyCount).Select(_ => Enumerable.Range(0, 6).Select(_ => BenchData.Word(rng)).ToArray()).ToArray();

        // Feed items, one poll of one source at a time, as ingest stores them.
        var items = new Dictionary<long, List<IncomingItem>>();
        var byUrl = new List<(string Url, int Story, DateTimeOffset At)>(articleCount);
        foreach (var (story, at) in plan)
        {
            var source = sourceIds[rng.Next(sourceIds.Length)];
            var n = byUrl.Count + 1;
            var url = $"https://outlet{source}.example/news/{n}";
            var w = storyWords[story];
            var title = $"{Cap(w[0])} {w[1]} as {w[2]} {w[3]} over {w[4]} {BenchData.Word(rng)}";
            var summary = Sentences(rng, w, 2);
            (items.TryGetValue(source, out var list) ? list : items[source] = []).Add(new IncomingItem(url, url, url, $"h{n}", $"c{n}", title, summary, null, null, null, at, null));
            byUrl.Add((url, story, at));
        }
        foreach (var (source, list) in items)
        {
            foreach (var chunk in list.Chunk(50))
            {
                await articleStore.IngestAsync(source, chunk, ct).ConfigureAwait(false);
            }
        }
        Console.Error.WriteLine($"{watch.Elapsed.TotalSeconds,6:0.0} s  {articleCount:N0} feed items stored from {sourceCount:N0} feeds");
        var ids = await ArticleIdsAsync(app, ct).ConfigureAwait(false);
        var planned = byUrl.Select(p => (Id: ids[p.Url], p.Story, p.At)).ToList();

        // Extracted text of real sizes: a lead, 2–6 KB of text and its HTML.
        foreach (var chunk in planned.Chunk(200))
        {
            await articleStore.SaveExtractionsAsync(chunk.Select(p => Extraction(rng, p.Id, storyWords[p.Story], p.At)).ToList(), ct).ConfigureAwait(false);
        }
        Console.Error.WriteLine($"{watch.Elapsed.TotalSeconds,6:0.0} s  text stored");
        var vectors = new Dictionary<long, float[]>(planned.Count);
        foreach (var chunk in planned.Chunk(500))
        {
            var batch = chunk.Select(p => (p.Id, Near(rng, topics[storyTopic[p.Story]], 0.9))).ToList();
            foreach (var (id, v) in batch)
            {
                vectors[id] = v;
            }
            await storyStore.SaveEmbeddingsAsync(batch, ct).ConfigureAwait(false);
        }
        Console.Error.WriteLine($"{watch.Elapsed.TotalSeconds,6:0.0} s  embeddings stored");

        // Grouping in time order, batch by batch, as the group stage applies it: new stories, growing stories, centroids.
        var storyIds = new long[storyCount];
        var members = new Dictionary<long, List<long>>();
        long nextStory = 1;
        foreach (var chunk in planned.Chunk(64))
        {
            var assignments = new List<Assignment>();
            var touched = new HashSet<long>();
            foreach (var p in chunk)
            {
                var created = storyIds[p.Story] == 0;
                if (created)
                {
                    storyIds[p.Story] = nextStory++;
                    members[storyIds[p.Story]] = [];
                }
                var sid = storyIds[p.Story];
                members[sid].Add(p.Id);
                assignments.Add(new Assignment(p.Id, sid, created, false, []));
                touched.Add(sid);
            }
            var facts = touched.Select(s => new StoryStore.LiveFacts(s, Centroid(members[s].Select(a => vectors[a])), members[s][0])).ToList();
            await storyStore.ApplyAsync(new StoryStore.GroupChanges(assignments, [], facts), now, ct).ConfigureAwait(false);
        }
        Console.Error.WriteLine($"{watch.Elapsed.TotalSeconds,6:0.0} s  {storyCount:N0} stories grouped");
        var scored = await ScoreAllAsync(app, ct).ConfigureAwait(false);
        Console.Error.WriteLine($"{watch.Elapsed.TotalSeconds,6:0.0} s  {scored:N0} stories scored by the scoring stage");
        var written = await WriteAllAsync(app, now, ct).ConfigureAwait(false);
        Console.Error.WriteLine($"{watch.Elapsed.TotalSeconds,6:0.0} s  {written:N0} titles and summaries written");
        Console.Error.WriteLine($"{watch.Elapsed.TotalSeconds,6:0.0} s  done: {articleCount:N0} articles, {storyCount:N0} stories, the largest {largest} articles");
    }

    /// <summary>
    /// Keeps adding articles as a running ingest does, until <paramref name="duration"/> has passed, at most
    /// <paramref name="perSecond"/> a second (0: no limit): a poll's items, their text, embeddings, grouping (a third join
    /// stories of the last hours, the rest start new ones), then the real scoring stage and titles. Returns how many
    /// articles were added.
    /// </summary>
    public static async Task<int> AppendAsync(SalientApp app, TimeSpan duration, int batch, double perSecond, CancellationToken ct)
    {
        var rng = new Random(Environment.ProcessId);
        var articleStore = app.Get<ArticleStore>();
        var storyStore = app.Get<StoryStore>();
        var sourceIds = (await app.Get<SourceStore>().ListAsync(ct).ConfigureAwait(false)).Select(s => s.Id).ToArray();
        if (sourceIds.Length == 0)
        {
            throw new UsageException("the store has no sources; make it with 'bench day-store --out FILE' first");
        }
        var (window, nextStory) = await storyStore.LiveWindowAsync(72 * 3_600_000L, 200, ct).ConfigureAwait(false);
        var live = window.Where(g => g.StoryId is not null).GroupBy(g => g.StoryId!.Value)
            .ToDictionary(g => g.Key, g => g.Select(x => (x.Article.Id, x.Article.Embedding)).ToList());
        var liveIds = live.Keys.ToList();
        var watch = Stopwatch.StartNew();
        var added = 0;
        while (watch.Elapsed < duration && !ct.IsCancellationRequested)
        {
            var now = DateTimeOffset.UtcNow;
            var source = sourceIds[rng.Next(sourceIds.Length)];
            var stamp = $"{Environment.ProcessId}-{now.ToUnixTimeMilliseconds()}-{rng.Next():x}";
            var picks = Enumerable.Range(0, batch).Select(_ => rng.NextDouble() < 0.33 && liveIds.Count > 0 ? liveIds[rng.Next(liveIds.Count)] : 0L).ToList();
            var words = picks.Select(_ => Enumerable.Range(0, 6).Select(_ => BenchData.Word(rng)).ToArray()).ToList();
            var incoming = picks.Select((_, i) =>
            {
                var url = $"https://outlet{source}.example/live/{stamp}/{i}";
                var w = words[i];
                return new IncomingItem(url, url, url, $"h{stamp}{i}", $"c{stamp}{i}", $"{Cap(w[0])} {w[1]} as {w[2]} {w[3]} over {w[4]}", Sentences(rng, w, 2), null, null, null, now, null);
            }).ToList();
            await articleStore.IngestAsync(source, incoming, ct).ConfigureAwait(false);
            var ids = await ArticleIdsAsync(app, ct, incoming.Select(i => i.CanonicalUrl).ToList()).ConfigureAwait(false);
            var newIds = incoming.Select(i => ids[i.CanonicalUrl]).ToList();
            await articleStore.SaveExtractionsAsync(newIds.Select((id, i) => Extraction(rng, id, words[i], now)).ToList(), ct).ConfigureAwait(false);
            var vectors = newIds.Select((id, i) => (id, picks[i] != 0 ? Near(rng, live[picks[i]][0].Embedding, 0.3) : RandomVector(rng))).ToList();
            await storyStore.SaveEmbeddingsAsync(vectors, ct).ConfigureAwait(false);
            var assignments = new List<Assignment>();
            var touched = new HashSet<long>();
            for (var i = 0; i < newIds.Count; i++)
            {
                var created = picks[i] == 0;
                var sid = created ? nextStory++ : picks[i];
                if (created)
                {
                    live[sid] = [];
                    liveIds.Add(sid);
                }
                live[sid].Add((newIds[i], vectors[i].Item2));
                assignments.Add(new Assignment(newIds[i], sid, created, false, []));
                touched.Add(sid);
            }
            var facts = touched.Select(s => new StoryStore.LiveFacts(s, Centroid(live[s].Select(a => a.Embedding)), live[s][0].Id)).ToList();
            await storyStore.ApplyAsync(new StoryStore.GroupChanges(assignments, [], facts), now, ct).ConfigureAwait(false);
            await ScoreAllAsync(app, ct).ConfigureAwait(false);
            await WriteAllAsync(app, now, ct).ConfigureAwait(false);
            added += newIds.Count;
            // Keep to the rate: a running ingest is paced by its feeds, not by how fast the store takes them.
            var left = duration - watch.Elapsed;
            if (perSecond > 0 && TimeSpan.FromSeconds(added / perSecond) - watch.Elapsed is { Ticks: > 0 } ahead && left > TimeSpan.Zero)
            {
                await Task.Delay(ahead < left ? ahead : left, ct).ConfigureAwait(false);
            }
        }
        return added;
    }

    /// <summary>Runs the product's scoring stage until nothing is left to score.</summary>
    private static async Task<long> ScoreAllAsync(SalientApp app, CancellationToken ct)
    {
        var stage = app.Services.GetServices<IPipelineStage>().Single(s => s.Name == "score");
        long total = 0;
        while (await stage.RunBatchAsync(ct).ConfigureAwait(false) is var n and > 0)
        {
            total += n;
        }
        return total;
    }

    /// <summary>Titles and summaries for every story waiting for them, taken from its first articles (what the extractive writer does for one-article stories).</summary>
    private static async Task<long> WriteAllAsync(SalientApp app, DateTimeOffset now, CancellationToken ct)
    {
        var store = app.Get<StoryStore>();
        long total = 0;
        while (await store.ClaimToWriteAsync("bench-day-store", TimeSpan.FromMinutes(5), 200, ct).ConfigureAwait(false) is { Count: > 0 } claimed)
        {
            foreach (var story in claimed)
            {
                var articles = await store.ArticlesToWriteAsync(story.Id, 3, ct).ConfigureAwait(false);
                if (articles.Count == 0)
                {
                    await store.KeepWritingAsync(story, ct).ConfigureAwait(false);
                    continue;
                }
                var sentences = articles.Select((a, i) => new SummarySentence(FirstSentence(a.Article.Text) ?? a.Article.Title, i)).Take(3).ToList();
                await store.SaveWritingAsync(story, new WrittenStory(articles[0].Article.Title, 0, sentences, WrittenStory.Extractive),
                    articles.Select(a => a.Id).ToList(), now, ct).ConfigureAwait(false);
                total++;
            }
        }
        return total;
    }

    private static string? FirstSentence(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? text[..(end + 1)] : text;
    }

    private static async Task<Dictionary<string, long>> ArticleIdsAsync(SalientApp app, CancellationToken ct, IReadOnlyList<string>? urls = null)
    {
        var wanted = urls?.ToHashSet(StringComparer.Ordinal);
        var rows = urls is null
            ? await app.Get<ArticleStore>().AllAsync(ct).ConfigureAwait(false)
            : await app.Get<ArticleStore>().LatestAsync(Math.Max(urls.Count * 4, 200), ct).ConfigureAwait(false);
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (wanted is null || wanted.Contains(r.CanonicalUrl))
            {
                ids[r.CanonicalUrl] = r.Id;
            }
        }
        return ids;
    }

    private static ExtractionOutcome Extraction(Random rng, long id, string[] w, DateTimeOffset at)
    {
        var text = new StringBuilder();
        var target = 2_000 + rng.Next(4_000);
        while (text.Length < target)
        {
            text.Append(Sentences(rng, w, 3)).Append("\n\n");
        }
        var body = text.ToString();
        return new ExtractionOutcome(id, "page", null, $"By {Cap(BenchData.Word(rng))} {Cap(BenchData.Word(rng))}", null, "en",
            body.Length > 280 ? body[..280] : body, body, at);
    }

    private static string Sentences(Random rng, string[] w, int count)
    {
        var b = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            b.Append(CultureInfo.InvariantCulture, $"{Cap(BenchData.Word(rng))} {w[rng.Next(w.Length)]} said the {w[rng.Next(w.Length)]} would affect {BenchData.Word(rng)} ")
             .Append(CultureInfo.InvariantCulture, $"and {BenchData.Word(rng)} across the {BenchData.Word(rng)} after weeks of {BenchData.Word(rng)}. ");
        }
        return b.ToString().TrimEnd();
    }

    private static string Cap(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    private static float[] RandomVector(Random rng) => Unit(Enumerable.Range(0, TextEmbedder.Dimensions).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray());

    /// <summary>A unit vector near <paramref name="direction"/>: embeddings of one subject lie close together.</summary>
    private static float[] Near(Random rng, float[] direction, double noise) =>
        Unit(direction.Select(x => x + (float)((rng.NextDouble() - 0.5) * noise / 8)).ToArray());

    private static float[] Centroid(IEnumerable<float[]> vectors)
    {
        var sum = new float[TextEmbedder.Dimensions];
        foreach (var v in vectors)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(sum, v, sum);
        }
        return Unit(sum);
    }

    private static float[] Unit(float[] v)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(v);
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(v, norm, v);
        }
        return v;
    }
}
