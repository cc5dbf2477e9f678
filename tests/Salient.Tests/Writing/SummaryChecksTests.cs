using Salient.Writing;

namespace Salient.Tests.Writing;

public sealed class SummaryChecksTests
{
    [Fact]
    public void Two_sentences_that_report_the_same_order_in_other_words_restate_one_fact()
    {
        var signed = SummaryChecks.ContentWords("Florida Gov. Ron DeSantis signed an executive order on Friday that prohibits school districts in the state from requiring students to wear face masks in the fall.");
        var barred = SummaryChecks.ContentWords("Florida Gov. Ron DeSantis on Friday barred local school districts from requiring students to wear masks when classes resume.");
        var rules = SummaryChecks.ContentWords("The order tells the state's health and education departments to write emergency rules within days.");

        Assert.True(SummaryChecks.Restates(signed, barred));
        Assert.False(SummaryChecks.Restates(signed, rules));
    }

    [Fact]
    public void Two_sentences_that_state_one_figure_for_one_thing_restate_one_fact()
    {
        const string passed = "The United States passed 25 million confirmed coronavirus cases on Sunday, according to Johns Hopkins University.";
        const string reached = "Almost exactly a year after its first case, the country reached 25 million confirmed coronavirus infections on Sunday.";
        const string deaths = "More than 417,000 people in the country have died of the disease.";

        Assert.False(SummaryChecks.Restates(SummaryChecks.ContentWords(passed), SummaryChecks.ContentWords(reached)));
        Assert.True(SummaryChecks.Restates(SummaryChecks.ContentWords(passed), SummaryChecks.Quantities(passed), SummaryChecks.ContentWords(reached), SummaryChecks.Quantities(reached)));
        Assert.False(SummaryChecks.Restates(SummaryChecks.ContentWords(passed), SummaryChecks.Quantities(passed), SummaryChecks.ContentWords(deaths), SummaryChecks.Quantities(deaths)));
    }

    [Fact]
    public void Sentences_that_share_only_a_name_and_a_day_are_not_restatements()
    {
        var a = SummaryChecks.ContentWords("DeSantis announced the order on Friday at a restaurant in Cape Coral.");
        var b = SummaryChecks.ContentWords("DeSantis said on Friday that parents should decide whether their children wear masks.");
        Assert.False(SummaryChecks.Restates(a, b));
    }

    [Theory]
    [InlineData("U.S. tops 25 million confirmed coronavirus cases", "The country had recorded 24 million confirmed cases by the end of last week.", true)]
    [InlineData("U.S. tops 25 million confirmed coronavirus cases", "Johns Hopkins University counted 25.2 million cases on Sunday.", false)]
    [InlineData("U.S. tops 25 million confirmed coronavirus cases", "The country reported more than 35,000 new cases on Sunday.", false)]
    [InlineData("U.S. tops 25 million confirmed coronavirus cases", "More than 417,000 people in the country have died.", false)]
    [InlineData("U.S. surpasses six million reported cases", "The U.S. has 5.99 million cases and 183,068 deaths.", false)]
    [InlineData("Inflation rises to 5% in May", "Consumer prices rose 4% in the year to May, the department said.", false)]
    [InlineData("Inflation rises to 5 percent in May", "Inflation rose to 4 percent in May, the department said.", true)]
    [InlineData("Storm kills 12 in Bangladesh", "The storm killed at least 12 people, officials said.", false)]
    [InlineData("Bus crash kills 12 people", "Nine people were killed when the bus crashed.", true)]
    [InlineData("Rescue suspended after four more boys freed", "Rescuers brought four more boys out of the cave, bringing the total number of rescued boys to eight.", false)]
    [InlineData("Teen charged in shootings that killed 2", "The teen allegedly shot three people in the city, killing two.", false)]
    [InlineData("Schools may seat pupils 3 feet apart", "The agency changed its distancing advice from 6 feet to 3 feet.", false)]
    public void A_number_for_the_same_thing_disagrees_only_when_it_cannot_be_the_same_figure(string title, string sentence, bool disagrees)
    {
        Assert.Equal(disagrees, SummaryChecks.Disagrees(SummaryChecks.Quantities(sentence), SummaryChecks.Quantities(title)));
    }

