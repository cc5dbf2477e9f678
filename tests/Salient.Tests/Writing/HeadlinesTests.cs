using Salient.Writing;

namespace Salient.Tests.Writing;

public sealed class HeadlinesTests
{
    [Theory]
    [InlineData("Fed raises rates by half a point | Reuters", "Reuters", "Fed raises rates by half a point")]
    [InlineData("Storm kills 20 in Bangladesh - BBC News", "BBC", "Storm kills 20 in Bangladesh")]
    [InlineData("Senate passes budget bill — The New York Times", null, "Senate passes budget bill")]
    [InlineData("Senate passes budget bill - Live updates", null, "Senate passes budget bill")]
    [InlineData("BREAKING: Earthquake strikes off Japan", null, "Earthquake strikes off Japan")]
    [InlineData("Biden-Putin summit ends without a deal", null, "Biden-Putin summit ends without a deal")]
    [InlineData("Apple - the company - reports record profit", null, "Apple - the company - reports record profit")]
    [InlineData("Watch live: Trump's second impeachment trial begins Tuesday", null, "Trump's second impeachment trial begins Tuesday")]
    [InlineData("Reality check: Pence links Soleimani to 9/11", null, "Pence links Soleimani to 9/11")]
    [InlineData("FIRST ON CNN: Justice Department opens an inquiry into the leak", null, "Justice Department opens an inquiry into the leak")]
    public void Site_suffixes_and_labels_are_removed_and_the_headline_kept(string raw, string? source, string expected)
    {
        Assert.Equal(expected, Headlines.Clean(raw, source));
    }

    [Fact]
    public void A_character_lost_on_the_way_is_no_part_of_a_headline_and_makes_it_a_weaker_one()
    {
        Assert.Equal("Senate passes infrastructure bill", Headlines.Clean("Senate passes \uFFFD infrastructure bill \uFFFD"));
        Assert.True(Headlines.Flaws("Senate passes \uFFFD infrastructure bill") >= Headlines.Flaws("Senate passes infrastructure bill") + 1);
        // A reference to no character, kept as text by the feed reader, is such a lost character; a good one is not.
        Assert.Equal("Senate passes infrastructure bill", Headlines.Clean("Senate passes infrastructure bill &#xD800; &#xDC00;"));
        Assert.Equal("Senate passes infrastructure bill", Headlines.Clean("Senate passes &#0; infrastructure bill &#99999999999"));
        Assert.True(Headlines.Flaws("Senate passes infrastructure bill &#xD800;") >= Headlines.Flaws("Senate passes infrastructure bill") + 1);
        Assert.Equal(Headlines.Flaws("Fed&#8217;s Powell holds rates"), Headlines.Flaws("Fed’s Powell holds rates"));
    }

    [Fact]
    public void A_shouted_headline_is_lowered_but_keeps_acronyms_and_the_names_its_article_spells()
    {
        var title = Headlines.Clean("NATO ALLIES AGREE TO SEND TANKS TO UKRAINE!!!", context: "NATO allies agreed on Tuesday to send tanks to Ukraine, officials said.");
        Assert.Equal("NATO allies agree to send tanks to Ukraine", title);
    }

    [Theory]
    [InlineData("JOBLESS CLAIMS FALL TO THEIR LOWEST LEVEL SINCE MAY", "Jobless claims fall to their lowest level since May")]
    [InlineData("PRICES MAY FALL AGAIN ON FRIDAY, ECONOMISTS WARN", "Prices may fall again on Friday, economists warn")]
    [InlineData("THOUSANDS MARCH AGAINST THE REFORM ON MAY 1", "Thousands march against the reform on May 1")]
    [InlineData("VOTE DELAYED UNTIL MARCH AS TALKS STALL ON TUESDAY", "Vote delayed until March as talks stall on Tuesday")]
    [InlineData("STRIKE TO BEGIN MARCH 3RD, UNIONS SAY; TALKS RESUME IN JUNE", "Strike to begin March 3rd, unions say; talks resume in June")]
    [InlineData("THIS MAY BE THE LAST WINTER OF THE OLD BRIDGE", "This may be the last winter of the old bridge")]
    public void A_shouted_headline_keeps_the_capitals_of_its_months_and_weekdays_and_lowers_may_and_march_as_verbs(string headline, string expected)
    {
        Assert.Equal(expected, Headlines.Unshout(headline));
    }

