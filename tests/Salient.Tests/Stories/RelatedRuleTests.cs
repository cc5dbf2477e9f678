using Salient.Stories;
using Salient.Tests.Support;

namespace Salient.Tests.Stories;

public sealed class RelatedRuleTests
{
    private const long Hour = 3_600_000;
    private const long Now = 1_780_000_000_000;

    private static RelatedProfile Story(long id, double towardsAnchor, int seed, string title, string lead, string desks = "", string countries = "", long at = Now) =>
        RelatedProfile.Of(id, TestModels.Vector(towardsAnchor, seed), at, title, title, lead, desks, countries)!;

    /// <summary>The story a reader is on: a central bank holding its rates.</summary>
    private static readonly RelatedProfile Rates = Story(1, 1.0, 1,
        "Federal Reserve keeps interest rates near zero",
        "The Federal Reserve left its benchmark interest rate unchanged on Wednesday, and Chair Jerome Powell said the central bank would keep supporting the recovery while inflation runs above its target.",
        ",economy,", ",US,");

    /// <summary>Stories of the same days on other subjects, so that a common word weighs little, as in a real window.</summary>
    private static IEnumerable<RelatedProfile> Background() =>
    [
        Story(20, 0.1, 20, "Wildfire forces evacuations in northern California", "Thousands of residents left their homes on Tuesday as a wildfire spread through dry forest, officials said.", ",environment,", ",US,"),
        Story(21, 0.1, 21, "Senate passes infrastructure bill after long debate", "The Senate approved a bill to rebuild roads and bridges on Tuesday, officials said, sending it to the House.", ",politics,", ",US,"),
        Story(22, 0.1, 22, "Floods hit central Germany", "Heavy rain flooded towns in central Germany on Wednesday, officials said, and rescuers searched for the missing.", ",environment,", ",DE,"),
        Story(23, 0.1, 23, "Vaccine maker reports strong quarter", "A vaccine maker said on Tuesday that its sales rose in the quarter, and officials said supply would grow.", ",health,", ",US,"),
    ];

    [Fact]
    public void An_unrelated_story_that_reads_alike_is_not_listed_and_a_story_of_the_same_thread_is()
    {
        // Nearer in embedding than the same-thread story, as the election audit and the mask piece were to the rates story.
        var audit = Story(2, 0.8, 2,
            "Arizona election audit enters its second week",
            "Officials in Arizona said on Wednesday that the review of ballots would continue for weeks, as critics said the count had no support.",
            ",politics,", ",US,");
        var masks = Story(3, 0.75, 3,
            "Opinion: it is time to stop telling vaccinated people to wear masks",
            "The guidance on masks has outlived its purpose, and officials who keep it are losing the public's trust, the columnist said on Wednesday.",
            ",health,", ",US,");
        var sameThread = Story(4, 0.6, 4,
            "Powell says the Federal Reserve will hold rates until jobs recover",
            "Federal Reserve Chair Jerome Powell told lawmakers on Thursday that interest rates would stay near zero until the labour market recovers.",
            ",economy,", ",US,");
        var candidates = new[] { audit, masks, sameThread }.Concat(Background()).ToList();
        var counts = TermCounts.Of(candidates.Append(Rates));

        Assert.Equal([4L], RelatedRule.Nearest(Rates, candidates, counts, 5));
        // The words alone keep them out too, as for stories not yet scored.
        Assert.Equal([4L], RelatedRule.Nearest(Rates, candidates, counts, 5, RelatedSettings.Default with { Sections = false }));
        // The rule before listed the nearer, unrelated ones first: what this test guards against.
        Assert.Equal([2L, 3, 4], RelatedRule.Nearest(Rates, candidates, counts, 5, RelatedSettings.CosineOnly));
    }

