using Salient.Stories;

namespace Salient.Tests.Stories;

public sealed class StoryTextTests
{
    private const string SenateLead = "Democrats said the Senate would vote on the plan before the August recess, after the Senate Budget Committee agreed on its outline.";

    private static float Weight(TermBag bag, string term)
    {
        var i = Array.IndexOf(bag.Terms, term);
        Assert.True(i >= 0, $"\"{term}\" is not among the terms {string.Join(", ", bag.Terms)}");
        return bag.Weights[i];
    }

    [Fact]
    public void A_lead_that_capitalises_senate_inside_a_sentence_and_writes_plan_lowercase_makes_senate_a_name_and_plan_a_common_word()
    {
        var names = StoryText.NamesIn(SenateLead);

        Assert.Contains("senate", names);
        Assert.Contains("august", names);
        Assert.DoesNotContain("plan", names);
        // The first word of a sentence is capitalised whatever it is: it is no evidence of a name.
        Assert.DoesNotContain("democrat", names);
    }

    [Fact]
    public void In_a_title_case_headline_only_the_words_its_lead_capitalises_keep_the_name_boost()
    {
        const string title = "Democrats Say Senate Will Vote on Budget Plan";
        Assert.True(StoryText.IsTitleCase(title));

        var byCapitals = StoryText.Terms(title, null, 0);
        var byText = StoryText.Terms(title, null, 0, StoryText.NamesIn(SenateLead));

        // By its capitals alone a Title Case headline makes every word a name.
        Assert.Equal(Weight(byCapitals, "senate"), Weight(byCapitals, "plan"));
        // By its lead, "Senate" stays a name (title weight 2 × name boost 1.5) and "Plan" is a common word (2).
        Assert.Equal(3f, Weight(byText, "senate"));
        Assert.Equal(2f, Weight(byText, "plan"));
        Assert.Equal(2f, Weight(byText, "vote"));
    }

    [Fact]
    public void A_sentence_case_title_keeps_its_own_capitals_as_names_besides_those_of_its_lead()
    {
        const string title = "Senate will vote on Manchin's budget plan";
        Assert.False(StoryText.IsTitleCase(title));

        var bag = StoryText.Terms(title, null, 0, StoryText.NamesIn(SenateLead));

        // "Manchin" is not in the lead, but a sentence-case title capitalises only names.
        Assert.Equal(3f, Weight(bag, "manchin"));
        // "Senate" opens the title (no evidence there) but the lead names it.
        Assert.Equal(3f, Weight(bag, "senate"));
        Assert.Equal(2f, Weight(bag, "plan"));
    }

    [Fact]
    public void An_all_lowercase_title_takes_its_names_from_its_lead()
    {
        const string title = "senate will vote on the budget plan";
        Assert.False(StoryText.IsTitleCase(title));

        var bag = StoryText.Terms(title, null, 0, StoryText.NamesIn(SenateLead));

        Assert.Equal(3f, Weight(bag, "senate"));
        Assert.Equal(3f, Weight(bag, "budget"));
        Assert.Equal(2f, Weight(bag, "plan"));
        Assert.Equal(2f, Weight(bag, "vote"));
    }

    [Fact]
    public void Each_line_of_a_heading_is_judged_title_case_or_not_by_itself()
    {
        var bag = StoryText.Terms("Senate Passes Budget Plan\nSenate passes the Manchin plan", null, 0, StoryText.NamesIn(SenateLead));

        // "Plan" of the Title Case line is common (2) and "plan" of the other too (2): 4 in all.
        Assert.Equal(4f, Weight(bag, "plan"));
        // "Manchin" is a name by the second line's own capitals.
        Assert.Equal(3f, Weight(bag, "manchin"));
        Assert.Equal(6f, Weight(bag, "senate"));
    }

    [Theory]
    [InlineData("Senate Passes Climate Plan", true)]
    [InlineData("BIDEN SIGNS CLIMATE ORDER", true)]
    [InlineData("Biden, Putin Hold Separate Press Conferences After Summit", true)]
    [InlineData("What to Know About the Senate's Plan", true)]
    [InlineData("Senate passes climate plan", false)]
    [InlineData("senate passes climate plan", false)]
    [InlineData("Biden signs order on Texas border", false)]
    [InlineData("Plan", false)]
    [InlineData("", false)]
    [InlineData("   \n\t ", false)]
    [InlineData("\"Senate\" — Plan", false)]
    public void A_title_is_title_case_when_its_longer_words_after_the_first_are_capitalised(string title, bool titleCase) =>
        Assert.Equal(titleCase, StoryText.IsTitleCase(title));

