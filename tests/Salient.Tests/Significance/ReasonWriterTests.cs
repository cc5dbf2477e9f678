using Salient.Significance;
using Salient.Sources;

namespace Salient.Tests.Significance;

public sealed class ReasonWriterTests
{
    [Fact]
    public void Reason_names_the_factors_that_lift_a_high_score_and_the_coverage()
    {
        var reason = ReasonWriter.Write(6.8, new Factors(8, 7, 5, 6, 6, 3, 8), new Coverage(12, 5, 1, 20));
        Assert.StartsWith("Score 6.8", reason, StringComparison.Ordinal);
        Assert.Contains("scale 8", reason, StringComparison.Ordinal);
        Assert.Contains("impact 7", reason, StringComparison.Ordinal);
        Assert.Contains("12 outlets, 5 of them top-tier", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Reason_names_what_holds_a_low_score_back()
    {
        var reason = ReasonWriter.Write(2.1, new Factors(2, 1.5, 3, 2, 1, 5, 5), Coverage.Single(OutletRegistry.Middle));
        Assert.Contains("unlikely to be remembered (legacy 1)", reason, StringComparison.Ordinal);
        Assert.Contains("one outlet", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Middling_story_gets_a_reason_too()
    {
        var reason = ReasonWriter.Write(4.5, new Factors(5, 4.5, 4, 5, 4, 5, 5), Coverage.Single(OutletRegistry.Top));
        Assert.Contains("middling", reason, StringComparison.Ordinal);
        Assert.Contains("top-tier", reason, StringComparison.Ordinal);
    }
}