    [Theory]
    [InlineData("Mexico will receive 2.5 million doses of the vaccine and Canada is to receive 1.5 million doses, the official said.", false)]
    [InlineData("The official said the doses would go to the two countries this week, 2.5 million doses and 1.5 million doses.", false)]
    [InlineData("The United States will send 3 million doses of the vaccine, the official said.", true)]
    public void A_figure_given_with_another_for_the_same_thing_is_no_claim_against_a_third_whichever_text_gives_it(string sentence, bool disagrees)
    {
        var whole = SummaryChecks.Quantities("The United States will send 4 million doses of the AstraZeneca vaccine to Canada and Mexico.");
        var parts = SummaryChecks.Quantities(sentence);

        Assert.Equal(disagrees, SummaryChecks.Disagrees(parts, whole));
        Assert.Equal(disagrees, SummaryChecks.Disagrees(whole, parts));
    }

    [Theory]
    [InlineData("FDA authorizes Pfizer coronavirus vaccine for emergency use", "The United States authorized the Pfizer and BioNTech coronavirus vaccine for emergency use on Friday, a day after a panel voted 17-4.", true)]
    [InlineData("FDA authorizes Pfizer coronavirus vaccine for emergency use", "The first doses are to go to health care workers and nursing home residents.", false)]
    [InlineData("FDA authorizes Pfizer coronavirus vaccine for emergency use", "Pfizer said its coronavirus vaccine was 95% effective.", false)]
    [InlineData("Senate passes bill", "The Senate passed the bill on Tuesday.", false)]
    [InlineData("", "The Senate passed the bill on Tuesday.", false)]
    [InlineData("FDA authorizes Pfizer coronavirus vaccine for emergency use", "", false)]
    public void A_sentence_tells_the_titles_fact_when_it_holds_most_of_its_words(string title, string sentence, bool tells) =>
        Assert.Equal(tells, SummaryChecks.TellsTitle(SummaryChecks.ContentWords(sentence), SummaryChecks.ContentWords(title)));

    [Theory]
    [InlineData("Key committee meets Thursday to consider FDA authorization for Pfizer vaccine", true)]
    [InlineData("FDA to meet on Pfizer's vaccine application: What to expect", true)]
    [InlineData("Head of FDA advisory panel predicts approval for Pfizer's vaccine", true)]
    [InlineData("Senate set to vote on infrastructure bill", true)]
    [InlineData("House is expected to pass the bill on Friday", true)]
    [InlineData("FDA authorizes Pfizer's COVID-19 vaccine for emergency use", false)]
    [InlineData("Senate passes $1 trillion infrastructure bill", false)]
    [InlineData("Trump ousts Tillerson, will replace him with CIA chief Pompeo", false)]
    [InlineData("Biden says US will have enough vaccines for every American by July", false)]
    [InlineData("Trump encourages Floridians to vote by mail", false)]
    [InlineData("The Trump administration wants to cancel $7 billion from a children's health program", false)]
    [InlineData("Trump: I will sign the bill", false)]
    [InlineData("Trump 'morally unfit to be president,' Comey says", false)]
    [InlineData("5 lawyers leave Trump impeachment team ahead of trial", false)]
    [InlineData("Biden To Choose Antony Blinken For Secretary Of State", true)]
    [InlineData("Trump Encourages Floridians To Vote By Mail", false)]
    [InlineData("Roger Stone Sentenced to Three Years and Four Months in Prison", false)]
    [InlineData("Tokyo Olympics To Be Postponed Until 2021", true)]
    [InlineData("Jury finds officer guilty; sentencing to be scheduled", false)]
    [InlineData("Harris to visit Guatemala in May", true)]
    [InlineData("Senate to vote Tuesday on $1 trillion infrastructure bill", true)]
    [InlineData("House votes to impeach Trump", false)]
    [InlineData("Court agrees to hear gun rights case", false)]
    [InlineData("Former officer sentenced to 22 years", false)]
    [InlineData("The council passes its budget in May", false)]
    [InlineData("", false)]
    public void A_headline_looks_ahead_when_its_first_clause_previews_what_has_not_happened(string headline, bool ahead) =>
        Assert.Equal(ahead, SummaryChecks.HeadlineLooksAhead(headline));

