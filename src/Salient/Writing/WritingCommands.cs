using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Salient.Cli;
using Salient.Embeddings;
using Salient.Llm;

namespace Salient.Writing;

/// <summary><c>salient summarize</c> (batch titles and summaries) and <c>salient eval summarize</c> (ROUGE on NeuS).</summary>
internal sealed class WritingCommands : ICommandModule
{
    public IEnumerable<(string? Parent, Command Command)> Commands()
    {
        yield return (null, Summarize());
        yield return ("eval", EvalSummarize());
    }

    private static Command Summarize()
    {
        var input = new Option<string>("--input") { Description = "JSON Lines, one story a line: {id, articles: [{title, text, source, url, published}]}; '-' reads standard input.", Required = true };
        var offline = new Option<bool>("--offline") { Description = "Use the extractive writer even when an LLM is configured." };
        var cmd = new Command("summarize", "Write a neutral title and a short summary for each story; prints {id, title, summary, sources} per line.") { input, offline };
        cmd.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(input)!;
            using var reader = JsonLines.OpenInput(path, "one story a line");
            var configuration = SalientApp.LoadConfiguration(parse.GetValue(GlobalOptions.Config));
            using var setup = WriterSetup.Create(configuration, useLlm: !parse.GetValue(offline));
            return await SummarizeBatch.RunAsync(reader, JsonLines.InputName(path), Console.Out, Console.Error, setup.Writer, ct).ConfigureAwait(false);
        });
        return cmd;
    }

    private static Command EvalSummarize()
    {
        var data = new Option<string>("--data") { Description = "NeuS clusters (neus_clusters.jsonl).", Required = true };
        var split = new Option<string>("--split") { Description = "Which split to score: train, val or all.", DefaultValueFactory = _ => "val" };
        var limit = new Option<int>("--limit") { Description = "Score only the first N clusters (0: all).", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--out") { Description = "Also write each cluster's title and summary as JSON Lines to this file." };
        var cache = new Option<string?>("--embedding-cache") { Description = "Keep sentence vectors in this file between runs (faster repeated evaluation)." };
        var cmd = new Command("summarize", "ROUGE-1/2/L F1 of title + summary against NeuS's neutral references, title ROUGE-L, length and source support.")
        {
            data, split, limit, output, cache,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(data)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"data file '{path}' does not exist; give the path of neus_clusters.jsonl");
            }
            var wanted = parse.GetValue(split)!;
            var clusters = NeusCluster.Read(path, wanted, parse.GetValue(limit));
            if (clusters.Count == 0)
            {
                throw new UsageException($"no clusters of split '{wanted}' in '{path}'");
            }
            var configuration = SalientApp.LoadConfiguration(parse.GetValue(GlobalOptions.Config));
            using var setup = WriterSetup.Create(configuration, useLlm: true, parse.GetValue(cache));
            await using var outFile = parse.GetValue(output) is { } o ? new StreamWriter(o) : null;
            Console.WriteLine($"{clusters.Count} clusters of split '{wanted}' from {path}");
            var offline = new SummaryEvaluation("extractive (offline default)");
            var withLlm = setup.Writer.UsesLlm ? new SummaryEvaluation("LLM, checked") : null;
            var watch = Stopwatch.StartNew();
            foreach (var c in clusters)
            {
                var written = setup.Writer.WriteOffline(c.Articles, ct);
                offline.Add(c, written);
                if (withLlm is not null)
                {
                    withLlm.Add(c, await setup.Writer.WriteAsync(c.Articles, ct).ConfigureAwait(false));
                }
                if (outFile is not null)
                {
                    await outFile.WriteLineAsync(JsonSerializer.Serialize(new { id = c.Id, title = written.Title, summary = written.Summary, sources = written.Sources, reference_title = c.ReferenceTitle, reference_summary = c.ReferenceSummary }, CliJson.Options)).ConfigureAwait(false);
                }
            }
            offline.Print();
            withLlm?.Print();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time: {watch.Elapsed.TotalSeconds:0.0} s ({clusters.Count / Math.Max(watch.Elapsed.TotalSeconds, 0.001):0.0} clusters/s)"));
            return ExitCodes.Ok;
        });
        return cmd;
    }
}

/// <summary>The writer and what it holds, built from configuration alone (the batch tools need no database).</summary>
internal sealed class WriterSetup : IDisposable
{
    private readonly TextEmbedder _embedder;

    private WriterSetup(TextEmbedder embedder, StoryWriter writer)
    {
        _embedder = embedder;
        Writer = writer;
    }

    public StoryWriter Writer { get; }

    public static WriterSetup Create(IConfiguration configuration, bool useLlm, string? cachePath = null)
    {
        var options = configuration.GetSection(WritingOptions.Section).Get<WritingOptions>() ?? new WritingOptions();
        options.Validate();
        var embedder = new TextEmbedder();
        LlmWriter? llm = null;
        if (useLlm)
        {
            var llmOptions = configuration.GetSection(LlmOptions.Section).Get<LlmOptions>() ?? new LlmOptions();
            llmOptions.Validate();
            llm = WritingServices.CreateLlmWriter(new LlmClientFactory(llmOptions, TimeProvider.System), options, null);
        }
        var cache = cachePath is null ? null : EmbeddingCache.Open(cachePath);
        var extractive = cache is null ? new ExtractiveWriter(embedder, options) : new ExtractiveWriter((texts, ct) => cache.Embed(embedder, texts, ct), options);
        return new WriterSetup(embedder, new StoryWriter(extractive, llm));
    }

    public void Dispose() => _embedder.Dispose();
}
