using System.CommandLine;
using System.Globalization;
using Salient.Bench.Ingest;
using Salient.Cli;
using Salient.Extraction;

namespace Salient.Bench.Extraction;

/// <summary><c>eval extract</c> (token F1 on labelled pages) and <c>bench extract</c> (pages per second), each next to SmartReader used plainly.</summary>
internal static class ExtractionTools
{
    /// <summary><c>eval extract</c>.</summary>
    public static Command Eval()
    {
        var data = new Option<string>("--data") { Description = "Folder of labelled pages: CASE/source.html and CASE/expected.html.", Required = true };
        var limit = new Option<int?>("--limit") { Description = "Score only the first N pages." };
        var verbose = new Option<bool>("--verbose") { Description = "Also print each page's scores." };
        var cmd = new Command("extract", "Mean token F1 of extracted text against the expected content, next to SmartReader used plainly.") { data, limit, verbose };
        cmd.SetAction(async (parse, ct) =>
        {
            var cases = LoadCases(parse.GetValue(data)!, parse.GetValue(limit));
            var summary = ExtractionEvaluation.Evaluate(cases, new ArticleExtractor());
            if (parse.GetValue(verbose))
            {
                foreach (var c in summary.Cases)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Name,-50} ours {c.Ours:0.000}  plain {c.Plain:0.000}  {c.Kind}{(c.Error is null ? "" : "  error: " + c.Error)}"));
                }
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pages {summary.Pages}  token F1: salient {summary.Ours:0.0000}  smartreader {summary.Plain:0.0000}  difference {summary.Ours - summary.Plain:+0.0000;-0.0000}  errors {summary.Errors}"));
            // What grouping would take each extracted page for (ArticleKinds): these pages are single articles and
            // guides, with one front page (docs/stories.md).
            Console.WriteLine("kinds of the extracted texts: " + string.Join(", ",
                summary.Cases.GroupBy(c => c.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
            await Console.Out.FlushAsync(ct).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary><c>bench extract</c>.</summary>
    public static Command Bench()
    {
        var data = new Option<string?>("--data") { Description = "Folder of pages: CASE/source.html (CASE/expected.html is not read for timing but marks a case)." };
        var day = new Option<int?>("--day") { Description = "Instead of --data: the first N pages of `bench day`'s news day (real titles and texts in ~90 KB of outlet page chrome)." };
        var shared = new Option<string?>("--shared-data") { Description = "With --day: the shared data folder (default ../shared/data when found)." };
        var rounds = new Option<int>("--rounds") { Description = "Passes over the pages.", DefaultValueFactory = _ => 3 };
        var cmd = new Command("extract", "Pages extracted per second on one thread, and CPU time per page, next to SmartReader used plainly, and peak memory.") { data, day, shared, rounds };
        cmd.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(rounds);
            if (n < 1)
            {
                throw new UsageException($"--rounds must be at least 1, not {n}");
            }
            var cases = (parse.GetValue(data), parse.GetValue(day)) switch
            {
                ({ } folder, null) => LoadCases(folder, null),
                (null, { } count) => DayCases(count, parse.GetValue(shared)),
                _ => throw new UsageException("give either --data FOLDER (pages with expected text) or --day N (the news day's pages)"),
            };
            var result = ExtractionEvaluation.Measure(cases, new ArticleExtractor(), n);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pages {result.Pages} x {result.Rounds}  pages/s: salient {result.OursPagesPerSecond:0.0}  smartreader {result.PlainPagesPerSecond:0.0}  ratio {result.OursPagesPerSecond / result.PlainPagesPerSecond:0.00}  CPU ms/page: salient {result.OursCpuMsPerPage:0.0}  smartreader {result.PlainCpuMsPerPage:0.0}  salient/smartreader {result.OursCpuMsPerPage / result.PlainCpuMsPerPage:0.00}  peak working set {result.PeakWorkingSetBytes / (1024.0 * 1024):0} MB"));
            await Console.Out.FlushAsync(ct).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>The first <paramref name="count"/> pages of the news day that <c>bench day</c> serves (ten articles a feed, 90 KB pages).</summary>
    private static List<ExtractionEvaluation.Case> DayCases(int count, string? sharedData)
    {
        if (count < 10)
        {
            throw new UsageException($"--day must be at least 10, not {count}");
        }
        var folder = sharedData ?? SharedDataFolder.Find()
            ?? throw new UsageException("the shared data folder (../shared/data) was not found; give it with --shared-data");
        var articles = DayBench.Compose(folder, count, Math.Max(1, count / 10));
        return DayBench.Pages(articles, 90 * 1024).SelectMany(feed => feed.Pages)
            .Select(p => new ExtractionEvaluation.Case($"day-{p.Index}", p.Html, string.Empty)).ToList();
    }

    private static List<ExtractionEvaluation.Case> LoadCases(string folder, int? limit)
    {
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"--data '{folder}' is not a folder; give a folder of CASE/source.html and CASE/expected.html");
        }
        var cases = ExtractionEvaluation.Load(folder, limit);
        if (cases.Count == 0)
        {
            throw new UsageException($"--data '{folder}' holds no CASE/source.html with CASE/expected.html");
        }
        return cases;
    }
}
