using Salient.Writing;

namespace Salient.Tests.Writing;

public sealed class TextCleanerTests
{
    [Theory]
    [InlineData("WASHINGTON (AP) — The Senate passed the bill on Tuesday.", "The Senate passed the bill on Tuesday.")]
    [InlineData("LONDON, Nov 5 (Reuters) - Britain's economy grew by 0.2% in the third quarter.", "Britain's economy grew by 0.2% in the third quarter.")]
    [InlineData("MINNEAPOLIS—Minnesota Gov. Tim Walz sent in the National Guard.", "Minnesota Gov. Tim Walz sent in the National Guard.")]
    [InlineData("NEW YORK, N.Y. -- Stocks rose sharply on Friday after the jobs report.", "Stocks rose sharply on Friday after the jobs report.")]
    [InlineData("(CNN) — A powerful storm hit the coast of Florida overnight.", "A powerful storm hit the coast of Florida overnight.")]
    [InlineData("By Jane Doe and John Roe, Reuters The central bank held rates steady on Thursday.", "The central bank held rates steady on Thursday.")]
    [InlineData("VIDEO: Ballot harvesting helped deliver many districts to Democrats in 2018.", "Ballot harvesting helped deliver many districts to Democrats in 2018.")]
    [InlineData("Nashua, New Hampshire (CNN) - The contentious contours of the primary came into full view over the weekend.", "The contentious contours of the primary came into full view over the weekend.")]
    [InlineData("Why it matters: Becerra is now in charge of overseeing the country's response to the pandemic.", "Becerra is now in charge of overseeing the country's response to the pandemic.")]
    [InlineData("The big picture: Trump's comments were a glaring contrast with the praise Republicans showered upon Lewis.", "Trump's comments were a glaring contrast with the praise Republicans showered upon Lewis.")]
    [InlineData("By the numbers: 1.4 million jobs were added in August, the government said.", "1.4 million jobs were added in August, the government said.")]
    public void Datelines_bylines_and_labels_are_stripped(string raw, string expected)
    {
        Assert.Equal(expected, TextCleaner.CleanSentence(raw));
    }

    [Theory]
    [InlineData("Click here to subscribe to our newsletter for more updates.")]
    [InlineData("By Jane Doe")]
    [InlineData("Sign up for our daily briefing and get the news first.")]
    [InlineData("Copyright 2024 The Associated Press. All rights reserved.")]
    [InlineData("What does this mean for the future of the party?")]
    [InlineData("and then they left.")]
    [InlineData("Photo: Getty Images")]
    [InlineData("\"We had believed the risk was gone,\" Deputy County Attorney Joseph LaRue said in a...")]
    [InlineData("The House passed the bill on Friday and sent it to the…")]
    [InlineData("Following is a guide to the criminal cases against the former prime minister:")]
    [InlineData("President-elect Donald Trump on Tuesday announced he plans to nominate Rep.")]
    [InlineData("Washington's governor is running for president, and Inslee joins Sens.")]
    [InlineData("The House Democrats, led by lead manager Jamie B. Raskin (D-Md.")]
    [InlineData("PUBLISHED FEBRUARY 23, 2021: House Democrats are forging ahead with a vote on a $1.9 trillion package.")]
    [InlineData("Updated Feb. 3, 2021 at 5:40 p.m. ET")]
    [InlineData("Originally published June 12 2024, this story has been updated with the final count.")]
    public void Boilerplate_questions_fragments_and_cut_or_lead_in_sentences_are_dropped(string raw)
    {
        Assert.Null(TextCleaner.CleanSentence(raw));
    }

