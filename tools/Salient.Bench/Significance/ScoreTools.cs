using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Salient.Cli;
using Salient.Embeddings;
using Salient.Significance;
using Salient.Sources;

namespace Salient.Bench.Significance;

/// <summary><c>eval score</c> (the student against labels and over the shared headline stream) and <c>bench score</c> (time per story).</summary>
internal static class ScoreTools
{
    private static readonly CultureInfo Ic = CultureInfo.InvariantCulture;

    /// <summary><c>eval score</c>.</summary>
    public static Command Eval()
    {
        var labels = new Option<string[]>("--labels") { Description = "Labels files to compare the student's factors and score with.", AllowMultipleArgumentsPerToken = true };
        var stream = new Option<bool>("--stream") { Description = "Also score the whole shared headline stream and print its score distribution." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var data = SignificanceCommands.DataOption();
        var cache = SignificanceCommands.CacheOption();
        var day = new Option<string?>("--day")
        {
            Description = "Replay the shared headline stream and AllSides articles day by day through the product's grouping and scoring: with a day (YYYY-MM-DD), its score distribution and top 20 with factors and coverage; without one, the distribution per day.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var cmd = new Command("score", "Spearman and mean absolute error of the student per factor and for the score against labels; --stream and --day score the shared data.") { labels, stream, json, data, cache, day };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct, migrate: false).ConfigureAwait(false);
            var scorer = app.Get<SignificanceScorer>();
            var report = new JsonObject();
            var embeddings = EmbeddingCache.Open(parse.GetValue(cache));
            var embedder = app.Get<TextEmbedder>();
            var patterns = parse.GetValue(labels) ?? [];
            var dayResult = parse.GetResult(day);
            if (patterns.Length == 0 && !parse.GetValue(stream) && dayResult is null)
            {
                throw new UsageException("give --labels FILE, --stream or --day [YYYY-MM-DD]");
            }
            if (dayResult is not null)
            {
                DateOnly? only = null;
                var text = parse.GetValue(day);
                if (!string.IsNullOrWhiteSpace(text))
                {
                    only = DateOnly.TryParseExact(text, "yyyy-MM-dd", Ic, DateTimeStyles.None, out var d)
                        ? d : throw new UsageException($"--day '{text}' is not a day (YYYY-MM-DD)");
                }
                var dir = SharedHeadlines.Locate(parse.GetValue(data))
                    ?? throw new UsageException("the shared data folder was not found; give --data PATH/shared/data");
                var items = ReplayItems(dir);
                var stories = DayReplay.Run(items, scorer, texts => embeddings.Embed(embedder, texts, ct), app.Get<Salient.Stories.StoryOptions>(), OutletRegistry.Default, ct);
                DayReplay.Print(stories, only, Console.Out);
                return ExitCodes.Ok;
            }
            if (patterns.Length > 0)
            {
                var set = SignificanceCommands.LoadLabelled(patterns, parse.GetValue(data));
                var vectors = embeddings.Embed(embedder, set.Select(s => EmbeddingText.Of(s.Title, s.Text)).ToList(), ct);
                var scored = set.Select((s, i) => scorer.Score(vectors[i], s.Coverage)).ToList();
                var predicted = scored.Select(s => s.Factors.ToArray()).ToList();
                var cv = new StudentTrainer(2, scorer.Formula).Evaluate(predicted, set.Select(s => s.Targets).ToList());
                report["labels"] = set.Count;
                report["mae"] = JsonSerializer.SerializeToNode(cv.Mae);
                report["spearman"] = JsonSerializer.SerializeToNode(cv.Spearman);
                report["score_mae"] = cv.ScoreMae;
                report["score_spearman"] = cv.ScoreSpearman;
                if (!parse.GetValue(json))
                {
                    Console.WriteLine($"{set.Count} labelled stories");
                    Console.WriteLine("factor        MAE   Spearman");
                    foreach (var name in Factors.Names)
                    {
                        Console.WriteLine(string.Create(Ic, $"{name,-12} {cv.Mae[name],5:0.00}  {cv.Spearman[name],8:0.000}"));
                    }
                    Console.WriteLine(string.Create(Ic, $"{"score",-12} {cv.ScoreMae,5:0.00}  {cv.ScoreSpearman,8:0.000}"));
                }
            }
            if (parse.GetValue(stream))
            {
                report["stream"] = StreamReport(scorer, texts => embeddings.Embed(embedder, texts, ct), parse.GetValue(data), !parse.GetValue(json));
            }
            if (parse.GetValue(json))
            {
                Console.WriteLine(report.ToJsonString(CliJson.Options));
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>The stream's headlines and the AllSides articles, with their times, for the day replay.</summary>
    private static List<DayReplay.Item> ReplayItems(string dataDir)
    {
        var items = new List<DayReplay.Item>();
        foreach (var (file, id, time, source, lead) in new[]
        {
            (SharedHeadlines.StreamFile, "id", "timestamp_utc", "domain", (string?)null),
            (SharedHeadlines.AllSidesFile, "article_id", "date", "source", "lead"),
        })
        {
            var path = Path.Combine(dataDir, file);
            if (!File.Exists(path))
            {
                continue;
            }
            foreach (var line in File.ReadLines(path))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                using var doc = JsonDocument.Parse(line);
                var e = doc.RootElement;
                if (!DateTimeOffset.TryParse(e.GetProperty(time).GetString(), Ic, DateTimeStyles.AssumeUniversal, out var at))
                {
                    continue;
                }
                items.Add(new DayReplay.Item(e.GetProperty(id).GetString() ?? "", e.GetProperty("title").GetString() ?? "",
                    lead is not null && e.TryGetProperty(lead, out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null,
                    e.TryGetProperty(source, out var s) ? s.GetString() : null, at));
            }
        }
        if (items.Count == 0)
        {
            throw new UsageException($"no headlines found in {dataDir}");
        }
        return items;
    }

    private static JsonObject StreamReport(SignificanceScorer scorer, Func<IReadOnlyList<string>, float[][]> embed, string? dataDir, bool print)
    {
        var dir = SharedHeadlines.Locate(dataDir) ?? throw new UsageException("the shared data folder was not found; give --data PATH/shared/data");
        var items = SharedHeadlines.Load(dir).Items.Values.Where(i => i.Id.StartsWith("fwd", StringComparison.Ordinal)).OrderBy(i => i.Id, StringComparer.Ordinal).ToList();
        var tiers = OutletRegistry.Default;
        var vectors = embed(items.Select(i => EmbeddingText.Of(i.Title, null)).ToList());
        var scored = items.Select((item, i) => scorer.Score(vectors[i], Coverage.Single(tiers.TierOf(item.Source)))).ToList();
        var scores = scored.Select(s => s.Score).ToArray();
        var report = new JsonObject
        {
            ["headlines"] = items.Count,
            ["mean"] = Math.Round(scores.Average(), 2),
            ["share_at_or_above_5_5"] = Math.Round(scores.Count(s => s >= 5.5) / (double)scores.Length, 4),
            ["share_at_or_above_7"] = Math.Round(scores.Count(s => s >= 7) / (double)scores.Length, 4),
            ["share_below_3"] = Math.Round(scores.Count(s => s < 3) / (double)scores.Length, 4),
        };
        var byKind = new JsonObject();
        foreach (var g in items.Select((item, i) => (item.Kind, Score: scores[i])).GroupBy(x => x.Kind).OrderByDescending(g => g.Average(x => x.Score)))
        {
            byKind[g.Key] = new JsonObject { ["n"] = g.Count(), ["mean"] = Math.Round(g.Average(x => x.Score), 2), ["share_5_5"] = Math.Round(g.Count(x => x.Score >= 5.5) / (double)g.Count(), 3) };
        }
        report["by_community"] = byKind;
        var top = items.Select((item, i) => (item, s: scored[i])).OrderByDescending(x => x.s.Score).ThenBy(x => x.item.Id, StringComparer.Ordinal).Take(25).ToList();
        report["top"] = new JsonArray(top.Select(x => (JsonNode)new JsonObject { ["id"] = x.item.Id, ["score"] = x.s.Score, ["title"] = x.item.Title }).ToArray());
        if (print)
        {
            Console.WriteLine();
            Console.WriteLine(string.Create(Ic, $"stream: {items.Count} headlines, mean {scores.Average():0.00}; ≥5.5: {100.0 * scores.Count(s => s >= 5.5) / scores.Length:0.0}%, ≥7: {100.0 * scores.Count(s => s >= 7) / scores.Length:0.0}%, <3: {100.0 * scores.Count(s => s < 3) / scores.Length:0.0}%"));
            Console.WriteLine("histogram:");
            for (var b = 0; b < 10; b++)
            {
                var c = scores.Count(s => s >= b && s < b + 1 || (b == 9 && s >= 10));
                Console.WriteLine(string.Create(Ic, $"  {b,2}–{b + 1,-2} {c,6}  {new string('#', (int)Math.Ceiling(60.0 * c / scores.Length))}"));
            }
            Console.WriteLine("by community (mean, share ≥5.5):");
            foreach (var (key, value) in byKind)
            {
                Console.WriteLine(string.Create(Ic, $"  {key,-16} n={value!["n"],-5} mean {value["mean"]}  ≥5.5 {value["share_5_5"]}"));
            }
            Console.WriteLine("top 25:");
            foreach (var (item, s) in top)
            {
                Console.WriteLine(string.Create(Ic, $"  {s.Score:0.0}  {item.Id}  {Shorten(item.Title, 110)}"));
            }
        }
        return report;
    }

    private static string Shorten(string s, int n) => s.Length <= n ? s : s[..n] + "…";

    /// <summary><c>bench score</c>.</summary>
    public static Command Bench()
    {
        var count = new Option<int>("--count") { Description = "Headlines to score.", DefaultValueFactory = _ => 2000 };
        var data = SignificanceCommands.DataOption();
        var cmd = new Command("score", "Milliseconds per story for embedding and, separately, for scoring on top of the embedding.") { count, data };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct, migrate: false).ConfigureAwait(false);
            var scorer = app.Get<SignificanceScorer>();
            var n = Math.Max(1, parse.GetValue(count));
            var dir = SharedHeadlines.Locate(parse.GetValue(data));
            var titles = dir is null ? [] : SharedHeadlines.Load(dir).Items.Values.Select(i => i.Title).Take(n).ToList();
            while (titles.Count < n)
            {
                titles.Add($"Parliament passes budget bill number {titles.Count} after long debate");
            }
            _ = scorer.Model;
            var embedder = app.Get<TextEmbedder>();
            embedder.Embed(titles.Take(16).ToList(), ct); // load the model before timing
            var sw = Stopwatch.StartNew();
            var vectors = embedder.Embed(titles, ct);
            var embedMs = sw.Elapsed.TotalMilliseconds / n;
            var coverage = Coverage.Single(OutletRegistry.Middle);
            for (var i = 0; i < Math.Min(n, 200); i++)
            {
                scorer.Score(vectors[i], coverage); // warm up
            }
            var rounds = Math.Max(1, 20000 / n);
            sw.Restart();
            double checksum = 0;
            for (var r = 0; r < rounds; r++)
            {
                for (var i = 0; i < n; i++)
                {
                    checksum += scorer.Score(vectors[i], coverage).Score;
                }
            }
            var scoreMs = sw.Elapsed.TotalMilliseconds / (rounds * n);
            Console.WriteLine(string.Create(Ic, $"score: {n} headlines; embedding {embedMs:0.00} ms/story ({1000 / embedMs:0} /s); scoring on top of the embedding {scoreMs:0.0000} ms/story ({1000 / scoreMs:0} /s) [checksum {checksum / (rounds * n):0.00}]"));
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
