using System.Diagnostics;
using System.Text.RegularExpressions;
using Salient.Extraction;

namespace Salient.Bench.Extraction;

/// <summary>
/// Scores and times extraction on a folder of labelled pages (<c>CASE/source.html</c> with the expected
/// content in <c>CASE/expected.html</c>), next to SmartReader used plainly on the same pages.
/// </summary>
internal static partial class ExtractionEvaluation
{
    /// <summary>The address the labelled pages were captured under.</summary>
    public static readonly Uri PageUrl = new("http://fakehost/test/page.html");

    /// <summary>One labelled page.</summary>
    public sealed record Case(string Name, string SourceHtml, string ExpectedHtml);

    /// <summary>The scores of one page.</summary>
    public sealed record CaseScore(string Name, double Ours, double Plain, string? Error, string Kind);

    /// <summary>Mean token F1 of ours and of plain SmartReader over all pages.</summary>
    public sealed record Summary(int Pages, double Ours, double Plain, int Errors, IReadOnlyList<CaseScore> Cases);

    /// <summary>Pages per second on one thread, ours and plain SmartReader, and the peak working set.</summary>
    /// <summary>Pages per second of wall time, and CPU milliseconds per page (the fairer figure on a busy machine).</summary>
    public sealed record Throughput(int Pages, int Rounds, double OursPagesPerSecond, double PlainPagesPerSecond, double OursCpuMsPerPage, double PlainCpuMsPerPage, long PeakWorkingSetBytes);

    /// <summary>Loads the cases of <paramref name="folder"/> in name order; at most <paramref name="limit"/> when given.</summary>
    public static List<Case> Load(string folder, int? limit = null)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"no such folder: {folder}");
        }
        var cases = new List<Case>();
        foreach (var dir in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var source = Path.Combine(dir, "source.html");
            var expected = Path.Combine(dir, "expected.html");
            if (File.Exists(source) && File.Exists(expected))
            {
                cases.Add(new Case(Path.GetFileName(dir), File.ReadAllText(source), File.ReadAllText(expected)));
            }
            if (limit is { } n && cases.Count >= n)
            {
                break;
            }
        }
        return cases;
    }

    /// <summary>Scores every case.</summary>
    public static Summary Evaluate(IReadOnlyList<Case> cases, ArticleExtractor extractor)
    {
        var scores = new List<CaseScore>(cases.Count);
        foreach (var c in cases)
        {
            var expected = ExpectedText(c.ExpectedHtml);
            string? error = null;
            var ours = string.Empty;
            string? title = null;
            try
            {
                var article = extractor.Extract(c.SourceHtml, PageUrl);
                ours = article?.Text ?? string.Empty;
                title = article?.Title;
            }
            catch (ExtractionException e)
            {
                error = e.Message;
            }
            scores.Add(new CaseScore(c.Name, TokenF1(ours, expected), TokenF1(PlainText(c.SourceHtml), expected), error,
                Salient.Stories.ArticleKinds.Of(title, PageUrl.ToString(), ours).ToString().ToLowerInvariant()));
        }
        return new Summary(scores.Count, scores.Count == 0 ? 0 : scores.Average(s => s.Ours), scores.Count == 0 ? 0 : scores.Average(s => s.Plain),
            scores.Count(s => s.Error is not null), scores);
    }

    /// <summary>Times ours and plain SmartReader on one thread, after a warm-up pass of each.</summary>
    public static Throughput Measure(IReadOnlyList<Case> cases, ArticleExtractor extractor, int rounds)
    {
        // Both share AngleSharp and SmartReader code: a side timed first would pay for compiling it and the other would
        // not. So both run over every page once untimed, then the timed rounds alternate between them.
        foreach (var c in cases)
        {
            Ours(extractor, c.SourceHtml);
            PlainText(c.SourceHtml);
        }
        (TimeSpan Wall, TimeSpan Cpu) ours = default, plain = default;
        for (var r = 0; r < rounds; r++)
        {
            var o = Time(cases, html => Ours(extractor, html));
            var p = Time(cases, html => PlainText(html));
            ours = (ours.Wall + o.Wall, ours.Cpu + o.Cpu);
            plain = (plain.Wall + p.Wall, plain.Cpu + p.Cpu);
        }
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var pages = cases.Count * rounds;
        return new Throughput(cases.Count, rounds, pages / ours.Wall.TotalSeconds, pages / plain.Wall.TotalSeconds,
            ours.Cpu.TotalMilliseconds / pages, plain.Cpu.TotalMilliseconds / pages, process.PeakWorkingSet64);
    }

    /// <summary>Wall time and the process's CPU time over one pass; both sides run the same way, one page at a time.</summary>
    private static (TimeSpan Wall, TimeSpan Cpu) Time(IReadOnlyList<Case> cases, Action<string> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        foreach (var c in cases)
        {
            run(c.SourceHtml);
        }
        var wall = watch.Elapsed;
        return (wall, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore);
    }

    private static void Ours(ArticleExtractor extractor, string html)
    {
        try
        {
            extractor.Extract(html, PageUrl);
        }
        catch (ExtractionException)
        {
            // A refused page costs what it costs; timing goes on.
        }
    }

    /// <summary>What SmartReader gives when used as a plain library: its TextContent.</summary>
    public static string PlainText(string html)
    {
        try
        {
            return new SmartReader.Reader(PageUrl.ToString(), html).GetArticle().TextContent ?? string.Empty;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return string.Empty;
        }
    }

    /// <summary>The full visible text of the expected content, every word kept.</summary>
    public static string ExpectedText(string expectedHtml)
    {
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        using var doc = parser.ParseDocument(expectedHtml);
        return doc.Body is null ? string.Empty : ArticleText.Write(doc.Body, readerText: false);
    }

    /// <summary>Lowercase runs of letters and digits.</summary>
    public static List<string> Tokens(string text) => Token().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();

    /// <summary>
    /// Token F1 over the multiset overlap of the two texts' tokens: 2PR/(P+R); both empty counts 1, one empty 0.
    /// </summary>
    public static double TokenF1(string predicted, string expected)
    {
        var p = Tokens(predicted);
        var e = Tokens(expected);
        if (p.Count == 0 && e.Count == 0)
        {
            return 1;
        }
        if (p.Count == 0 || e.Count == 0)
        {
            return 0;
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in e)
        {
            counts[t] = counts.GetValueOrDefault(t) + 1;
        }
        var overlap = 0;
        foreach (var t in p)
        {
            if (counts.TryGetValue(t, out var n) && n > 0)
            {
                counts[t] = n - 1;
                overlap++;
            }
        }
        if (overlap == 0)
        {
            return 0;
        }
        var precision = (double)overlap / p.Count;
        var recall = (double)overlap / e.Count;
        return 2 * precision * recall / (precision + recall);
    }

    [GeneratedRegex(@"[\p{L}\p{Nd}\p{Mn}]+")]
    private static partial Regex Token();
}