    [Theory]
    [InlineData("The deal was signed by the chief executive of Apple Inc.")]
    [InlineData("The parade will pass along Main St.")]
    [InlineData("The award went to Martin Luther King Jr.")]
    [InlineData("The troops will leave the base by June (the ministry gave no exact date).")]
    [InlineData("Prices rose in three places: (a) the capital, (b) the ports and (c) the north.")]
    [InlineData("Updated guidance from the health agency says 3 feet is enough in classrooms.")]
    [InlineData("Published reports in May 2021 put the toll at 40 people.")]
    public void A_sentence_ending_on_an_abbreviation_that_can_end_one_or_closing_its_parentheses_is_kept(string raw)
    {
        Assert.Equal(raw, TextCleaner.CleanSentence(raw));
    }

    [Theory]
    [InlineData("“We will not back down,” she said on Monday.", true)]
    [InlineData("\"It is over.\" the mayor wrote in a letter to the council.", true)]
    [InlineData("‘Get it done,’ Trump said of making the payments.", true)]
    [InlineData("“Squad” member Ilhan Omar said the bill would pass.", false)]
    [InlineData("The governor said: “We will not back down.”", false)]
    [InlineData("“The Crown” returns for a sixth season in November.", false)]
    public void A_sentence_opens_on_a_quotation_only_when_someones_words_come_first(string sentence, bool quotation) =>
        Assert.Equal(quotation, TextCleaner.OpensOnQuotation(sentence));

    [Fact]
    public void Sentences_split_at_full_stops_but_not_after_titles_initials_or_abbreviations()
    {
        var s = TextCleaner.SplitSentences("Sen. John F. Kerry met Gov. Walz in Washington, D.C. on Monday. The U.S. economy grew 2.5 percent. \"We will act,\" he said. Prices rose!");
        Assert.Equal(4, s.Count);
        Assert.Equal("Sen. John F. Kerry met Gov. Walz in Washington, D.C. on Monday.", s[0]);
        Assert.Equal("The U.S. economy grew 2.5 percent.", s[1]);
        Assert.Equal("\"We will act,\" he said.", s[2]);
    }

    [Theory]
    [InlineData("The George Floyd Justice in Policing Act, H.R. 1280, passed 220-212 on Wednesday. Republicans opposed it.", "The George Floyd Justice in Policing Act, H.R. 1280, passed 220-212 on Wednesday.")]
    [InlineData("The House passed H.R. 8, a bill requiring background checks, on Thursday. It goes to the Senate.", "The House passed H.R. 8, a bill requiring background checks, on Thursday.")]
    [InlineData("Former President George H.W. Bush died on Friday at his home in Houston. He was 94.", "Former President George H.W. Bush died on Friday at his home in Houston.")]
    [InlineData("In the letter, Marine Corps Brig. Gen. William Seely said the troops would move. The Pentagon denied it.", "In the letter, Marine Corps Brig. Gen. William Seely said the troops would move.")]
    [InlineData("The shooting happened in Fresno, Calif. Police said on Monday that two people died. More was to come.", "The shooting happened in Fresno, Calif. Police said on Monday that two people died.")]
    public void A_full_stop_after_dotted_initials_a_rank_or_a_state_does_not_end_the_sentence(string text, string first)
    {
        Assert.Equal(first, TextCleaner.SplitSentences(text)[0]);
    }

    [Fact]
    public void A_full_stop_after_a_common_word_that_is_also_a_state_still_ends_the_sentence()
    {
        var s = TextCleaner.SplitSentences("The patient was too ill. Doctors said she would recover within a week.");
        Assert.Equal(2, s.Count);
    }

    [Theory]
    [InlineData("1280, passed 220-212 although a Republican said he had voted yes by mistake.")]
    [InlineData("11, and buying one of these paper flowers funds veterans groups.")]
    public void The_rest_of_a_sentence_split_at_a_number_is_no_sentence(string raw)
    {
        Assert.Null(TextCleaner.CleanSentence(raw));
    }