    [Fact]
    public void A_story_of_the_same_desk_and_country_that_shares_only_a_few_common_words_is_not_listed()
    {
        // Near in embedding, on the same desk and country, sharing "interest rates" and "inflation" but no name or matter:
        // a reader of the rates story would not call it more on this topic.
        var bonds = Story(8, 0.7, 8,
            "Treasury yields climb as investors weigh interest rates and inflation",
            "Yields on government bonds rose on Wednesday as investors weighed new inflation figures and the outlook for the economy.",
            ",economy,", ",US,");
        var candidates = new[] { bonds }.Concat(Background()).ToList();
        var counts = TermCounts.Of(candidates.Append(Rates));
        var lexical = RelatedRule.Lexical(Rates.Terms, bonds.Terms, counts);

        Assert.InRange(lexical, 0.1, RelatedRule.MinLexical - 1e-9);
        Assert.Empty(RelatedRule.Nearest(Rates, candidates, counts, 5));
        // The floor of 0.1 the rule had before listed it.
        Assert.Equal([8L], RelatedRule.Nearest(Rates, candidates, counts, 5, RelatedSettings.Default with { MinLexical = 0.1 }));
    }

    [Fact]
    public void A_story_that_only_shares_a_name_but_no_desk_or_no_country_is_not_listed()
    {
        var otherDesk = Story(5, 0.7, 5,
            "Federal Reserve building reopens to visitors",
            "The Federal Reserve's headquarters reopened its doors to tours on Wednesday after a year, with new displays on its history.",
            ",lifestyle,", ",US,");
        var otherCountry = Story(6, 0.7, 6,
            "Central bank of Brazil raises interest rates",
            "Brazil's central bank raised its benchmark interest rate on Wednesday as inflation climbed, citing the Federal Reserve's outlook.",
            ",economy,", ",BR,");
        var candidates = new[] { otherDesk, otherCountry }.Concat(Background()).ToList();
        var counts = TermCounts.Of(candidates.Append(Rates));

        Assert.Empty(RelatedRule.Nearest(Rates, candidates, counts, 5));
        // Without desks and countries both would be listed: the sections are what keeps them out.
        Assert.Equal(2, RelatedRule.Nearest(Rates, candidates, counts, 5, RelatedSettings.Default with { Sections = false }).Count);
    }

    [Fact]
    public void A_story_not_yet_scored_is_judged_by_its_words_and_its_embedding()
    {
        var unscored = Story(7, 0.6, 7,
            "Federal Reserve officials see rates near zero through next year",
            "Most Federal Reserve officials expect interest rates to stay near zero through next year, minutes released on Wednesday show.");
        var candidates = new[] { unscored }.Concat(Background()).ToList();

        Assert.Equal([7L], RelatedRule.Nearest(Rates, candidates, TermCounts.Of(candidates.Append(Rates)), 5));
    }

    [Fact]
    public void A_story_from_before_the_48_hours_is_not_listed_and_neither_is_the_story_itself()
    {
        var old = Story(8, 0.9, 8, "Federal Reserve keeps interest rates near zero", "The Federal Reserve left its benchmark interest rate unchanged.", ",economy,", ",US,", at: Now - 49 * Hour);
        var candidates = new[] { old, Rates }.Concat(Background()).ToList();

        Assert.Empty(RelatedRule.Nearest(Rates, candidates, TermCounts.Of(candidates), 5));
    }

    [Theory]
    [InlineData("<script>alert('x')</script> Federal Reserve <b>rates</b>")]
    [InlineData("")]
    [InlineData("\u0000\u202e\ufffd")]
    public void Hostile_titles_give_a_profile_and_never_an_unfounded_list(string title)
    {
        var hostile = RelatedProfile.Of(9, TestModels.Vector(0.9, 9), Now, title + new string('x', 100_000), null, new string('<', 50_000), ",economy,", ",US,");
        Assert.NotNull(hostile);
        var candidates = Background().ToList();
        // Nothing in the hostile story's words is shared with stories on other subjects: nothing listed, nothing thrown.
        Assert.Empty(RelatedRule.Nearest(hostile!, candidates, TermCounts.Of(candidates.Append(hostile!)), 5));
    }

    [Fact]
    public void A_story_without_a_usable_centroid_has_no_profile()
    {
        Assert.Null(RelatedProfile.Of(1, null, Now, "t", null, null, null, null));
        Assert.Null(RelatedProfile.Of(1, new float[384], Now, "t", null, null, null, null));
        Assert.Null(RelatedProfile.Of(1, [float.NaN, 1f], Now, "t", null, null, null, null));
    }
}