    [Theory]
    [InlineData("Judge Strikes Down CDC’s National Moratorium on Evictions",
        "A federal judge struck down the national moratorium on evictions that the CDC ordered last year. The judge said the agency went too far.",
        "Judge strikes down CDC’s national moratorium on evictions")]
    [InlineData("Maryland Democratic Rep. Elijah Cummings Dies At 68",
        "Rep. Elijah Cummings, the Maryland Democratic congressman who led the House Oversight Committee, died on Thursday at 68. He had been ill for years, and Elijah Cummings died in Baltimore.",
        "Maryland Democratic Rep. Elijah Cummings dies at 68")]
    [InlineData("Trump Asks Pentagon to Plan Military Parade",
        "President Trump asked the Pentagon to plan a military parade in Washington, officials said on Tuesday.",
        "Trump asks Pentagon to plan military parade")]
    [InlineData("3.2 Million Workers Filed Unemployment Claims, Labor Department Calls It ‘Unprecedented’",
        "Another 3.2 million workers filed claims for unemployment benefits last week, the Labor Department said, calling the rise unprecedented.",
        "3.2 million workers filed unemployment claims, Labor Department calls it ‘unprecedented’")]
    [InlineData("Town Remembers Its First Veterans On Veterans Day",
        "The town remembered its first veterans on Veterans Day. Every year on this day the names of the veterans are read, and the day ends with a parade.",
        "Town remembers its first veterans on Veterans Day")]
    [InlineData("Black Lives Matter Protesters March In Portland",
        "Hundreds of Black Lives Matter protesters marched in Portland on Saturday. It did not matter that the rain fell, and no matter how late it got, black umbrellas and black coats filled the streets.",
        "Black Lives Matter protesters march in Portland")]
    [InlineData("Civil Rights Law Protects Transgender Workers, Court Rules",
        "The court ruled that the Civil Rights Act protects transgender workers. The rights of workers under the civil rights law were at stake, and the law protects them.",
        "Civil rights law protects transgender workers, court rules")]
    [InlineData("Atlanta Girl Killed In Shooting, Mayor To Clear Protesters",
        "A girl was killed in a shooting in Atlanta on Saturday. The city would clear the protesters, Mayor Keisha Lance Bottoms said, and the mayor asked them to leave.",
        "Atlanta girl killed in shooting, mayor to clear protesters")]
    [InlineData("Supreme Court Sides With Trump On Fast-Track Deportations",
        "The Supreme Court sided with the Trump administration on Thursday, allowing fast-track deportations. The court ruled 7-2.",
        "Supreme Court sides with Trump on fast-track deportations")]
    [InlineData("Republican Jake Ellzey Beats Trump-Backed Candidate In Texas Runoff",
        "Republican Jake Ellzey beat a candidate backed by former President Trump in a runoff in Texas on Tuesday.",
        "Republican Jake Ellzey beats Trump-Backed candidate in Texas runoff")]
    [InlineData("Biden Set To Unveil $2 Trillion Infrastructure Plan",
        "President Biden is set to unveil the American Jobs Plan on Wednesday. The American Jobs Plan would spend $2 trillion on infrastructure, and the plan would be paid for by higher taxes on companies.",
        "Biden set to unveil $2 trillion infrastructure plan")]
    [InlineData("Census Shows South And West Gain Political Power From Population Growth",
        "Census Shows South And West Gain Political Power From Population Growth\n\nThe South and the West will gain political power, as the census shows that the population grew fastest there, and the political power of the Northeast shrinks with its growth.",
        "Census shows South and West gain political power from population growth")]
    [InlineData("Leaders Meet In Geneva For Talks",
        "The leaders will meet for talks on Monday, officials said, and the meeting is set for Geneva. The talks follow a year of tension.",
        "Leaders meet in Geneva for talks")]
    [InlineData("Joint Chiefs Chair: Report Wrong On Troop Numbers",
        "The chair of the Joint Chiefs said the report was wrong and that troop numbers had not changed. He said the report on troop numbers was false.",
        "Joint Chiefs chair: Report wrong on troop numbers")]
    public void A_title_case_headline_is_written_in_sentence_case_and_keeps_the_names_its_article_capitalises(string headline, string text, string expected) =>
        Assert.Equal(expected, Headlines.Clean(headline, context: text));

    [Theory]
    [InlineData("Judge Strikes Down CDC’s National Moratorium on Evictions", "")]
    [InlineData("Judge strikes down the CDC’s moratorium in New York", "A judge struck down the moratorium in new york state.")]
    public void A_headline_without_its_text_or_already_in_sentence_case_keeps_its_capitals(string headline, string text) =>
        Assert.Equal(headline, Headlines.Clean(headline, context: text));

    [Fact]
    public void Shouted_words_and_emotive_adjectives_are_toned_down()
    {
        var title = Headlines.Clean("Senator SLAMS shocking plan to cut EU funding");
        Assert.Equal("Senator criticizes plan to cut EU funding", title);
    }

