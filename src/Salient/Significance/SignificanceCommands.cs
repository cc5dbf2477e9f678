using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Salient.Cli;
using Salient.Embeddings;
using Salient.Llm;
using Salient.Sources;
using Salient.Storage;

namespace Salient.Significance;

/// <summary><c>salient label</c>, <c>train</c> and <c>score</c>.</summary>
internal sealed class SignificanceCommands : ICommandModule
{
    private static readonly CultureInfo Ic = CultureInfo.InvariantCulture;

    public IEnumerable<(string? Parent, Command Command)> Commands()
    {
        yield return (null, Label());
        yield return (null, Train());
        yield return (null, Score());
        yield return ("feedback", FeedbackList());
        yield return ("feedback", FeedbackExport());
    }

    private static Command FeedbackList()
    {
        var limit = new Option<int>("--limit") { Description = "How many verdicts, most recent first.", DefaultValueFactory = _ => 50 };
        var cmd = new Command("list", "The latest verdicts on stories' scores: when, which story, which way, the score then and now.") { limit };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct).ConfigureAwait(false);
            var recent = await app.Get<FeedbackStore>().RecentAsync(Math.Max(1, parse.GetValue(limit)), ct).ConfigureAwait(false);
            if (recent.Count == 0)
            {
                Console.WriteLine("no feedback yet");
                return ExitCodes.Ok;
            }
            foreach (var f in recent)
            {
                var now = f.CurrentScore is { } c ? c.ToString("0.0", Ic) : "gone";
                Console.WriteLine(string.Create(Ic, $"{f.At:yyyy-MM-dd HH:mm}  story {f.StoryId,-8} {f.Verdict,-6} {(f.ByAdmin ? "admin" : "reader"),-6} then {f.ShownScore:0.0} now {now}  {f.Title}"));
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command FeedbackExport()
    {
        var output = new Option<string?>("--output") { Description = "File to write (default: standard output)." };
        var cmd = new Command("export", "Every verdict as JSON Lines {id, story, verdict, by, shown, title, text, source, outlets, at}, for 'salient train --feedback FILE'.") { output };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct).ConfigureAwait(false);
            var all = await app.Get<FeedbackStore>().AllAsync(ct).ConfigureAwait(false);
            var path = parse.GetValue(output);
            var file = path is null ? null : new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
            await using (file)
            {
                var writer = (TextWriter?)file ?? Console.Out;
                foreach (var f in all)
                {
                    await writer.WriteLineAsync(FeedbackLabels.ToJsonLine(f)).ConfigureAwait(false);
                }
                await writer.FlushAsync(ct).ConfigureAwait(false);
            }
            await Console.Error.WriteLineAsync($"{all.Count} verdicts exported{(path is null ? "" : " to " + path)}").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    internal static Option<string?> CacheOption() => new("--embedding-cache") { Description = "A file keeping embeddings between runs, so retraining does not embed every headline again." };

    internal static Option<string?> DataOption() => new("--data") { Description = "The shared data folder holding the labelled headlines (default: ../shared/data beside the repository)." };

    // ---------------------------------------------------------------- score

    private static Command Score()
    {
        var input = new Option<string>("--input") { Description = "JSON Lines {id, title, text, source, published, outlets}; '-' reads standard input.", Required = true };
        var output = new Option<string?>("--output") { Description = "Where to write {id, score, factors} lines (default: standard output)." };
        var cmd = new Command("score", "Score stories from a file with the student model: one {id, score, factors} line per input line, in order; a bad line is reported and skipped (exit code 1).") { input, output };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct, migrate: false).ConfigureAwait(false);
            var scorer = app.Get<SignificanceScorer>();
            _ = scorer.Model; // fail before reading input when the model is missing
            var tagger = app.Get<Sections.SectionTagger>();
            _ = tagger.Model;
            var path = parse.GetValue(input)!;
            var name = JsonLines.InputName(path);
            using var reader = JsonLines.OpenInput(path, "one item a line");
            await using var writer = OpenOutput(parse.GetValue(output));
            var bad = 0;
            void Bad(string message)
            {
                if (++bad <= MessagesShown)
                {
                    Console.Error.WriteLine($"salient: {message}; line skipped");
                }
            }
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var repeats = 0;
            var chunk = new List<BatchItem>(256);
            var count = 0;
            foreach (var item in ScoreInput.Read(reader, name, Bad))
            {
                if (!ids.Add(item.Id.GetRawText()) && ++repeats <= MessagesShown)
                {
                    await Console.Error.WriteLineAsync($"salient: warning: {name}: id {item.Id.GetRawText()} is used by more than one item; each is scored and written (give each item its own id)").ConfigureAwait(false);
                }
                chunk.Add(item);
                if (chunk.Count == 256)
                {
                    count += await WriteScoresAsync(scorer, tagger, chunk, writer, ct).ConfigureAwait(false);
                    chunk.Clear();
                }
            }
            count += await WriteScoresAsync(scorer, tagger, chunk, writer, ct).ConfigureAwait(false);
            if (bad > MessagesShown)
            {
                await Console.Error.WriteLineAsync($"salient: {name}: {bad - MessagesShown} more bad lines skipped").ConfigureAwait(false);
            }
            if (repeats > MessagesShown)
            {
                await Console.Error.WriteLineAsync($"salient: warning: {name}: {repeats} items in all repeat an earlier item's id").ConfigureAwait(false);
            }
            var stories = count == 1 ? "story" : "stories";
            await Console.Error.WriteLineAsync(bad == 0
                ? $"scored {count} {stories}"
                : $"scored {count} {stories}; {bad} bad lines of {name} were skipped (fix them and run again)").ConfigureAwait(false);
            return bad == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return cmd;
    }

