using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Salient.Cli;
using Salient.Writing;

namespace Salient.Bench.Writing;

/// <summary><c>eval summarize</c>: ROUGE of the writers' titles and summaries against NeuS's neutral references.</summary>
internal static class SummaryTools
{
    /// <summary><c>eval summarize</c>.</summary>
    public static Command Eval()
    {
        var data = new Option<string>("--data") { Description = "NeuS clusters (neus_clusters.jsonl).", Required = true };
        var split = new Option<string>("--split") { Description = "Which split to score: train, val or all.", DefaultValueFactory = _ => "val" };
        var limit = new Option<int>("--limit") { Description = "Score only the first N clusters (0: all).", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--out") { Description = "Also write each cluster's title and summary as JSON Lines to this file." };
        var cache = new Option<string?>("--embedding-cache") { Description = "Keep sentence vectors in this file between runs (faster repeated evaluation)." };
        var single = new Option<bool>("--single") { Description = "Give the writer only each cluster's first article, as a one-article story." };
        var cmd = new Command("summarize", "ROUGE-1/2/L F1 of title + summary against NeuS's neutral references, title ROUGE-L, length and source support.")
        {
            data, split, limit, output, cache, single,
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
            if (parse.GetValue(single))
            {
                clusters = clusters.Select(c => c with { Articles = [c.Articles[0]] }).ToList();
            }
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
