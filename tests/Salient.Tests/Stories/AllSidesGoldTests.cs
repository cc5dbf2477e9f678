using Salient.Bench.Stories;
using Salient.Tests.Support;

namespace Salient.Tests.Stories;

public sealed class AllSidesGoldTests
{
    private const string Lead = "Democrats said the Senate would vote on the plan before the August recess, after the Senate Budget Committee agreed on its outline.";

    [Fact]
    public void Title_names_by_capitals_leave_the_title_to_itself_and_by_text_are_the_words_the_lead_capitalises()
    {
        Assert.Null(AllSidesGold.Names(TitleNameMode.Capitals, "Senate Passes Budget Plan", Lead));

        var byText = AllSidesGold.Names(TitleNameMode.Text, "Senate Passes Budget Plan", Lead)!;
        Assert.Contains("senate", byText);
        Assert.Contains("budget", byText);
        Assert.DoesNotContain("plan", byText);

        // Demoting only: "Senate" opens the title, so it gains no boost it did not have; "Plan" loses its boost.
        var demoting = AllSidesGold.Names(TitleNameMode.TextDemote, "Senate Passes Budget Plan\nSenate passes the budget plan", Lead)!;
        Assert.Equal(["budget"], demoting.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("threads")]
    [InlineData("related")]
    public async Task An_unknown_way_to_tell_title_names_is_refused_with_the_ways_there_are(string eval)
    {
        var (exit, lines, stderr) = await SalientProcess.RunAsync(["eval", eval, "--title-names", "<b>bold</b>"]);

        Assert.Equal(2, exit);
        Assert.Empty(lines);
        Assert.Contains("--title-names: \"<b>bold</b>\" is not a way to tell names; give capitals, text or text-demote", stderr, StringComparison.Ordinal);
        SalientProcess.NoStackTrace(stderr);
    }

    [Theory]
    [InlineData("threads")]
    [InlineData("related")]
    public async Task A_month_that_is_not_a_month_is_refused_naming_it(string eval)
    {
        var (exit, lines, stderr) = await SalientProcess.RunAsync(["eval", eval, "--months", "2021-04,2021-13"]);

        Assert.Equal(2, exit);
        Assert.Empty(lines);
        Assert.Contains("--months: \"2021-13\" is not a month; give months as yyyy-MM", stderr, StringComparison.Ordinal);
        SalientProcess.NoStackTrace(stderr);
    }
}