    /// <summary>Bad lines (and repeated ids) reported one by one before the rest are only counted.</summary>
    private const int MessagesShown = 20;

    private static async Task<int> WriteScoresAsync(SignificanceScorer scorer, Sections.SectionTagger tagger, List<BatchItem> items, TextWriter writer, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return 0;
        }
        var tiers = OutletRegistry.Default;
        var inputs = items.Select(i => new ScoringInput(i.Title, i.Text, LabelFiles.CoverageOf(i.Source, i.Outlets, tiers))).ToList();
        var vectors = scorer.Embedder.Embed(inputs.Select(i => EmbeddingText.Of(i.Title, i.Text)).ToList(), ct);
        var scored = inputs.Select((input, n) => scorer.Score(vectors[n], input.Coverage)).ToList();
        for (var i = 0; i < items.Count; i++)
        {
            var f = scored[i].Factors;
            var line = new JsonObject
            {
                ["id"] = JsonNode.Parse(items[i].Id.GetRawText()),
                ["score"] = scored[i].Score,
                ["factors"] = new JsonObject
                {
                    ["scale"] = f.Scale,
                    ["impact"] = f.Impact,
                    ["novelty"] = f.Novelty,
                    ["potential"] = f.Potential,
                    ["legacy"] = f.Legacy,
                    ["positivity"] = f.Positivity,
                    ["credibility"] = f.Credibility,
                },
            };
            Sections.SectionFields.Add(line, tagger, vectors[i], items[i], tiers);
            await writer.WriteLineAsync(line.ToJsonString(CliJson.Options)).ConfigureAwait(false);
        }
        return items.Count;
    }

    // ---------------------------------------------------------------- train

    private static Command Train()
    {
        var labels = new Option<string[]>("--labels") { Description = "Labels files (JSON Lines {id, rubric, scale, …, credibility}); patterns and folders allowed.", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--output") { Description = "Where to save the weights (default: src/Salient/Significance/Model/student.json in the repository, else the shipped model's path)." };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds.", DefaultValueFactory = _ => 5 };
        var data = DataOption();
        var cache = CacheOption();
        var reference = new Option<string?>("--reference") { Description = "Batch items {id, title, text, source} of an ordinary headline stream that set the score scale (default: the shared Reddit headline stream, else the labelled stories)." };
        var feedback = new Option<string?>("--feedback") { Description = "Feedback on scores exported by 'salient feedback export': the combination and the score map are refitted with it, the seed labels kept." };
        var feedbackWeight = new Option<double>("--feedback-weight") { Description = "How many seed labels one reader's verdict counts as (the admin's counts three times).", DefaultValueFactory = _ => FeedbackTraining.DefaultWeight };
        var cmd = new Command("train", "Train the student from labels: ridge regression per factor over the embedding and outlet tiers; prints cross-validated error.") { labels, output, folds, data, cache, reference, feedback, feedbackWeight };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct, migrate: false).ConfigureAwait(false);
            var options = app.Get<SignificanceOptions>();
            var formula = new ScoreFormula(options.Weights);
            var set = LoadLabelled(parse.GetValue(labels)!, parse.GetValue(data));
            var feedbackTargets = parse.GetValue(feedback) is { } feedbackPath ? FeedbackLabels.Read(feedbackPath) : null;
            var weight = parse.GetValue(feedbackWeight);
            if (!double.IsFinite(weight) || weight <= 0 || weight > 100)
            {
                throw new UsageException($"--feedback-weight {weight.ToString(Ic)} is outside (0, 100]; give how many seed labels one verdict counts as, e.g. 1");
            }
            await Console.Error.WriteLineAsync($"embedding {set.Count} labelled stories …").ConfigureAwait(false);
            var vectors = EmbeddingCache.Open(parse.GetValue(cache)).Embed(app.Get<TextEmbedder>(), set.Select(s => EmbeddingText.Of(s.Title, s.Text)).ToList(), ct);
            var examples = set.Select((s, i) => new TrainingExample(s.Id, vectors[i], s.Coverage, s.Targets)).ToList();
            // Stories are often seen by title alone (a feed without a summary), so stories labelled with a lead
            // are also learnt from their title alone; both rows share the id and so the fold.
            var withLead = set.Where(s => !string.IsNullOrWhiteSpace(s.Text)).ToList();
            if (withLead.Count > 0)
            {
                var titleVectors = EmbeddingCache.Open(parse.GetValue(cache)).Embed(app.Get<TextEmbedder>(), withLead.Select(s => EmbeddingText.Of(s.Title, null)).ToList(), ct);
                examples.AddRange(withLead.Select((s, i) => new TrainingExample(s.Id, titleVectors[i], s.Coverage, s.Targets)));
            }
            var sw = Stopwatch.StartNew();
            var result = new StudentTrainer(parse.GetValue(folds), formula).Train(examples, ct);
            var embeddings = EmbeddingCache.Open(parse.GetValue(cache));
            var (refName, refItems) = ReferenceStream(parse.GetValue(reference), parse.GetValue(data), set);
            await Console.Error.WriteLineAsync($"setting the score scale on {refItems.Count} headlines of {refName} …").ConfigureAwait(false);
            var refVectors = embeddings.Embed(app.Get<TextEmbedder>(), refItems.Select(i => EmbeddingText.Of(i.Title, i.Text)).ToList(), ct);
            var stories = Enumerable.Range(0, set.Count).Where(i => set[i].Holistic is not null).ToList();
            StudentTrainer.CombinationResult? combination = null;
            if (stories.Count >= 50)
            {
                // Rubric 2: the score is learned from holistic judgments of whole stories; coverage is learned with it.
                var trainer = new StudentTrainer(parse.GetValue(folds), formula);
                var file = result.Model.File;
                file.FormatVersion = 2;
                file.Rubric = "2";
                file.CoveragePrior = CoveragePrior.None;
                result = result with { Model = new StudentModel(file) };
                var reference = refItems.Select((item, i) => (result.Model.Predict(refVectors[i], item.Coverage).ToArray(), item.Coverage)).ToList();
                StudentTrainer.Calibrated Fit(IReadOnlyList<StudentTrainer.ExtraExample>? extra) => trainer.CombineAndCalibrate(
                    stories.Select(i => set[i].Id).ToList(), stories.Select(i => result.OutOfFold[i]).ToList(), stories.Select(i => set[i].Coverage).ToList(),
                    stories.Select(i => set[i].Holistic!.Value).ToList(), stories.Select(i => set[i].StreamWeight).ToList(), reference, refName, extra);
                var calibrated = Fit(null);
                if (feedbackTargets is not null)
                {
                    await Console.Error.WriteLineAsync($"refitting with feedback on {feedbackTargets.Count} stories …").ConfigureAwait(false);
                    var feedbackVectors = embeddings.Embed(app.Get<TextEmbedder>(), feedbackTargets.Select(t => EmbeddingText.Of(t.Title, t.Text)).ToList(), ct);
                    var fed = FeedbackTraining.Examples(feedbackTargets, result.Model, feedbackVectors, weight);
                    var before = FeedbackTraining.With(file, calibrated, null);
                    calibrated = Fit(fed.Select(f => f.Example).ToList());
                    file.Feedback = FeedbackTraining.Memory(fed, feedbackVectors, FeedbackTraining.With(file, calibrated, null), formula);
                    var after = FeedbackTraining.With(file, calibrated, file.Feedback);
                    FeedbackTraining.Print(fed, feedbackVectors, before, after, formula, Enumerable.Range(0, set.Count).Select(i => (vectors[i], set[i].Coverage)).ToList());
                }
                combination = calibrated.Result;
                file.Combination = combination.Combination;
                file.ScoreMap = calibrated.Map;
            }
            else if (feedbackTargets is not null)
            {
                throw new UsageException($"feedback refits the learned combination, and these labels have only {stories.Count} holistic scores (50 needed); give the rubric-2 labels too");
            }
            else
            {
                var rawScores = refItems.Select((item, i) => formula.Score(result.Model.Predict(refVectors[i], item.Coverage))).ToList();
                result.Model.File.ScoreMap = ScoreMap.Fit(rawScores, refName);
            }
            var path = parse.GetValue(output) ?? RepositoryModelPath() ?? StudentModel.DefaultPath();
            result.Model.Save(path);
            PrintCv(result.CrossValidation, examples.Count, result.Model.File);
            if (combination is not null)
            {
                PrintCombination(combination, stories.Select(i => set[i]).ToList(), result.Model.File.ScoreMap, parse.GetValue(labels)!);
            }
            Console.WriteLine($"({set.Count} labelled stories; {withLead.Count} of them also as title only)");
            Console.WriteLine($"trained in {sw.Elapsed.TotalSeconds:0.0} s; weights saved to {path}");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static (string Name, List<ScoringInput> Items) ReferenceStream(string? path, string? dataDir, List<Labelled> labelled)
    {
        var tiers = OutletRegistry.Default;
        if (path is not null)
        {
            using var reader = JsonLines.OpenInput(path, "one item a line");
            return (Path.GetFileName(path), LabelFiles.ReadItems(reader, path).Select(i => new ScoringInput(i.Title, i.Text, LabelFiles.CoverageOf(i.Source, i.Outlets, tiers))).ToList());
        }
        var dir = SharedHeadlines.Locate(dataDir);
        if (dir is not null)
        {
            var stream = SharedHeadlines.Load(dir).Items.Values.Where(i => i.Id.StartsWith("fwd", StringComparison.Ordinal)).OrderBy(i => i.Id, StringComparer.Ordinal)
                .Select(i => new ScoringInput(i.Title, null, Coverage.Single(tiers.TierOf(i.Source)))).ToList();
            if (stream.Count >= 50)
            {
                return (SharedHeadlines.StreamFile, stream);
            }
        }
        return ("the labelled stories", labelled.Select(l => new ScoringInput(l.Title, l.Text, l.Coverage)).ToList());
    }

    private static void PrintCombination(StudentTrainer.CombinationResult result, List<Labelled> stories, ScoreMap map, string[] labelPatterns)
    {
        var holistic = stories.Select(s => s.Holistic!.Value).ToArray();
        // As the model scores: the content part through the map, the coverage effect added on the rubric's scale.
        var mapped = result.OutOfFold.Select((raw, i) =>
        {
            var effect = result.Combination.CoverageEffect(CoverageFeatures.Of(stories[i].Coverage));
            return Math.Clamp(map.Apply(raw - effect) + effect, 0, 10);
        }).ToArray();
        Console.WriteLine();
        Console.WriteLine(string.Create(Ic, $"holistic score, {stories.Count} labelled stories (rubric 2), cross-validated:"));
        Console.WriteLine(string.Create(Ic, $"  student vs labels: Spearman {Statistics.Spearman(mapped, holistic):0.000} (raw combination {result.Spearman:0.000}), MAE {Statistics.MeanAbsoluteError(mapped, holistic):0.00}"));
        var agreement = LabelerAgreement(labelPatterns);
        if (agreement is not null)
        {
            Console.WriteLine(string.Create(Ic, $"  labellers vs each other: Spearman {agreement.Value.Spearman:0.000}, MAE {agreement.Value.Mae:0.00} on {agreement.Value.Count} double-labelled stories"));
        }
        Console.WriteLine($"  combination: score = {result.Combination}");
        var covered = stories.Where(s => s.Coverage.Outlets > 1).ToList();
        Console.WriteLine(string.Create(Ic, $"  coverage moves the raw score by {covered.Select(s => result.Combination.CoverageEffect(CoverageFeatures.Of(s.Coverage))).DefaultIfEmpty(0).Average():+0.00;-0.00} on average for the {covered.Count} stories with more than one outlet"));
    }

    /// <summary>Spearman and MAE of the holistic scores of stories rated by two labellers (first two ratings of each).</summary>
    private static (double Spearman, double Mae, int Count)? LabelerAgreement(string[] patterns)
    {
        var records = LabelFiles.ReadLabels(LabelFiles.Expand(patterns)).Where(r => r.Holistic is not null);
        var pairs = records.GroupBy(r => r.Id, StringComparer.Ordinal)
            .Select(g => g.GroupBy(r => r.Labeler ?? "", StringComparer.Ordinal).Select(l => l.First()).Take(2).ToList())
            .Where(l => l.Count == 2).ToList();
        if (pairs.Count < 10)
        {
            return null;
        }
        var a = pairs.Select(p => p[0].Holistic!.Value).ToArray();
        var b = pairs.Select(p => p[1].Holistic!.Value).ToArray();
        return (Statistics.Spearman(a, b), Statistics.MeanAbsoluteError(a, b), pairs.Count);
    }

    private static void PrintCv(CrossValidation cv, int n, StudentModelFile file)
    {
        Console.WriteLine($"{cv.Folds}-fold cross-validation on {n} labelled stories");
        Console.WriteLine("factor        MAE   Spearman  lambda  stretch");
        for (var f = 0; f < Factors.Count; f++)
        {
            var name = Factors.Names[f];
            var reg = file.Factors[name];
            Console.WriteLine(string.Create(Ic, $"{name,-12} {cv.Mae[name],5:0.00}  {cv.Spearman[name],8:0.000}  {reg.Lambda,6:0}  {reg.CalibrationSlope,6:0.00}"));
        }
        Console.WriteLine(string.Create(Ic, $"{"score",-12} {cv.ScoreMae,5:0.00}  {cv.ScoreSpearman,8:0.000}"));
    }

    /// <summary>
    /// A labelled story with its text. Rubric-2 story labels add the holistic score (averaged over labellers), the
    /// story's coverage from its definition and how many headlines of the stream the story stands for
    /// (<see cref="StreamWeight"/>, 0 for stories outside the stream).
    /// </summary>
    internal sealed record Labelled(string Id, string Title, string? Text, string? Source, Coverage Coverage, double[] Targets, string Kind,
        double? Holistic = null, double StreamWeight = 0);

    /// <summary>Labels with their text: from the label line when it carries a title, else from the shared data; duplicate ids averaged.</summary>
    internal static List<Labelled> LoadLabelled(string[] patterns, string? dataDir)
    {
        var files = LabelFiles.Expand(patterns);
        var records = LabelFiles.ReadLabels(files, w => Console.Error.WriteLine(w));
        var stories = StoryDefinition.Beside(files);
        var needShared = records.Any(r => string.IsNullOrWhiteSpace(r.Title));
        SharedHeadlines? shared = null;
        if (needShared)
        {
            var dir = SharedHeadlines.Locate(dataDir)
                ?? throw new UsageException("labels refer to headlines by id but the shared data folder was not found; give --data PATH/shared/data");
            shared = SharedHeadlines.Load(dir);
        }
        var tiers = OutletRegistry.Default;
        var result = new List<Labelled>();
        var missing = 0;
        foreach (var group in records.GroupBy(r => r.Id, StringComparer.Ordinal))
        {
            var first = group.First();
            string title;
            string? text, source, kind;
            StoryDefinition? story = null;
            if (!string.IsNullOrWhiteSpace(first.Title))
            {
                (title, text, source, kind) = (first.Title!, first.Text, first.Source, "own");
            }
            else if (stories.TryGetValue(first.Id, out story) && shared!.Items.TryGetValue(story.Representative, out var rep))
            {
                (title, text, source, kind) = (rep.Title, rep.Text, rep.Source, "story:" + story.Stratum);
            }
            else if (shared!.Items.TryGetValue(first.Id, out var item))
            {
                (title, text, source, kind) = (item.Title, item.Text, item.Source, item.Kind);
            }
            else
            {
                missing++;
                continue;
            }
            var targets = new double[Factors.Count];
            foreach (var r in group)
            {
                for (var f = 0; f < Factors.Count; f++)
                {
                    targets[f] += r.Factors[f] / group.Count();
                }
            }
            var holistic = group.Where(r => r.Holistic is not null).Select(r => r.Holistic!.Value).ToList();
            result.Add(new Labelled(first.Id, title, text, source, story?.Coverage ?? LabelFiles.CoverageOf(source, first.Outlets ?? [], tiers), targets, kind,
                holistic.Count > 0 ? holistic.Average() : null, story?.StreamWeight ?? 0));
        }
        if (missing > 0)
        {
            Console.Error.WriteLine($"{missing} labelled ids were not found in the shared data and were skipped");
        }
        if (result.Count == 0)
        {
            throw new UsageException("no usable labels were found");
        }
        return result;
    }

    private static string? RepositoryModelPath()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Salient.sln")))
            {
                return Path.Combine(dir.FullName, "src", "Salient", "Significance", "Model", StudentModel.FileName);
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- label

    private static Command Label()
    {
        var input = new Option<string?>("--input") { Description = "JSON Lines {id, title, text, source, published, outlets} to label; without it, stories from the store." };
        var output = new Option<string?>("--output") { Description = "Where to write the labels (default: standard output)." };
        var limit = new Option<int>("--limit") { Description = "Stories from the store to label, most recent first.", DefaultValueFactory = _ => 500 };
        var rubric = new Option<string?>("--rubric") { Description = "Rubric file to prompt with (default: the rubric built into Salient)." };
        var labeler = new Option<string?>("--labeler") { Description = "Name recorded in each label (default: teacher:<model>)." };
        var cmd = new Command("label", "Rate stories with the LLM teacher configured under Llm (any OpenAI-compatible endpoint) and write labels for 'salient train'.") { input, output, limit, rubric, labeler };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct).ConfigureAwait(false);
            var factory = app.Get<LlmClientFactory>();
            if (!factory.IsEnabled)
            {
                throw new UsageException("no LLM endpoint is configured; set Llm:BaseUrl and Llm:Model (for example SALIENT_Llm__BaseUrl=http://127.0.0.1:8080/v1)");
            }
            var teacher = app.Get<Teacher>();
            var theRubric = Rubric.Load(parse.GetValue(rubric));
            var items = parse.GetValue(input) is { } path
                ? ReadAllItems(path)
                : await StoriesToLabelAsync(app.Get<StoryStore>(), Math.Max(1, parse.GetValue(limit)), ct).ConfigureAwait(false);
            var client = factory.Create();
            var name = parse.GetValue(labeler) ?? $"teacher:{teacher.Model}";
            var results = new TeacherLabel?[items.Count];
            int failed = 0, done = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = factory.Options.MaxConcurrency, CancellationToken = ct }, async (i, token) =>
            {
                var item = items[i];
                try
                {
                    results[i] = await teacher.RateAsync(client, theRubric, new TeacherItem(item.Title, item.Text, item.Source, item.Outlets), token).ConfigureAwait(false);
                }
                catch (LlmException e) when (e.Retryable)
                {
                    await Console.Error.WriteLineAsync($"salient: {item.IdText}: {e.Message}").ConfigureAwait(false);
                }
                if (results[i] is null)
                {
                    Interlocked.Increment(ref failed);
                }
                var n = Interlocked.Increment(ref done);
                if (n % 50 == 0)
                {
                    await Console.Error.WriteLineAsync($"{n}/{items.Count} rated; {factory.Usage}").ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
            await using (var writer = OpenOutput(parse.GetValue(output)))
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (results[i] is not { } label)
                    {
                        continue;
                    }
                    var line = new JsonObject { ["id"] = items[i].IdText, ["rubric"] = theRubric.Version };
                    for (var f = 0; f < Factors.Count; f++)
                    {
                        line[Factors.Names[f]] = (int)label.Factors[f];
                    }
                    if (label.Holistic is { } holistic)
                    {
                        line["score"] = holistic;
                    }
                    line["labeler"] = name;
                    line["reason"] = label.Reason;
                    line["title"] = items[i].Title;
                    line["text"] = items[i].Text;
                    line["source"] = items[i].Source;
                    line["outlets"] = new JsonArray(items[i].Outlets.Select(o => (JsonNode)JsonValue.Create(o)!).ToArray());
                    await writer.WriteLineAsync(line.ToJsonString(CliJson.Options)).ConfigureAwait(false);
                }
            }
            var cached = results.Count(r => r?.Cached == true);
            await Console.Error.WriteLineAsync($"labelled {items.Count - failed} of {items.Count} ({cached} from cache, {failed} failed); {factory.Usage}").ConfigureAwait(false);
            return failed == items.Count && items.Count > 0 ? ExitCodes.Failure : ExitCodes.Ok;
        });
        return cmd;
    }

    private static List<BatchItem> ReadAllItems(string path)
    {
        using var reader = JsonLines.OpenInput(path, "one item a line");
        var items = LabelFiles.ReadItems(reader, JsonLines.InputName(path)).ToList();
        var missing = items.Count(i => i.IdText == "null");
        if (missing > 0)
        {
            // A label without an id cannot be matched to its story: refuse before any paid call is made.
            throw new UsageException($"{(path == "-" ? "standard input" : path)}: {missing} of {items.Count} lines have no id; give every story an id (a string or number)");
        }
        return items;
    }

    private static async Task<List<BatchItem>> StoriesToLabelAsync(StoryStore stories, int limit, CancellationToken ct) =>
        (await stories.StoriesToLabelAsync(limit, ct).ConfigureAwait(false))
            .Select(s => new BatchItem(JsonSerializer.SerializeToElement(s.Id.ToString(Ic)), s.Title, s.Lead, s.Source, s.Outlets)).ToList();

    // ---------------------------------------------------------------- files

    private static StreamWriter OpenOutput(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "-")
        {
            return new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
        }
        if (Directory.Exists(path))
        {
            throw new UsageException($"output '{path}' is a folder; give a file name, or leave --output out to write to standard output");
        }
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }
            return new StreamWriter(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SalientException($"output file '{path}' cannot be written: {e.Message}; choose another --output", e);
        }
    }
}