    [Theory]
    [InlineData("The Senate is expected to pass the $1 trillion infrastructure bill on Tuesday.", true)]
    [InlineData("The Senate could pass the infrastructure bill as soon as Tuesday.", true)]
    [InlineData("The Senate passed the $1 trillion infrastructure bill on Tuesday.", false)]
    [InlineData("The bill now goes to the House, which will vote on it next month.", false)]
    [InlineData("Leaders said the Senate would pass the infrastructure bill on Tuesday.", false)]
    [InlineData("The Senate is expected to pass a defence bill next week.", false)]
    [InlineData("", false)]
    public void A_sentence_looks_ahead_to_the_headlines_outcome_when_its_next_verb_is_the_headlines(string sentence, bool ahead) =>
        Assert.Equal(ahead, SummaryChecks.LooksAheadTo(sentence, SummaryChecks.ContentWords("Senate passes $1 trillion infrastructure bill"), 3));

    [Theory]
    [InlineData("FDA authorizes Pfizer's COVID-19 vaccine for emergency use", true)]
    [InlineData("Senate passes $1 trillion infrastructure bill", true)]
    [InlineData("Trump ousts Tillerson, replaces him with Pompeo", true)]
    [InlineData("5 lawyers leave Trump impeachment team ahead of trial", true)]
    [InlineData("The Trump administration wants to cancel $7 billion from a children's health program", false)]
    [InlineData("Supreme Court could rule on abortion case this week", false)]
    [InlineData("Senate Democrats aim to expand voting rights", false)]
    [InlineData("White House: Trump to declare opioid crisis a public health emergency", false)]
    [InlineData("IOC member says 2020 Tokyo Olympics will be postponed", false)]
    [InlineData("Biden To Choose Antony Blinken For Secretary Of State", false)]
    [InlineData("Lawmakers' comments come under scrutiny as defense eyes appeal", false)]
    [InlineData("Tokyo Olympics to be postponed, Japan's prime minister says", false)]
    [InlineData("", false)]
    public void A_headline_tells_an_outcome_only_when_it_says_nothing_of_what_is_yet_to_come(string headline, bool outcome) =>
        Assert.Equal(outcome, SummaryChecks.HeadlineTellsOutcome(headline));

    [Theory]
    [InlineData("U.S. tops 25 million confirmed coronavirus cases", "The U.S. surpassed six million confirmed coronavirus cases on Monday.", true)]
    [InlineData("US passes 500,000 Covid deaths", "The country crossed 100,000 Covid deaths in May.", true)]
    [InlineData("U.S. tops 25 million confirmed coronavirus cases", "The United States passed 25 million confirmed coronavirus cases on Sunday.", false)]
    [InlineData("U.S. tops 25 million confirmed coronavirus cases", "Texas passed 2 million confirmed coronavirus cases on Sunday.", false)]
    [InlineData("U.S. tops 25 million confirmed coronavirus cases", "The country topped 200,000 new confirmed coronavirus cases in a day.", false)]
    [InlineData("U.S. passes 100 million vaccine doses given", "Biden set a goal of reaching 200 million vaccine doses given by his 100th day.", false)]
    [InlineData("U.S. passes 100 million vaccine doses given", "Officials expect the country to pass 200 million vaccine doses given next month.", false)]
    [InlineData("Tesla tops 500,000 car deliveries", "Tesla passed 1 million electric vehicles built in March.", false)]
    public void Two_milestones_of_one_running_total_disagree_however_far_apart(string title, string sentence, bool disagrees)
    {
        var (t, s) = (SummaryChecks.Quantities(title), SummaryChecks.Quantities(sentence));
        Assert.Equal(disagrees, SummaryChecks.Disagrees(s, t) || SummaryChecks.Disagrees(t, s));
    }

    [Theory]
    [InlineData("The law was passed in 2021 after COVID-19 spread.")]
    [InlineData("The vote is set for July 14 at 10 a.m.")]
    [InlineData("It was the 3rd time this year.")]
    [InlineData("")]
    [InlineData("<b>12</b>")]
    public void Years_dates_times_ordinals_names_and_bare_numbers_are_not_quantities(string text)
    {
        Assert.Empty(SummaryChecks.Quantities(text));
    }