    [Fact]
    public void Missing_markup_laden_and_huge_texts_are_read_without_error_and_huge_ones_only_to_the_limit()
    {
        Assert.Empty(StoryText.NamesIn(null));
        Assert.Empty(StoryText.NamesIn(""));
        Assert.Empty(StoryText.NamesIn("<<<>>> &amp; </p>"));

        var markup = StoryText.NamesIn("<p>The <b>Senate</b> voted on the plan.</p><script>var x = 'Plan';</script>");
        Assert.Contains("senate", markup);

        // A name before the limit counts, one after it is never read.
        var huge = "the Senate voted. " + new string('x', StoryText.NameChars) + " then the Treasury paid.";
        var names = StoryText.NamesIn(huge);
        Assert.Contains("senate", names);
        Assert.DoesNotContain("treasury", names);

        var hugeTitle = string.Concat(Enumerable.Repeat("Senate Plan ", 50_000));
        Assert.True(StoryText.IsTitleCase(hugeTitle));
        var bag = StoryText.Terms(hugeTitle, null, 0, names);
        Assert.Equal(["plan", "senate"], bag.Terms);
        Assert.True(Weight(bag, "senate") > Weight(bag, "plan"));
    }

    [Fact]
    public void With_no_names_given_a_title_is_read_by_its_capitals_as_before()
    {
        const string title = "Democrats Say Senate Will Vote on Budget Plan";

        var before = StoryText.Terms(title, SenateLead, 600);
        var given = StoryText.Terms(title, SenateLead, 600, null);

        Assert.Equal(before.Terms, given.Terms);
        Assert.Equal(before.Weights, given.Weights);
    }

    [Fact]
    public void Thread_and_related_profiles_read_a_title_case_titles_names_by_the_names_given()
    {
        var names = StoryText.NamesIn(SenateLead);
        var unit = new float[] { 1f, 0f };

        var thread = ThreadProfile.Of(1, unit, 0, 0, "Senate Passes Budget Plan", null, null, names)!;
        var related = RelatedProfile.Of(1, unit, 0, "Senate Passes Budget Plan", null, SenateLead, null, null, names)!;

        Assert.Equal(3f, Weight(thread.Terms, "senate"));
        Assert.Equal(2f, Weight(thread.Terms, "plan"));
        // The related profile adds the lead's words (weight 1, a name 1.5) to the title's.
        Assert.Equal(3f + 1.5f + 1.5f, Weight(related.Terms, "senate"));
        Assert.Equal(2f + 1f, Weight(related.Terms, "plan"));
    }

    [Fact]
    public void Central_sentences_are_those_beyond_the_lead_that_share_the_lead_s_names_in_text_order_within_the_budget()
    {
        var text = BodyFixtures.HarwickA();
        var central = StoryText.CentralSentences(BodyFixtures.HarwickTitleA, text, 1500, 20_000, 600);

        Assert.NotNull(central);
        Assert.InRange(central.Length, 200, 600);
        // Sentences naming the depot's people and places are taken; the lead (what the article's own vector read) is not.
        Assert.Contains("Pellow Chemicals said in a statement", central, StringComparison.Ordinal);
        Assert.DoesNotContain("People living within two miles", central, StringComparison.Ordinal);
        // Furniture lines are never taken, even when they name the event's places.
        Assert.DoesNotContain("Read more", central, StringComparison.Ordinal);
        Assert.DoesNotContain("Clara Devlin", central, StringComparison.Ordinal);
        // In the order of the text.
        var picked = central.Split(". ").Select(p => text.IndexOf(p.TrimEnd('.'), StringComparison.Ordinal)).ToList();
        Assert.All(picked, i => Assert.True(i >= 0));
        Assert.Equal(picked.Order(), picked);
    }

