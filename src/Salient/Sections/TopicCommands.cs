using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Salient.Cli;
using Salient.Embeddings;
using Salient.Sources;

namespace Salient.Sections;

/// <summary><c>salient topics train</c>: fits the desk classifier on our desk labels and the shared data, with cross-validated figures.</summary>
internal sealed class TopicCommands : ICommandModule
{
    private static readonly CultureInfo Ic = CultureInfo.InvariantCulture;

    /// <summary>Communities of the shared headline stream that name a desk: their posts are that desk's examples and are what is measured.</summary>
    internal static readonly IReadOnlyDictionary<string, string> CommunityDesks = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["technology"] = "technology", ["science"] = "science", ["sports"] = "sports", ["television"] = "culture", ["politics"] = "politics",
    };

    /// <summary>AllSides' editorial topics that name one desk; the others are left out.</summary>
    internal static readonly IReadOnlyDictionary<string, string> AllSidesTopics = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Coronavirus"] = "health", ["Safety and Sanity During COVID-19"] = "health", ["COVID-19 Misinformation"] = "health", ["Public Health"] = "health",
        ["FDA"] = "health", ["Healthcare"] = "health",
        ["Economy and Jobs"] = "business", ["Economic Policy"] = "business", ["Banking and Finance"] = "business", ["Treasury"] = "business",
        ["US House"] = "politics", ["US Senate"] = "politics", ["Elections"] = "politics", ["Voting Rights and Voter Fraud"] = "politics",
        ["Donald Trump"] = "politics", ["Joe Biden"] = "politics", ["White House"] = "politics", ["Politics"] = "politics", ["Republican Party"] = "politics",
        ["Kamala Harris"] = "politics", ["Campaign Rhetoric"] = "politics", ["Domestic Policy"] = "politics", ["Immigration"] = "politics",
        ["Middle East"] = "conflict", ["Israel"] = "conflict", ["US Military"] = "conflict", ["Defense Department"] = "conflict", ["National Defense"] = "conflict",
        ["Violence in America"] = "crime", ["Criminal Justice"] = "crime", ["Justice Department"] = "crime", ["FBI"] = "crime", ["Justice"] = "crime",
        ["Disaster"] = "society", ["Race and Racism"] = "society", ["LGBT Rights"] = "society", ["Education"] = "society", ["Religion and Faith"] = "society",
        ["Family and Marriage"] = "society", ["Housing and Homelessness"] = "society",
        ["Technology"] = "technology", ["Cybersecurity"] = "technology", ["Science"] = "science",
        ["Climate Change"] = "environment", ["Sustainability"] = "environment",
        ["Sports"] = "sports", ["Culture"] = "culture", ["Media Industry"] = "culture", ["Holidays"] = "lifestyle", ["Food"] = "lifestyle",
    };

    public IEnumerable<(string? Parent, Command Command)> Commands()
    {
        yield return ("topics", Train());
    }

    private static Command Train()
    {
        var labels = new Option<string[]>("--labels") { Description = "Desk label files (JSON Lines {id, desk, also}); default: data/labels/topics/*.jsonl in the repository.", AllowMultipleArgumentsPerToken = true };
        var data = new Option<string?>("--data") { Description = "The shared data folder (default: ../shared/data beside the repository)." };
        var output = new Option<string?>("--output") { Description = "Where to write the model (default: src/Salient/Sections/Model/topics.json in the repository)." };
        var cache = new Option<string?>("--embedding-cache") { Description = "A file keeping embeddings between runs." };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds.", DefaultValueFactory = _ => 5 };
        var cmd = new Command("train", "Fit the desk classifier on the desk labels, the shared stream's desk communities and AllSides' topics; print cross-validated macro-F1 against a keyword baseline.")
        {
            labels, data, output, cache, folds,
        };
        cmd.SetAction((parse, ct) =>
        {
            var k = parse.GetValue(folds);
            if (k is < 2 or > 20)
            {
                throw new UsageException($"--folds must be from 2 to 20, got {k}");
            }
            var root = RepositoryRoot();
            var dataDir = parse.GetValue(data) ?? SharedDataFolder.Find()
                ?? throw new UsageException("the shared data folder was not found; give it with --data (the folder holding fwd_reddit_headlines and allsides_neus)");
            var stream = Path.Combine(dataDir, "fwd_reddit_headlines", "headlines_2021-11_2022-07.jsonl");
            var allsides = Path.Combine(dataDir, "allsides_neus", "allsides_2021_articles.jsonl");
            var stories = Path.Combine(dataDir, "allsides_neus", "allsides_2021_stories.jsonl");
            foreach (var f in new[] { stream, allsides, stories })
            {
                if (!File.Exists(f))
                {
                    throw new UsageException($"{f} not found; give the shared data folder with --data");
                }
            }
            var labelFiles = LabelFiles(parse.GetValue(labels), root);
            var items = new List<(string Id, string Text, string Title, string? Outlet, string Desk, double Weight, string? Measured)>();
            var texts = new Dictionary<string, (string Text, string Title, string? Outlet)>(StringComparer.Ordinal);
            foreach (var row in ReadJsonLines(stream))
            {
                var id = row.GetProperty("id").GetString()!;
                var title = row.GetProperty("title").GetString() ?? "";
                var outlet = row.TryGetProperty("url", out var u) ? u.GetString() : null;
                texts[id] = (EmbeddingText.Of(title, null), title, outlet);
                var community = row.TryGetProperty("subreddit", out var s) ? s.GetString() : null;
                if (community is not null && CommunityDesks.TryGetValue(community, out var desk))
                {
                    items.Add((id, texts[id].Text, title, outlet, desk, 1.0, community));
                }
            }
            var topicOf = ReadJsonLines(stories).ToDictionary(r => r.GetProperty("story_id").GetString()!, r => r.GetProperty("topic").GetString() ?? "", StringComparer.Ordinal);
            var allsidesCount = 0;
            foreach (var row in ReadJsonLines(allsides))
            {
                var id = row.GetProperty("article_id").GetString()!;
                var title = row.GetProperty("title").GetString() ?? "";
                var lead = row.TryGetProperty("lead", out var l) ? l.GetString() : null;
                var outlet = row.TryGetProperty("url", out var u) ? u.GetString() : null;
                texts[id] = (EmbeddingText.Of(title, lead), title, outlet);
                if (topicOf.TryGetValue(row.GetProperty("story_id").GetString() ?? "", out var topic) && AllSidesTopics.TryGetValue(topic, out var desk))
                {
                    items.Add((id, texts[id].Text, title, outlet, desk, 1.0, null));
                    allsidesCount++;
                }
            }
            var labelled = 0;
            var measuredIds = items.Where(i => i.Measured is not null).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var (labelFile, line, label) in TopicLabels.Read(labelFiles))
            {
                if (!texts.TryGetValue(label.Id, out var t))
                {
                    throw new UsageException($"{labelFile} line {line}: id '{label.Id}' is in neither shared data file; check the id or the --data folder");
                }
                if (measuredIds.Contains(label.Id))
                {
                    continue; // a community that names a desk already labels it, and it is measured
                }
                items.RemoveAll(i => string.Equals(i.Id, label.Id, StringComparison.Ordinal));
                items.Add((label.Id, t.Text, t.Title, t.Outlet, label.Desk, 2.0, null));
                labelled++;
            }
            Console.Error.WriteLine($"{items.Count} examples: {items.Count(i => i.Measured is not null)} from the stream's desk communities, {allsidesCount} AllSides articles by topic, {labelled} desk labels");
            using var embedder = new TextEmbedder();
            var vectors = EmbeddingCache.Open(parse.GetValue(cache)).Embed(embedder, items.Select(i => i.Text).ToList(), ct);
            var registry = OutletRegistry.Default;
            var vocabulary = DefaultSources.Load().Select(s => s.Category).OfType<string>().Where(c => c.Length > 0)
                .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
            var examples = items.Select((item, n) => new TopicExample(item.Id,
                TopicModel.Features(vectors[n], [registry.Find(null, item.Outlet)?.Desk], vocabulary),
                Desks.IndexOf(item.Desk), item.Weight, item.Measured, item.Title)).ToList();
            var eval = TopicTrainer.CrossValidate(examples, vocabulary, k, m => Console.Error.WriteLine(m), ct);
            Console.WriteLine(string.Create(Ic, $"primary desk, {eval.Measured} posts of the stream's desk communities (technology, science, sports, television → culture, politics), {k}-fold cross-validated:"));
            Console.WriteLine(string.Create(Ic, $"  {"",-12} {"classifier",10} {"keywords",10}"));
            foreach (var desk in eval.F1ByDesk.Keys)
            {
                Console.WriteLine(string.Create(Ic, $"  {desk,-12} {eval.F1ByDesk[desk],10:0.000} {eval.BaselineF1ByDesk[desk],10:0.000}"));
            }
            Console.WriteLine(string.Create(Ic, $"  {"macro-F1",-12} {eval.MacroF1,10:0.000} {eval.BaselineMacroF1,10:0.000}"));
            Console.WriteLine(string.Create(Ic, $"  {"accuracy",-12} {eval.Accuracy,10:0.000} {eval.BaselineAccuracy,10:0.000}"));
            var file = TopicTrainer.Fit(examples, vocabulary, ct);
            file.Trained["examples"] = examples.Count.ToString(Ic);
            file.Trained["desk_labels"] = labelled.ToString(Ic);
            file.Trained["allsides_articles"] = allsidesCount.ToString(Ic);
            file.Trained["community_posts"] = eval.Measured.ToString(Ic);
            file.Trained["cv_macro_f1"] = eval.MacroF1.ToString("0.000", Ic);
            file.Trained["cv_keyword_baseline_macro_f1"] = eval.BaselineMacroF1.ToString("0.000", Ic);
            var path = parse.GetValue(output) ?? (root is null
                ? throw new UsageException("not inside the repository: give --output PATH for the model")
                : Path.Combine(root, "src", "Salient", "Sections", "Model", "topics.json"));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, JsonSerializer.Serialize(file) + "\n");
            Console.Error.WriteLine($"wrote {path}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    private static List<string> LabelFiles(string[]? given, string? root)
    {
        if (given is { Length: > 0 })
        {
            var files = new List<string>();
            foreach (var g in given)
            {
                if (Directory.Exists(g))
                {
                    files.AddRange(Directory.GetFiles(g, "*.jsonl").Order(StringComparer.Ordinal));
                }
                else if (File.Exists(g))
                {
                    files.Add(g);
                }
                else
                {
                    throw new UsageException($"--labels: {g} is neither a file nor a folder");
                }
            }
            return files;
        }
        var folder = root is null ? null : Path.Combine(root, "data", "labels", "topics");
        return folder is not null && Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal)]
            : throw new UsageException("no desk labels found: give them with --labels (data/labels/topics in the repository)");
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Salient.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    private static IEnumerable<JsonElement> ReadJsonLines(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                using var doc = JsonDocument.Parse(line);
                yield return doc.RootElement.Clone();
            }
        }
    }
}