    [Theory]
    [InlineData("Israeli Airstrike Demolishes Gaza Building That Held Al Jazeera, Associated Press Offices")]
    [InlineData("Israeli strike destroys Gaza tower housing media organisations")]
    [InlineData("Jeff Bezos Blasts Off to Space on Blue Origin’s First Manned Flight")]
    [InlineData("Car slams into crowd outside stadium, injuring 12")]
    [InlineData("Hurricane hammers Louisiana, leaving a million without power")]
    [InlineData("Explosion rips through chemical plant near the port")]
    [InlineData("Negotiators say Congress hammers out a budget deal")]
    [InlineData("Protesters ripped up the agreement outside parliament")]
    public void A_loaded_verb_in_its_literal_sense_is_left_as_it_is(string headline)
    {
        Assert.Equal(headline, Headlines.Clean(headline));
    }

    [Theory]
    [InlineData("Anne Frank Center blasts Trump's immigration bill as an 'ethnic purity test'", "Anne Frank Center criticizes Trump's immigration bill as an 'ethnic purity test'")]
    [InlineData("Pundit destroys critics of the tax plan in debate", "Pundit rebuts critics of the tax plan in debate")]
    [InlineData("Governor lambasts lawmakers over budget delay", "Governor criticizes lawmakers over budget delay")]
    [InlineData("White House slams Facebook as conduit for misinformation", "White House criticizes Facebook as conduit for misinformation")]
    [InlineData("Mayor blasts school board over mask rule", "Mayor criticizes school board over mask rule")]
    public void A_loaded_verb_in_its_figurative_sense_is_made_plain(string headline, string expected)
    {
        Assert.Equal(expected, Headlines.Clean(headline));
    }

    [Theory]
    [InlineData("Is this the end of the euro?")]
    [InlineData("You won't believe what the senator said next")]
    [InlineData("Here's why oil prices are falling")]
    [InlineData("7 things to know about the new tax law")]
    [InlineData("10 reasons the market fell")]
    [InlineData("What you need to know about the strike")]
    public void Questions_teasers_and_listicles_are_flagged(string raw)
    {
        Assert.True(Headlines.IsQuestionOrTeaser(raw));
        Assert.True(Headlines.Flaws(raw) >= 1);
    }

    [Theory]
    [InlineData("Senate confirms Barrett to the Supreme Court in 52-48 vote")]
    [InlineData("Japan braces as North Korea threatens hydrogen bomb test")]
    public void Plain_declarative_headlines_have_no_flaws(string raw)
    {
        Assert.False(Headlines.IsQuestionOrTeaser(raw));
        Assert.Equal(0, Headlines.Flaws(raw));
    }

    [Theory]
    [InlineData("Coronavirus cases are rising. Will deaths follow?", "Coronavirus cases are rising")]
    [InlineData("Senate passes the bill! What happens next?", "Senate passes the bill")]
    [InlineData("Will deaths follow?", "Will deaths follow?")]
    [InlineData("Is the U.S. ready for a second wave?", "Is the U.S. ready for a second wave?")]
    [InlineData("Gov. Jan. Smith speaks. Why now?", "Gov. Jan. Smith speaks")]
    [InlineData("It rose. Why?", "It rose. Why?")]
    [InlineData("Floods hit the coast", "Floods hit the coast")]
    public void A_headline_that_asks_keeps_its_statement_or_else_its_question_mark(string headline, string expected) =>
        Assert.Equal(expected, Headlines.Unasked(headline));

    [Theory]
    [InlineData("Derek Chauvin will likely appeal his guilty verdict in George Floyd's murder. But the odds aren't good", "Derek Chauvin will likely appeal his guilty verdict in George Floyd's murder")]
    [InlineData("Some veterans' families delayed memorial services during the pandemic. On Memorial Day, the risk is reopening 'old wounds.'", "Some veterans' families delayed memorial services during the pandemic")]
    [InlineData("U.S. Army Sgt. Bowe Bergdahl will enter a plea in his desertion case on Monday", "U.S. Army Sgt. Bowe Bergdahl will enter a plea in his desertion case on Monday")]
    [InlineData("Gov. J. Smith signs the budget. Teachers get a raise", "Gov. J. Smith signs the budget")]
    [InlineData("It rose. Prices too", "It rose. Prices too")]
    [InlineData("Storm hits the coast. Again", "Storm hits the coast. Again")]
    [InlineData("Stocks fall 3.5% as oil prices jump", "Stocks fall 3.5% as oil prices jump")]
    public void A_headline_of_two_sentences_keeps_its_first_when_it_says_something_whole(string headline, string expected) =>
        Assert.Equal(expected, Headlines.FirstSentence(headline));

    [Fact]
    public void A_two_sentence_headline_is_cleaned_into_a_title_of_one_sentence() =>
        Assert.Equal("Mother's Day can be painful", Headlines.Clean("Mother's Day Can Be Painful. It Can Also Reconnect Us to the World", null,
            "Mother's Day can be painful for those who lost a mother, and the day can also reconnect us to the world."));
}