    [Fact]
    public void A_lead_alone_a_body_of_furniture_and_a_body_that_shares_nothing_with_its_lead_have_no_central_sentences()
    {
        Assert.Null(StoryText.CentralSentences("Water cut", null, 1500, 20_000, 600));
        Assert.Null(StoryText.CentralSentences("Water cut", BodyFixtures.HarwickA()[..1000], 1500, 20_000, 600));
        Assert.Null(StoryText.CentralSentences("Water cut", string.Join("\n", Enumerable.Repeat("Advertisement\nShare on Facebook\nMost read", 200)), 1500, 20_000, 600));
        // A lead paragraph on the firm's results (its tail, beyond what the embedding reads, only fragments too short to
        // count), then only lines on something else.
        var lead = "Zentro Holdings reported record quarterly revenue of 110 million euros." + string.Concat(Enumerable.Repeat(" It was so.", 60));
        var unrelated = lead + "\n" + string.Join("\n", Enumerable.Range(0, 30).Select(i => $"Gardeners planted tulips beside the old canal path this spring, volunteers explained happily, row {(char)('a' + (i % 26))}."));
        Assert.Null(StoryText.CentralSentences("Zentro earnings", unrelated, 1500, 20_000, 600));
    }

    [Theory]
    [InlineData("Senate passes the budget", "The Senate on Tuesday passed the budget, a day before the Wednesday deadline.", 200, DayOfWeek.Tuesday)]
    [InlineData("Friday's jobs report: hiring slows", "Employers added 266,000 jobs in April, the Labor Department said on Monday.", 200, DayOfWeek.Friday)]
    [InlineData("Storm hits coast", "the storm reached the coast early SUNDAY, officials said.", 200, DayOfWeek.Sunday)]
    [InlineData("Storm hits coast", "The storm reached the coast, officials said, and schools stay shut until Monday.", 40, null)]
    [InlineData("Markets close higher", "Stocks rose as investors weighed Mondays and Fridays alike.", 200, null)]
    [InlineData("Markets close higher on Friday", null, 200, DayOfWeek.Friday)]
    [InlineData("Sanders eyes Super Tuesday", "Shoppers crowded stores for Black Friday deals as Bernie Sanders campaigned on Monday.", 200, DayOfWeek.Monday)]
    [InlineData("Pope leads Easter Sunday Mass", "The pope celebrated Mass before a small crowd.", 200, null)]
    [InlineData("Markets close higher on Friday", "Stocks rose.", 0, null)]
    public void The_day_an_article_gives_its_news_is_the_first_weekday_named_in_its_title_and_the_start_of_its_text(string title, string? text, int chars, DayOfWeek? expected)
    {
        Assert.Equal(expected, StoryText.NewsWeekday(title, text, chars));
    }

    [Fact]
    public void A_title_or_text_megabytes_long_is_read_for_its_day_only_at_its_start()
    {
        var filler = string.Concat(Enumerable.Repeat("word ", 400_000));
        Assert.Null(StoryText.NewsWeekday(filler + "on Monday", filler + "on Tuesday", 200));
        Assert.Equal(DayOfWeek.Friday, StoryText.NewsWeekday("Vote on Friday " + filler, filler, 200));
        Assert.Equal(DayOfWeek.Sunday, StoryText.NewsWeekday("Storm", "It hit on Sunday. " + filler, 200));
    }

    [Theory]
    // Thursday 13 May 2021, 20:00 UTC, naming Thursday: that very day.
    [InlineData("2021-05-13T20:00:00Z", DayOfWeek.Thursday, "2021-05-13")]
    // The morning after, naming Thursday: the same Thursday.
    [InlineData("2021-05-14T01:00:00Z", DayOfWeek.Thursday, "2021-05-13")]
    // A preview on the Wednesday naming the coming Thursday: the Thursday before, apart from the outcome.
    [InlineData("2021-05-12T09:00:00Z", DayOfWeek.Thursday, "2021-05-06")]
    // Before 1970 (Wednesday 31 December 1969).
    [InlineData("1969-12-31T23:00:00Z", DayOfWeek.Wednesday, "1969-12-31")]
    [InlineData("1969-12-31T23:00:00Z", DayOfWeek.Thursday, "1969-12-25")]
    public void A_named_weekday_stands_for_the_latest_such_day_on_or_before_the_article(string published, DayOfWeek weekday, string expected)
    {
        var time = DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var day = StoryText.NewsDay(time, weekday);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DateOnly.FromDateTime(DateTime.UnixEpoch.AddDays(day)));
    }
}
