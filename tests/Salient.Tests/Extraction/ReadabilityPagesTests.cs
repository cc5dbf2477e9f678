using Salient.Bench.Extraction;
using Salient.Extraction;
using Salient.Tests.Support;

namespace Salient.Tests.Extraction;

/// <summary>A quick check on a sample of the shared readability pages; the full score is <c>salient eval extract</c>.</summary>
public sealed class ReadabilityPagesTests
{
    [SharedDataFact("readability-pages")]
    public void A_sample_of_real_pages_extracts_close_to_the_expected_content()
    {
        var cases = ExtractionEvaluation.Load(SharedData.Require("readability-pages"));
        Assert.True(cases.Count >= 100, $"expected the shared readability pages, found {cases.Count}");
        var sample = cases.Where((_, i) => i % 10 == 0).ToList();
        var summary = ExtractionEvaluation.Evaluate(sample, new ArticleExtractor());
        Assert.Equal(0, summary.Errors);
        // Our text leaves out captions and boilerplate that the expected reader view keeps, so it sits a little
        // below plain SmartReader on these pages; a real regression falls far below.
        Assert.True(summary.Ours >= 0.95, $"mean token F1 {summary.Ours:0.000} on {sample.Count} pages");
        Assert.True(summary.Ours >= summary.Plain - 0.03, $"mean token F1 {summary.Ours:0.000} against SmartReader's {summary.Plain:0.000}");
    }
}