/// <summary>One desk label: an item of the shared data (by id), its primary desk and any secondary ones.</summary>
internal sealed record TopicLabel(string Id, string Desk, IReadOnlyList<string> Also);

/// <summary>Reads desk label files (JSON Lines <c>{id, desk, also}</c>); a bad line stops with its file, line and what is wrong.</summary>
internal static class TopicLabels
{
    public static IEnumerable<(string File, int Line, TopicLabel Label)> Read(IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            foreach (var (n, text) in JsonLines.Read(new StringReader(File.ReadAllText(file))))
            {
                yield return (file, n, Parse(text, $"{file} line {n}"));
            }
        }
    }

    public static TopicLabel Parse(string line, string where)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                || !e.TryGetProperty("desk", out var desk) || desk.ValueKind != JsonValueKind.String)
            {
                throw new UsageException($"{where}: expected {{\"id\": \"…\", \"desk\": \"…\", \"also\": […]}}");
            }
            var slug = desk.GetString()!;
            if (Desks.IndexOf(slug) < 0)
            {
                throw new UsageException($"{where}: '{slug}' is not a desk; use one of {string.Join(", ", Desks.Slugs)}");
            }
            var also = new List<string>();
            if (e.TryGetProperty("also", out var a) && a.ValueKind == JsonValueKind.Array)
            {
                foreach (var x in a.EnumerateArray())
                {
                    if (x.ValueKind != JsonValueKind.String || Desks.IndexOf(x.GetString()!) < 0)
                    {
                        throw new UsageException($"{where}: 'also' must list desks ({string.Join(", ", Desks.Slugs)})");
                    }
                    also.Add(x.GetString()!);
                }
            }
            return new TopicLabel(id.GetString()!, slug, also);
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{where}: not valid JSON ({ex.Message})");
        }
    }
}
