using Salient.Stories;
using Salient.Tests.Support;

namespace Salient.Tests.Stories;

/// <summary>Borderline joins read the names, places and numbers of the whole texts.</summary>
public sealed class StoryAssignerBodyTests
{
    private const long Hour = 3_600_000;

    /// <summary>Embedding only, one bar (0.9), and the body comparison within 0.1 of it.</summary>
    private static readonly StoryOptions Options = new()
    {
        JoinThreshold = 0.9, LooseThreshold = 0.9, Margin = 0.5, MergeThreshold = 0.99, LexicalWeight = 0,
        TimePenaltyPerDay = 0, SameOutletPenalty = 0, CandidateFloor = 0.3,
        BodyBand = 0.1, BodyWeight = 0.5, BodyPivot = 0.3, BodyMinChars = 1500,
    };

    /// <summary>A full text of about 2,000 characters whose names, places and numbers are the given ones.</summary>
    private static string Body(string person, string town, string firm, string number)
    {
        var paragraphs = new[]
        {
            $"Residents of {town} gathered outside the council offices on Tuesday after {firm} confirmed that {number} homes had lost water overnight.",
            $"The mayor, {person}, said the council had asked {firm} for a full account and would meet its engineers in {town} on Wednesday morning.",
            $"Engineers said a main near the {town} reservoir had split during the cold snap, and that repairs could take until the weekend for the last {number} homes.",
            $"\u201CWe understand how hard this is for families,\u201D a spokesperson for {firm} said, adding that bottled water was being handed out at the {town} sports hall.",
            $"{person} said the town had raised concerns about the age of the pipes with {firm} three times in the past two years without an answer that satisfied the council.",
            $"Schools in {town} stayed open, but the hospital postponed planned operations, and {person} asked residents to check on elderly neighbours.",
            $"The regulator said it would look at how {firm} had handled the outage in {town} once supplies to all {number} homes were back.",
        };
        return string.Join("\n\n", paragraphs.Concat(paragraphs.Take(3)));
    }

    private static StoryArticle Article(long id, double degrees, long time, string title, string? text) =>
        new(id, title, text, $"outlet{id}", null, time, Synthetic.Angle(degrees));

    /// <summary>cos(31.8°) ≈ 0.85: 0.05 under the bar, within the band.</summary>
    private const double Borderline = 31.8;

    [Fact]
    public void A_borderline_article_whose_whole_text_shares_the_story_s_names_and_numbers_joins_it()
    {
        var assigner = new StoryAssigner(Options);
        var first = assigner.Assign(Article(1, 0, 0, "Water cut to homes", Body("Idris Halvorsen", "Ardenvale", "Corbridge Water", "4,512")));
        var second = assigner.Assign(Article(2, Borderline, Hour, "Taps run dry", Body("Idris Halvorsen", "Ardenvale", "Corbridge Water", "4,512")));
        Assert.Equal(first.StoryId, second.StoryId);
    }

    [Fact]
    public void A_borderline_article_whose_whole_text_names_other_people_places_and_numbers_starts_its_own_story()
    {
        var assigner = new StoryAssigner(Options);
        var first = assigner.Assign(Article(1, 0, 0, "Water cut to homes", Body("Idris Halvorsen", "Ardenvale", "Corbridge Water", "4,512")));
        var second = assigner.Assign(Article(2, Borderline, Hour, "Taps run dry", Body("Mirelle Quenby", "Tavistock", "Lowmoor Utilities", "7,781")));
        Assert.True(second.Created);
        Assert.NotEqual(first.StoryId, second.StoryId);
    }

    [Fact]
    public void Without_the_body_comparison_or_without_a_body_the_same_borderline_article_does_not_join()
    {
        var text = Body("Idris Halvorsen", "Ardenvale", "Corbridge Water", "4,512");
        var off = new StoryAssigner(Options with { BodyWeight = 0 });
        var a = off.Assign(Article(1, 0, 0, "Water cut to homes", text));
        Assert.NotEqual(a.StoryId, off.Assign(Article(2, Borderline, Hour, "Taps run dry", text)).StoryId);

        // A lead alone (shorter than BodyMinChars) has no body to compare.
        var leads = new StoryAssigner(Options);
        var b = leads.Assign(Article(1, 0, 0, "Water cut to homes", text[..400]));
        Assert.NotEqual(b.StoryId, leads.Assign(Article(2, Borderline, Hour, "Taps run dry", text[..400])).StoryId);
    }

    [Fact]
    public void An_article_well_under_the_bar_is_not_pulled_in_by_its_body()
    {
        var text = Body("Idris Halvorsen", "Ardenvale", "Corbridge Water", "4,512");
        var assigner = new StoryAssigner(Options);
        var first = assigner.Assign(Article(1, 0, 0, "Water cut to homes", text));
        // cos(45°) ≈ 0.71: far outside the band, whatever the body says.
        Assert.NotEqual(first.StoryId, assigner.Assign(Article(2, 45, Hour, "Taps run dry", text)).StoryId);
    }

    [Fact]
    public void The_whole_text_given_beside_its_lead_is_what_the_body_comparison_reads()
    {
        var text = Body("Idris Halvorsen", "Ardenvale", "Corbridge Water", "4,512");
        var assigner = new StoryAssigner(Options);
        var first = assigner.Assign(Article(1, 0, 0, "Water cut to homes", text[..300]) with { Body = text });
        var second = assigner.Assign(Article(2, Borderline, Hour, "Taps run dry", text[..300]) with { Body = text });
        Assert.Equal(first.StoryId, second.StoryId);
    }

    [Fact]
    public void Page_furniture_and_a_huge_text_do_not_break_the_body_comparison()
    {
        var furniture = string.Join("\n", Enumerable.Repeat("Share on Facebook Share on X\nAdvertisement\nRead more: <b>Lowmoor</b> & Tavistock", 50));
        var huge = Body("Idris Halvorsen", "Ardenvale", "Corbridge Water", "4,512") + "\n" + new string('x', 2_000_000);
        var assigner = new StoryAssigner(Options);
        var first = assigner.Assign(Article(1, 0, 0, "Water cut to homes", furniture + "\n" + Body("Idris Halvorsen", "Ardenvale", "Corbridge Water", "4,512")));
        var second = assigner.Assign(Article(2, Borderline, Hour, "Taps run dry", huge));
        Assert.Equal(first.StoryId, second.StoryId);
    }
}