    [Fact]
    public void Huge_and_hostile_texts_are_read_without_failing()
    {
        var huge = string.Concat(Enumerable.Repeat("<script>alert(1)</script> 99999999999999999999999999999 cases, ", 5_000));
        Assert.NotEmpty(SummaryChecks.Quantities(huge));
        Assert.NotEmpty(SummaryChecks.ContentWords(huge));
        Assert.False(SummaryChecks.Restates([], SummaryChecks.ContentWords(huge)));

        // A page of one endless sentence saying "will" and "passed" thousands of times is read once, not once per word.
        var endless = string.Concat(Enumerable.Repeat("the Senate will pass the bill, it said, and passed 25 million cases ", 5_000));
        Assert.True(SummaryChecks.LooksAhead(endless));
        Assert.True(SummaryChecks.LooksAheadTo(endless, SummaryChecks.ContentWords("Senate passes infrastructure bill"), 2));
        Assert.False(SummaryChecks.HeadlineTellsOutcome(endless));
        Assert.NotEmpty(SummaryChecks.Quantities(endless));
    }

    [Theory]
    [InlineData("Jobless claims rose 37,000 last week to 412,000, the Labor Department said.", 1)]
    [InlineData("Claims fell to the lowest level since the pandemic began.", -1)]
    [InlineData("Prices climbed while wages dropped.", 0)]
    [InlineData("The Senate passed the bill on Tuesday.", 0)]
    [InlineData("The Rise of the Machines opens on Friday in New Fall colours", 0)]
    public void A_text_moves_one_way_only_when_it_says_so_and_not_also_the_other(string text, int direction) =>
        Assert.Equal(direction, SummaryChecks.Direction(text));

    [Theory]
    [InlineData("The number of new applications for unemployment benefits rose 37,000 last week to 412,000, the Labor Department reported on Thursday.",
        "The number of Americans filing first-time jobless claims last week fell to the lowest level since the pandemic began, according to the Labor Department.", true)]
    [InlineData("The number of new applications for unemployment benefits rose 37,000 last week to 412,000, the Labor Department reported on Thursday.",
        "The number of new applications for unemployment benefits rose again, the Labor Department reported.", false)]
    [InlineData("Stocks rose on Wall Street on Monday after the Fed meeting.", "Oil prices fell in Asia on Monday.", false)]
    [InlineData("Applications for unemployment benefits rose 37,000, the Labor Department said.", "The Labor Department said the backlog of 2 million applications will take weeks to clear.", false)]
    public void Two_texts_oppose_each_other_when_they_say_one_thing_went_up_and_down(string a, string b, bool opposes)
    {
        var wa = SummaryChecks.ContentWords(a);
        var wb = SummaryChecks.ContentWords(b);
        Assert.Equal(opposes, SummaryChecks.Opposes(wa, SummaryChecks.Direction(a), wb, SummaryChecks.Direction(b)));
        Assert.Equal(opposes, SummaryChecks.Opposes(wb, SummaryChecks.Direction(b), wa, SummaryChecks.Direction(a)));
    }

    [Fact]
    public void Movements_of_empty_and_huge_texts_are_read_without_failing()
    {
        Assert.Equal(0, SummaryChecks.Direction(null));
        Assert.Equal(0, SummaryChecks.Direction(""));
        var huge = string.Concat(Enumerable.Repeat("<b>rose</b> ", 100_000));
        Assert.Equal(1, SummaryChecks.Direction(huge));
        Assert.False(SummaryChecks.Opposes([], 1, [], -1));
    }

    [Theory]
    [InlineData("Turkey earthquake death toll rises to 150", "Earthquake kills 20 people in eastern Turkey", true)]
    [InlineData("The death toll from the earthquake in eastern Turkey rose to 150 people on Tuesday, officials said.", "A powerful earthquake killed 20 people in eastern Turkey on Monday, officials said.", true)]
    [InlineData("Rescuers pulled more bodies from the rubble in Turkey, raising the earthquake's toll to 150.", "At least 20 people were killed when an earthquake struck eastern Turkey on Monday.", true)]
    [InlineData("Turkey earthquake death toll rises to 150", "Flooding kills 20 people in northern Italy", false)]
    [InlineData("Turkey earthquake death toll rises to 150", "Earthquake in eastern Turkey kills 200 people", false)]
    [InlineData("Turkey earthquake death toll rises to 15,000", "Earthquake kills 20 people in eastern Turkey", false)]
    [InlineData("Turkey earthquake injures 150 people", "Earthquake kills 20 people in eastern Turkey", false)]
    [InlineData("The toll road in Turkey reopened after 150 days", "Earthquake kills 20 people in eastern Turkey", false)]
    public void A_newer_death_toll_outgrows_an_older_count_of_the_dead_of_the_same_event(string newer, string older, bool updates) =>
        Assert.Equal(updates, SummaryChecks.UpdatesToll(newer, older));
}