    [Theory]
    [InlineData("President Donald Trump President Donald Trump will announce an executive action on the census.", "President Donald Trump will announce an executive action on the census.")]
    [InlineData("Gov. Gavin Newsom Gov. Gavin Newsom ordered bars in the state to close again on Wednesday.", "Gov. Gavin Newsom ordered bars in the state to close again on Wednesday.")]
    [InlineData("Walla Walla voters approved the school levy by a wide margin on Tuesday.", "Walla Walla voters approved the school levy by a wide margin on Tuesday.")]
    [InlineData("The New York Times reported that New York officials had known for weeks.", "The New York Times reported that New York officials had known for weeks.")]
    public void A_name_said_twice_in_a_row_by_a_caption_run_into_the_text_is_said_once(string raw, string clean)
    {
        Assert.Equal(clean, TextCleaner.CleanSentence(raw));
    }

    [Fact]
    public void Scraping_artifacts_are_removed()
    {
        var s = TextCleaner.SplitSentences("The station was set ablaze on Thursday night. placeholderMore than 500 members of the National Guard were sent.");
        Assert.Equal("More than 500 members of the National Guard were sent.", s[1]);
    }

    [Fact]
    public void A_paragraph_without_a_full_stop_ends_its_sentence_and_does_not_run_into_the_next()
    {
        var s = TextCleaner.SplitSentences(
            "Russian assets are hit hard by the announcement, with the ruble dropping as much as 5%\n\n" +
            "The administration introduced further sanctions on Wednesday. Moscow called them unacceptable.\r\n \r\n" +
            "Sen. Jane Roe: ‘Not something I can support’\n\nShe spoke on Thursday.");

        Assert.Equal(
        [
            "Russian assets are hit hard by the announcement, with the ruble dropping as much as 5%",
            "The administration introduced further sanctions on Wednesday.",
            "Moscow called them unacceptable.",
            "Sen. Jane Roe: ‘Not something I can support’",
            "She spoke on Thursday.",
        ], s);
        Assert.Equal("Russian assets are hit hard by the announcement, with the ruble dropping as much as 5%.", TextCleaner.CleanSentence(s[0]));
    }

    [Fact]
    public void A_single_line_break_inside_a_paragraph_does_not_end_a_sentence()
    {
        var s = TextCleaner.SplitSentences("The bill passed the\nSenate on Tuesday by a vote of 61 to 38. It now goes to the House.");
        Assert.Equal(["The bill passed the Senate on Tuesday by a vote of 61 to 38.", "It now goes to the House."], s);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n\n\n")]
    [InlineData(" \r\n\t\r\n ")]
    public void Text_of_nothing_but_blank_lines_has_no_sentences(string text)
    {
        Assert.Empty(TextCleaner.SplitSentences(text));
    }

    [Fact]
    public void Thousands_of_paragraphs_each_give_their_own_sentence()
    {
        var text = string.Join("\n\n", Enumerable.Range(0, 5000).Select(i => $"Paragraph {i} tells one more thing about the flood"));
        var s = TextCleaner.SplitSentences(text);
        Assert.Equal(5000, s.Count);
        Assert.Equal("Paragraph 4999 tells one more thing about the flood", s[^1]);
    }

    [Fact]
    public void Chinese_and_japanese_sentences_end_at_their_full_width_marks_without_a_space()
    {
        Assert.Equal(["日本の北部沿岸で強い地震が発生した。", "「津波に注意」と気象庁は述べた。", "住民は避難した！", "なぜか？"],
            TextCleaner.SplitSentences("日本の北部沿岸で強い地震が発生した。「津波に注意」と気象庁は述べた。住民は避難した！なぜか？"));
        Assert.Equal(["日本北部沿海发生强烈地震。", "气象厅发布了海啸警报（当地时间）。"], TextCleaner.SplitSentences("日本北部沿海发生强烈地震。气象厅发布了海啸警报（当地时间）。"));
    }

    [Theory]
    [InlineData("日本北部沿海发生强烈地震。", "日本北部沿海发生强烈地震。")]
    [InlineData("ضرب زلزال قوي ساحل شمال اليابان يوم الجمعة.", "ضرب زلزال قوي ساحل شمال اليابان يوم الجمعة.")]
    [InlineData("日本北部沿海发生强烈地震", "日本北部沿海发生强烈地震。")]
    [InlineData("なぜ地震は起きたのでしょうか？", null)]
    [InlineData("地震。", null)]
    public void A_sentence_in_a_script_without_capitals_is_kept_and_ended_in_its_own_way(string raw, string? clean)
    {
        Assert.Equal(clean, TextCleaner.CleanSentence(raw));
    }

    [Theory]
    [InlineData("The quake struck at dawn.", 5)]
    [InlineData("日本北部沿海发生强烈地震。", 6)]
    [InlineData("東京で G7 サミットが開幕した。", 8)]
    [InlineData("— · —", 0)]
    public void Words_of_chinese_or_japanese_text_count_one_for_every_two_characters(string text, int words)
    {
        Assert.Equal(words, TextCleaner.CountWords(text));
    }

    [Fact]
    public void Tokens_are_words_of_any_script_and_single_chinese_or_japanese_characters()
    {
        Assert.Equal(["the", "ruble", "fell", "5"], TextCleaner.Tokens("The ruble fell 5%"));
        Assert.Equal(["złaty", "søren", "москва"], TextCleaner.Tokens("Złatý Søren, Москва!"));
        Assert.Equal(["地", "震", "g7", "サ", "ミ"], TextCleaner.Tokens("地震 G7サミ"));
    }

    [Fact]
    public void The_opening_words_are_cut_at_a_word_or_inside_a_run_of_chinese_characters()
    {
        Assert.Equal(("One two three", true), TextCleaner.Opening("One two three, four five six", 3));
        Assert.Equal(("One two", false), TextCleaner.Opening("One two", 3));
        Assert.Equal(("日本北部沿海", true), TextCleaner.Opening("日本北部沿海发生强烈地震", 3));
        Assert.Equal(("", false), TextCleaner.Opening("", 3));
    }

    [Theory]
    [InlineData("The new law, signed by the governor on Tuesday, safeguards rights laid out in Roe v. Wade and")]
    [InlineData("The mayor said the council would vote on the budget before the end of the")]
    [InlineData("Officials refused to say how many people had been moved to a")]
    [InlineData("He threatened to close the government over his demand for $5 billion to build a.")]
    [InlineData("Voters in the district rejected the measure by a wider margin than.")]
    [InlineData("The company said it would cut 3,000 jobs, citing falling demand, rising costs and.")]
    public void A_sentence_cut_off_after_an_article_a_conjunction_or_a_preposition_is_dropped(string raw)
    {
        Assert.Null(TextCleaner.CleanSentence(raw));
    }

    [Theory]
    [InlineData("The ruling was, in the words of one lawyer, a win of sorts — sort of.", "The ruling was, in the words of one lawyer, a win of sorts — sort of.")]
    [InlineData("The prime minister at the time was Theresa May.", "The prime minister at the time was Theresa May.")]
    [InlineData("After two rounds of talks the committee settled on Plan A.", "After two rounds of talks the committee settled on Plan A.")]
    [InlineData("Commentators on three networks weighed in", "Commentators on three networks weighed in.")]
    [InlineData("She said the party takes \"great pride in.\"", "She said the party takes \"great pride in.\"")]
    [InlineData("Russian assets are hit hard by the announcement, with the ruble dropping as much as 5%", "Russian assets are hit hard by the announcement, with the ruble dropping as much as 5%.")]
    public void A_sentence_that_ends_on_a_word_a_sentence_can_end_on_is_kept(string raw, string expected)
    {
        Assert.Equal(expected, TextCleaner.CleanSentence(raw));
    }

    [Fact]
    public void A_paragraph_cut_mid_sentence_gives_no_summary_sentence_while_the_whole_ones_around_it_stay()
    {
        var sentences = TextCleaner.SplitSentences(
            "New York enacted new protections for abortion rights on Tuesday. The new law safeguards rights laid out in Roe v. Wade and\n\n" +
            "State leaders said the law was needed should the Supreme Court change course.")
            .Select(TextCleaner.CleanSentence).ToList();
        Assert.Equal(
        [
            "New York enacted new protections for abortion rights on Tuesday.",
            null,
            "State leaders said the law was needed should the Supreme Court change course.",
        ], sentences);
    }

    [Theory]
    [InlineData("Trump tweeted on Wednesday morning, adding in parentheses, “This is what the Radical Left Democrats do.")]
    [InlineData("That is the news,” announced the mayor of the city on Monday.")]
    [InlineData("\"New York City public schools, one million children, will be back in their classrooms in September.")]
    [InlineData("“The workforce is the best in the world and I have been standing up for the worker,” he said, “and I will.")]
    public void A_piece_of_a_longer_quotation_whose_marks_do_not_pair_up_is_dropped(string raw)
    {
        Assert.Null(TextCleaner.CleanSentence(raw));
    }

    [Theory]
    [InlineData("“We will not back down,” the governor said on Friday.")]
    [InlineData("The senator said the bill was \"dead on arrival\" in the House.")]
    [InlineData("Protesters chanted “send her back” and ‘lock him up’ outside the arena.")]
    [InlineData("The minister’s aide said the talks would resume on Monday.")]
    public void A_sentence_whose_quotation_marks_pair_up_is_kept(string raw)
    {
        Assert.Equal(raw, TextCleaner.CleanSentence(raw));
    }

    [Fact]
    public void A_quotation_over_several_sentences_gives_no_summary_sentence_but_what_follows_it_stays()
    {
        var sentences = TextCleaner.SplitSentences(
            "Trump tweeted on Wednesday, “This is what the Radical Left Democrats do. Don't buy their tires.” Goodyear said on Thursday it had banned no hats.")
            .Select(TextCleaner.CleanSentence).ToList();
        Assert.Equal([null, null, "Goodyear said on Thursday it had banned no hats."], sentences);
    }

    [Theory]
    [InlineData("But in her speech on Friday, the senator said she would vote to confirm the nominee.")]
    [InlineData("However, the results of the medical check-up were not published.")]
    [InlineData("He will still be allowed to send direct messages to his followers.")]
    [InlineData("She says the last two months have been grueling for her family.")]
    [InlineData("It’s always difficult to say when an event passes from memory to history.")]
    [InlineData("Meanwhile, rescuers searched the flooded villages for a third day.")]
    [InlineData("Their lawyers said they would appeal the ruling.")]
    [InlineData("A few hours later, the Republican-controlled Senate did the same with a vote of 92-6.")]
    [InlineData("Two days later the company withdrew the statement.")]
    [InlineData("The next day, protesters returned to the square.")]
    [InlineData("Since then, no charges have been filed.")]
    [InlineData("Later that day, the governor signed the order.")]
    [InlineData("Earlier, the mayor had asked residents to stay home.")]
    [InlineData("Second, early efforts to spotlight a lab leak got mixed up with other claims.")]
    [InlineData("Finally, the board voted to keep the plant open.")]
    [InlineData("This means residents and staff will be able to get vaccinated once doses arrive.")]
    [InlineData("That’s Sen. Tammy Duckworth, firing back in a tweet at a television host.")]
    [InlineData("These are the first such charges in the state.")]
    [InlineData("Such moves are rare for a central bank in an election year.")]
    public void A_sentence_opening_with_a_connective_or_a_pronoun_leans_on_what_came_before_it(string sentence)
    {
        Assert.True(TextCleaner.LeansOnContext(sentence));
    }

    [Theory]
    [InlineData("A few hours later, the Republican-controlled Senate did the same with a vote of 92-6.")]
    [InlineData("This means residents will be able to get vaccinated once doses arrive.")]
    [InlineData("Second, early efforts to spotlight a lab leak got mixed up with other claims.")]
    public void A_time_or_a_pointer_that_leans_on_its_context_does_not_borrow_the_standing_of_the_sentence_before(string sentence)
    {
        // It may not open a summary, but it says too little of what it is about to be judged with the sentence before it.
        Assert.True(TextCleaner.LeansOnContext(sentence));
        Assert.False(TextCleaner.ContinuesSentenceBefore(sentence));
        Assert.True(TextCleaner.ContinuesSentenceBefore("He said the vote would be held on Friday."));
    }

    [Theory]
    [InlineData("Butler County officials said the river would crest on Sunday.")]
    [InlineData("Andrew Cuomo signed the bill into law on Tuesday.")]
    [InlineData("Hershey said it would raise prices by 5 percent.")]
    [InlineData("Italy’s government fell after a vote of confidence.")]
    [InlineData("Stillwater police arrested two men on Monday.")]
    [InlineData("“But we will not back down,” the mayor said on Friday.")]
    [InlineData("The senator said she would vote to confirm the nominee.")]
    [InlineData("This week, the Senate passed the spending bill by a vote of 68 to 31.")]
    [InlineData("That Friday, thousands marched through the capital.")]
    [InlineData("Later this year the law takes effect in every state.")]
    [InlineData("Earlier this week, the central bank raised its main rate.")]
    [InlineData("Then-President Donald Trump signed the order in 2019.")]
    [InlineData("First Lady Jill Biden visited the school on Monday.")]
    [InlineData("Thousands of people lined the streets of the capital.")]
    [InlineData("Secondhand smoke kills thousands of people a year, the report said.")]
    [InlineData("")]
    public void A_sentence_that_names_its_subject_stands_on_its_own(string sentence)
    {
        Assert.False(TextCleaner.LeansOnContext(sentence));
    }

    [Theory]
    [InlineData("Shortly thereafter, I signed a military contract.", true)]
    [InlineData("As I explained last night, the gymnast had a defensible reason to withdraw.", true)]
    [InlineData("I work for the president but like-minded colleagues and I have vowed to thwart parts of his agenda.", true)]
    [InlineData("My husband will make brunch.", true)]
    [InlineData("On this Memorial Day weekend, as we reflect on those who died, it is fitting to consider the living.", true)]
    [InlineData("It kept my wife and son safe over the last year.", true)]
    [InlineData("I’m not sure the plan will pass, the senator's aide wrote.", true)]
    [InlineData("“We will not back down,” the mayor said on Friday.", false)]
    [InlineData("The senator said \"I can't support this bill\" before the vote.", false)]
    [InlineData("She said the past two months 'have been grueling for my family' before resigning.", false)]
    [InlineData("The U.K. memorializes the end of World War I with purpose and style.", false)]
    [InlineData("King Charles I was executed in 1649 after a trial.", false)]
    [InlineData("The US and its allies agreed on sanctions, officials told us-based reporters.", false)]
    [InlineData("The musical My Fair Lady returns to Broadway in March.", false)]
    [InlineData("Voters in Iowa go to the polls on Monday.", false)]
    [InlineData("", false)]
    public void A_sentence_in_the_first_person_outside_its_quotations_is_told(string sentence, bool firstPerson)
    {
        Assert.Equal(firstPerson, TextCleaner.SpeaksInFirstPerson(sentence));
    }

    [Theory]
    [InlineData("The talks ended without a deal on Wednesday..", "The talks ended without a deal on Wednesday.")]
    [InlineData("The talks ended without a deal on Wednesday.", "The talks ended without a deal on Wednesday.")]
    public void A_doubled_full_stop_is_one(string raw, string clean)
    {
        Assert.Equal(clean, TextCleaner.CleanSentence(raw));
    }
}
