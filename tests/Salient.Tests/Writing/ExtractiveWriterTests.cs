using Salient.Tests.Support;
using Salient.Writing;

namespace Salient.Tests.Writing;

public sealed class ExtractiveWriterTests
{
    [Fact]
    public void Every_summary_sentence_is_a_cleaned_sentence_of_the_article_it_links_to()
    {
        var articles = WritingFixtures.Storm();
        var written = WritingFixtures.Extractive().Write(articles);

        Assert.NotEmpty(written.Sentences);
        foreach (var s in written.Sentences)
        {
            var source = articles[s.Article].Text!;
            var body = s.Text.TrimEnd('.');
            Assert.Contains(body, source, StringComparison.Ordinal);
            Assert.DoesNotContain("(Reuters)", s.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Click here", s.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Read more", s.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Reporting by", s.Text, StringComparison.Ordinal);
        }
        Assert.All(written.Sources, i => Assert.InRange(i, 0, articles.Count - 1));
        Assert.Equal(WrittenStory.Extractive, written.Method);
    }

    [Fact]
    public void A_title_case_headline_is_put_in_sentence_case_from_the_words_of_the_whole_story_not_only_its_own_article()
    {
        // Neither article's own text uses every word of its headline ("grand", "military"), so neither alone shows how
        // the headline is to be cased; the two together do.
        SourceArticle[] story =
        [
            new("Trump Wants Grand Military Parade in November",
                "President Trump wants a military parade in Washington in November, officials said on Tuesday. The Pentagon is drawing up the plans.", "AP"),
            new("Trump Wants Grand Military Parade With Tanks",
                "The president wants a grand parade with tanks and troops through the capital in November, a White House official said on Tuesday.", "Reuters"),
        ];
        var written = WritingFixtures.Extractive().Write(story);
        Assert.StartsWith("Trump wants grand military parade", written.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_headline_that_lost_a_character_gives_way_to_a_whole_one()
    {
        SourceArticle[] story =
        [
            new("Senate approves $1 trillion infrastructure bill \uFFFD\uFFFD",
                "The Senate approved the $1 trillion infrastructure bill on Tuesday by a vote of 69 to 30, sending it to the House.", "AP"),
            new("Senate passes $1 trillion infrastructure bill",
                "The Senate passed the $1 trillion infrastructure bill on Tuesday, 69 to 30, after weeks of talks between the parties.", "Reuters"),
            new("Senate approves $1 trillion infrastructure bill in 69-30 vote \uFFFD",
                "Senators approved the $1 trillion infrastructure bill 69-30 on Tuesday; the House votes next.", "NPR"),
        ];
        var written = WritingFixtures.Extractive().Write(story);
        Assert.Equal("Senate passes $1 trillion infrastructure bill", written.Title);
        Assert.DoesNotContain('\uFFFD', written.Title + written.Summary);
    }

    [Fact]
    public void A_word_that_opens_another_articles_text_is_read_as_a_sentences_first_word_not_as_a_name()
    {
        // Texts as feeds cut them, without a final full stop; the story's casing reads them one after another, and the
        // next text's opening "Political" is no evidence that the word is a name.
        SourceArticle census = new("Census data shows the population grew slowly",
            "The census counted people in every state and found that the population grew slowly over the decade", "AP");
        SourceArticle power = new("Census Shows South And West Gain Political Power",
            "Political power will shift as the census shows the South and the West gain seats in the House", "Reuters");
        foreach (var story in new[] { new[] { census, power }, [power, census] })
        {
            var written = WritingFixtures.Extractive().Write(story);
            // Half lowered around a word taken for a name ("… gain Political power") reads worse than either whole form.
            Assert.DoesNotContain("gain Political", written.Title, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void When_a_newer_report_gives_a_higher_death_toll_the_story_says_the_toll_not_the_first_count()
    {
        // Two early reports agree on 20 dead; the newest gives the toll a day later. A toll grows as a story goes on:
        // the story says what its newest report says, though 150 lies far above 20.
        SourceArticle[] story =
        [
            new("Earthquake kills 20 people in eastern Turkey",
                "A powerful earthquake killed 20 people in eastern Turkey on Monday, officials said. Rescuers searched collapsed buildings in the city of Elazig through the night.",
                "AP", Published: new DateTimeOffset(2026, 1, 5, 6, 0, 0, TimeSpan.Zero)),
            new("Earthquake in eastern Turkey kills 20, injures hundreds",
                "At least 20 people were killed when an earthquake struck eastern Turkey on Monday, and hundreds more were injured in Elazig, the interior minister said.",
                "BBC", Published: new DateTimeOffset(2026, 1, 5, 7, 0, 0, TimeSpan.Zero)),
            new("Turkey earthquake death toll rises to 150",
                "The death toll from the earthquake in eastern Turkey rose to 150 people on Tuesday, officials said, as rescuers pulled more bodies from collapsed buildings in Elazig.",
                "Reuters", Published: new DateTimeOffset(2026, 1, 6, 9, 0, 0, TimeSpan.Zero)),
        ];
        var written = WritingFixtures.Extractive().Write(story);
        Assert.Contains("150", written.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("killed 20", written.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("20 people were killed", written.Summary, StringComparison.Ordinal);
        Assert.Contains("150", written.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_story_told_in_html_feed_descriptions_gets_a_title_and_summary_without_tags_or_entities()
    {
        SourceArticle[] articles =
        [
            new("<b>Dam</b> bursts in &quot;Millbrook&quot; valley",
                "<p>The Millbrook dam burst on Monday after days of rain, flooding 300 homes in the valley.</p><p>Rescue teams &amp; volunteers moved 2,000 people to higher ground overnight, officials said.</p>", "AP"),
            new("Millbrook dam collapse floods 300 homes",
                "<div>The dam at Millbrook gave way on Monday after days of rain, flooding about 300 homes.<br><br>Officials said 2,000 people were moved to higher ground.</div><script>track('x')</script>", "Reuters"),
        ];
        foreach (var story in new[] { articles, articles[..1] })
        {
            var written = WritingFixtures.Extractive().Write(story);
            Assert.NotEmpty(written.Summary);
            foreach (var text in new[] { written.Title, written.Summary })
            {
                Assert.DoesNotContain("<", text, StringComparison.Ordinal);
                Assert.DoesNotContain("&amp;", text, StringComparison.Ordinal);
                Assert.DoesNotContain("&quot;", text, StringComparison.Ordinal);
                Assert.DoesNotContain("track(", text, StringComparison.Ordinal);
            }
        }
        // Text without markup is left as it is, ampersands and angle brackets included.
        var plain = new SourceArticle("AT&T and Verizon bid for spectrum", "AT&T said on Monday that its bid for the spectrum was worth more than $5 billion, a figure < its rival's.");
        Assert.Same(plain, plain.AsPlainText());
    }

    [Theory]
    [InlineData("地震が日本を襲う", "日本の北部沿岸で強い地震が発生した。気象庁は津波警報を出した。住民は高台に避難した。", "気象庁は津波警報を出した。")]
    [InlineData("زلزال قوي يضرب شمال اليابان", "ضرب زلزال قوي ساحل شمال اليابان يوم الجمعة. وأصدرت السلطات تحذيرا من تسونامي. وتم إجلاء آلاف السكان.", "وأصدرت السلطات تحذيرا من تسونامي.")]
    public void A_story_in_a_script_without_capitals_or_spaces_gets_a_summary_of_its_own_sentences(string title, string text, string expected)
    {
        var article = new SourceArticle(title, text, "NHK");
        foreach (var story in new[] { new[] { article }, new[] { article, article with { Source = "Kyodo", Text = text + text } } })
        {
            var written = WritingFixtures.Extractive().Write(story);
            Assert.Contains(expected, written.Summary, StringComparison.Ordinal);
            Assert.DoesNotContain("。 ", written.Summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void When_every_headline_teases_the_title_is_a_sentence_about_what_they_name_never_shared_filler()
    {
        // Both pages carry the same unrelated paragraph, as a site's template or a "most read" box does: it is the
        // most central and best supported sentence, but no headline names anything it says.
        const string filler = "The recount, formally known as a risk-limiting audit, began on Monday in Maricopa County with hundreds of volunteers.";
        SourceArticle[] articles =
        [
            new("Here's why the Millbrook dam vote matters", filler + "\n\nThe Millbrook council voted on Tuesday to rebuild the town's dam by 2026 at a cost of $40 million.", "Valley Post"),
            new("You won't believe what Millbrook's council did next", filler + "\n\nCouncillors in Millbrook approved a $40 million plan on Tuesday to rebuild the dam that failed in March.", "Daily Viral"),
        ];
        var written = WritingFixtures.Extractive().Write(articles);
        Assert.Contains("Millbrook", written.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("recount", written.Title, StringComparison.OrdinalIgnoreCase);

        // One page whose opening is long and whose first short sentence is another story's: the headline, its
        // question mark off, is a better title than a sentence it names nothing of.
        var podcast = new SourceArticle("Why honouring the fallen on Memorial Day should never be overlooked?",
            "On this episode of the radio hour, two veterans' families join our culture editor to discuss how a small charity encourages Americans to gather and say the names of the fallen on Memorial Day every year.\n\n"
            + filler + "\n\nThe Federal Reserve cut its benchmark lending rate by a quarter of a point on Wednesday.", "Radio Hour");
        var lead = WritingFixtures.Extractive().Write([podcast]);
        Assert.DoesNotContain("recount", lead.Title, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Federal Reserve", lead.Title, StringComparison.Ordinal);
        Assert.Contains("Memorial Day", lead.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_summary_leaves_out_a_columns_first_person_sentences_unless_the_story_has_nothing_else()
    {
        SourceArticle[] story =
        [
            new("Millbrook council approves $40 million dam rebuild",
                "The Millbrook council voted 7-2 on Tuesday to rebuild the town's dam by 2026 at a cost of $40 million.\n\nThe old dam failed in March, flooding 300 homes.", "Valley Post"),
            new("The Millbrook dam vote was a mistake",
                "I grew up below the Millbrook dam and my family lost our home when it failed in March.\n\nWe deserve better than a $40 million rebuild of the same design, and I will say so at every meeting.", "Opinion Weekly"),
        ];
        var written = WritingFixtures.Extractive().Write(story);
        Assert.NotEmpty(written.Sentences);
        Assert.All(written.Sentences, s => Assert.False(TextCleaner.SpeaksInFirstPerson(s.Text), s.Text));

        // A story of the column alone still has a summary: its own sentences, first person and all.
        var column = WritingFixtures.Extractive().Write(story[1..]);
        Assert.NotEmpty(column.Summary);
        Assert.Contains("Millbrook", column.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_title_is_the_best_plain_headline_without_its_site_suffix()
    {
        var written = WritingFixtures.Extractive().Write(WritingFixtures.Storm());
        Assert.Equal("Cyclone kills 12 in Bangladesh, thousands evacuated", written.Title);
        Assert.Equal(1, written.TitleArticle);
        Assert.Contains(1, written.Sources);
    }

    [Fact]
    public void An_opinion_pieces_headline_is_the_title_only_when_no_reports_headline_comes_near_it()
    {
        // The same three headlines, the first the most central; its link says whether its outlet files it as opinion.
        SourceArticle[] Story(string firstUrl) =>
        [
            new("Mill River floods 300 homes in Millbrook as levees fail",
                "The Mill River broke through its levees in Millbrook on Monday and flooded 300 homes. The county had put off repairs to the levees for a decade.",
                "Herald", firstUrl),
            new("Levee breach floods Millbrook homes",
                "The Mill River broke through its levees in Millbrook on Monday, flooding 300 homes, county officials said. Crews were pumping water from the streets by evening.",
                "Wire", "https://wire.example/news/2026/05/04/millbrook-flood"),
            new("Millbrook under water after river breaks levees",
                "The levees along the Mill River failed in Millbrook on Monday, and water reached 300 homes, officials said. Schools will stay closed on Tuesday.",
                "Daily", "https://daily.example/local/millbrook-flood"),
        ];

        var asReport = WritingFixtures.Extractive().Write(Story("https://herald.example/news/2026/05/04/millbrook-levees"));
        var asOpinion = WritingFixtures.Extractive().Write(Story("https://herald.example/opinion/2026/05/04/millbrook-levees"));

        Assert.Equal(0, asReport.TitleArticle);
        Assert.NotEqual(0, asOpinion.TitleArticle);
        Assert.DoesNotContain("Mill River floods 300 homes", asOpinion.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_stays_within_the_configured_length_and_does_not_repeat_itself()
    {
        var options = new WritingOptions { MinWords = 20, TargetWords = 30, MaxWords = 45 };
        var written = WritingFixtures.Extractive(options).Write(WritingFixtures.Storm());
        Assert.InRange(TextCleaner.CountWords(written.Summary), 1, 45);
        var texts = written.Sentences.Select(s => s.Text).ToList();
        Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>Three outlets on a governor's order on school masks, two of which lead with the same fact in other words.</summary>
    private static readonly SourceArticle[] MaskOrder =
    [
        new("Florida governor signs order barring school mask mandates",
            "Florida Gov. Ron DeSantis signed an executive order on Friday that prohibits school districts in the state from requiring students to wear face masks in the fall. " +
            "The order tells the state's health and education departments to write emergency rules within days. " +
            "Parents who want their children masked may still send them to class in masks.", "Associated Press"),
        new("DeSantis bars Florida school districts from requiring masks",
            "Florida Gov. Ron DeSantis on Friday barred local school districts from requiring students to wear masks when classes resume. " +
            "The governor called the federal health agency's new guidance for schools a mistake. " +
            "Districts that defy the order could lose state funding, the order says.", "Fox News"),
        new("DeSantis says parents, not schools, should decide on masks",
            "DeSantis announced the order at a restaurant in Cape Coral. " +
            "He has long opposed mask mandates and said parents should decide. " +
            "The federal health agency recommended this week that all students wear masks in school.", "Politico"),
    ];

    [Fact]
    public void The_summary_does_not_say_the_same_fact_twice_in_other_words()
    {
        var written = WritingFixtures.Extractive().Write(MaskOrder);

        Assert.NotEmpty(written.Sentences);
        var words = written.Sentences.Select(s => SummaryChecks.ContentWords(s.Text)).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            for (var j = i + 1; j < words.Count; j++)
            {
                Assert.False(SummaryChecks.Restates(words[i], words[j]), $"repeats: \"{written.Sentences[i].Text}\" / \"{written.Sentences[j].Text}\"");
            }
        }
        Assert.False(written.Summary.Contains("signed an executive order", StringComparison.Ordinal) && written.Summary.Contains("barred local school districts", StringComparison.Ordinal),
            written.Summary);

        // Without the check the two leads are both chosen: the fixture does reproduce the repeat.
        var unchecked_ = WritingFixtures.Extractive(new WritingOptions { CheckFacts = false }).Write(MaskOrder);
        Assert.Contains("signed an executive order", unchecked_.Summary, StringComparison.Ordinal);
        Assert.Contains("barred local school districts", unchecked_.Summary, StringComparison.Ordinal);
    }

    /// <summary>A milestone of cases, where one outlet's sentence still carries last week's figure.</summary>
    private static readonly SourceArticle[] CaseMilestone =
    [
        new("U.S. tops 25 million confirmed coronavirus cases",
            "Health officials urged Americans to keep wearing masks on Sunday as the country's coronavirus toll kept rising and new variants spread. " +
            "More than 417,000 people in the country have died of the disease.", "Associated Press"),
        new("Coronavirus cases in the US pass a new milestone",
            "The United States has now recorded 24 million confirmed coronavirus cases since the pandemic began, according to data from Johns Hopkins University, as health officials warned of new variants. " +
            "Hospitals in several states remain under strain.", "CNN"),
        new("US reaches 25 million coronavirus infections",
            "Health officials warned on Sunday that new coronavirus variants could drive infections higher across the country. " +
            "The United States accounts for about one in four cases reported worldwide.", "The Hill"),
    ];

    [Fact]
    public void No_summary_sentence_gives_a_count_that_contradicts_the_title_or_another_sentence()
    {
        var written = WritingFixtures.Extractive().Write(CaseMilestone);

        Assert.Contains("25 million", written.Title, StringComparison.Ordinal);
        Assert.NotEmpty(written.Sentences);
        var title = SummaryChecks.Quantities(written.Title);
        var quantities = written.Sentences.Select(s => SummaryChecks.Quantities(s.Text)).ToList();
        for (var i = 0; i < quantities.Count; i++)
        {
            Assert.False(SummaryChecks.Disagrees(quantities[i], title), $"against the title: {written.Sentences[i].Text}");
            for (var j = i + 1; j < quantities.Count; j++)
            {
                Assert.False(SummaryChecks.Disagrees(quantities[i], quantities[j]), $"{written.Sentences[i].Text} / {written.Sentences[j].Text}");
            }
        }
        Assert.DoesNotContain("24 million", written.Summary, StringComparison.Ordinal);

        // Without the check the stale figure is chosen: the fixture does reproduce the contradiction.
        Assert.Contains("24 million", WritingFixtures.Extractive(new WritingOptions { CheckFacts = false }).Write(CaseMilestone).Summary, StringComparison.Ordinal);
    }

    /// <summary>Two previews of a decision, then two reports of it: the story has moved past what the previews looked ahead to.</summary>
    private static SourceArticle[] PreviewThenOutcome(bool dated) =>
    [
        new("FDA advisers meet Thursday to weigh Pfizer vaccine",
            "Vaccine advisers to the Food and Drug Administration will meet on Thursday to discuss emergency use authorization of the Pfizer and BioNTech coronavirus vaccine. " +
            "The panel of outside experts is widely expected to back the shot. " +
            "Agency staff said in documents released on Tuesday that the vaccine was 95% effective in a large trial.",
            "Wire", Published: dated ? new DateTimeOffset(2020, 12, 8, 9, 0, 0, TimeSpan.Zero) : null),
        new("What to expect as FDA panel reviews Pfizer vaccine",
            "The Food and Drug Administration's outside experts will vote on Thursday on whether to recommend emergency use authorization of Pfizer's coronavirus vaccine. " +
            "If the panel votes in favour, the agency could authorize the vaccine within days.",
            "Daily", Published: dated ? new DateTimeOffset(2020, 12, 8, 12, 0, 0, TimeSpan.Zero) : null),
        new("FDA authorizes Pfizer coronavirus vaccine for emergency use",
            "The Food and Drug Administration authorized Pfizer's coronavirus vaccine for emergency use on Friday night, clearing the way for shots to begin within days. " +
            "The first doses are to go to health care workers and nursing home residents.",
            "Herald", Published: dated ? new DateTimeOffset(2020, 12, 11, 23, 0, 0, TimeSpan.Zero) : null),
        new("US clears Pfizer vaccine for emergency use, first shots due Monday",
            "The United States authorized the Pfizer and BioNTech coronavirus vaccine for emergency use on Friday, a day after an advisory panel voted 17-4 in its favour. " +
            "Nearly 3 million doses are being shipped to more than 600 sites across the country.",
            "Post", Published: dated ? new DateTimeOffset(2020, 12, 12, 2, 0, 0, TimeSpan.Zero) : null),
    ];

    [Fact]
    public void An_older_report_looking_ahead_to_what_the_title_reports_as_done_is_not_told_as_the_news()
    {
        var written = WritingFixtures.Extractive().Write(PreviewThenOutcome(dated: true));

        Assert.Contains("authorizes", written.Title, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("will meet on Thursday", written.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("will vote on Thursday", written.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("is widely expected", written.Summary, StringComparison.Ordinal);
        Assert.Contains("authorized", written.Summary, StringComparison.Ordinal);

        // Without the rule a preview's look-ahead is told under the outcome: the fixture does reproduce it.
        var unchecked_ = WritingFixtures.Extractive(new WritingOptions { SetAsideOutdatedPreviews = false }).Write(PreviewThenOutcome(dated: true)).Summary;
        Assert.True(unchecked_.Contains("will meet on Thursday", StringComparison.Ordinal) || unchecked_.Contains("will vote on Thursday", StringComparison.Ordinal)
            || unchecked_.Contains("is widely expected", StringComparison.Ordinal), unchecked_);
    }

    [Fact]
    public void A_summary_tells_the_titles_fact_once_however_many_reports_tell_it_in_their_own_words()
    {
        var written = WritingFixtures.Extractive().Write(PreviewThenOutcome(dated: true));
        var titleWords = SummaryChecks.ContentWords(written.Title);

        Assert.Single(written.Sentences, s => SummaryChecks.TellsTitle(SummaryChecks.ContentWords(s.Text), titleWords));
        Assert.False(written.Summary.Contains("Food and Drug Administration authorized", StringComparison.Ordinal)
            && written.Summary.Contains("United States authorized", StringComparison.Ordinal), written.Summary);
    }

    /// <summary>Four previews of a vote, then one report of it.</summary>
    private static readonly SourceArticle[] VotePreviewsThenPassage =
    [
        new("Senate to vote Tuesday on $1 trillion infrastructure bill",
            "The Senate will vote on Tuesday on a $1 trillion infrastructure bill that would fund roads, bridges and broadband. Leaders said they had the votes to pass it.",
            "Wire", Published: new DateTimeOffset(2021, 8, 9, 9, 0, 0, TimeSpan.Zero)),
        new("Infrastructure bill heads for final Senate vote",
            "The Senate is expected to pass the $1 trillion infrastructure bill on Tuesday after clearing a final procedural hurdle. Nineteen Republicans have backed the package.",
            "Daily", Published: new DateTimeOffset(2021, 8, 9, 12, 0, 0, TimeSpan.Zero)),
        new("What to expect from Tuesday's Senate infrastructure vote",
            "Senators are set to vote on the $1 trillion infrastructure package on Tuesday morning. The bill includes $110 billion for roads and bridges.",
            "Herald", Published: new DateTimeOffset(2021, 8, 9, 15, 0, 0, TimeSpan.Zero)),
        new("Senate poised to pass bipartisan infrastructure bill",
            "The Senate is poised to pass the bipartisan $1 trillion infrastructure bill on Tuesday. The bill includes $65 billion for broadband.",
            "Post", Published: new DateTimeOffset(2021, 8, 9, 20, 0, 0, TimeSpan.Zero)),
        new("Senate passes $1 trillion infrastructure bill",
            "The Senate passed the $1 trillion infrastructure bill on Tuesday by a vote of 69-30, sending it to the House. Nineteen Republicans joined all 50 Democrats in voting for it.",
            "Times", Published: new DateTimeOffset(2021, 8, 10, 16, 0, 0, TimeSpan.Zero)),
    ];

    [Fact]
    public void However_many_previews_came_before_the_outcome_the_title_and_the_summary_tell_the_outcome()
    {
        var written = WritingFixtures.Extractive().Write(VotePreviewsThenPassage);

        Assert.Equal("Senate passes $1 trillion infrastructure bill", written.Title);
        Assert.StartsWith("The Senate passed the $1 trillion infrastructure bill", written.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("expected to pass", written.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("poised to pass", written.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("will vote", written.Summary, StringComparison.Ordinal);

        // Without the rule the previews' bulk wins the title: the fixture does reproduce it.
        var kept = WritingFixtures.Extractive(new WritingOptions { SetAsideOutdatedPreviews = false }).Write(VotePreviewsThenPassage);
        Assert.NotEqual("Senate passes $1 trillion infrastructure bill", kept.Title);
    }

    [Fact]
    public void A_summary_opens_with_the_sentence_that_tells_the_titles_fact()
    {
        var title = SummaryChecks.ContentWords("FDA authorizes Pfizer's COVID-19 vaccine for emergency use");
        List<string> chosen =
        [
            "The CDC expects Pfizer to have 25 million doses available this month.",
            "The United States said it authorized the use of Pfizer's COVID-19 vaccine for emergency use on Friday.",
            "Health care workers will be the first to get the shots.",
        ];

        var ordered = ExtractiveWriter.TitleFactFirst(chosen, s => s, title);

        Assert.Equal([chosen[1], chosen[0], chosen[2]], ordered);
        // A sentence leaning on the one before it cannot open the summary, and without a sentence telling the title the order stays.
        List<string> leaning = [chosen[0], "But it authorized Pfizer's COVID-19 vaccine for emergency use on Friday."];
        Assert.Equal(leaning, ExtractiveWriter.TitleFactFirst(leaning, s => s, title));
        Assert.Equal([chosen[0], chosen[2]], ExtractiveWriter.TitleFactFirst([chosen[0], chosen[2]], s => s, title));
    }

    [Fact]
    public void Without_publication_times_no_report_is_older_and_a_preview_may_still_be_told()
    {
        var undated = WritingFixtures.Extractive().Write(PreviewThenOutcome(dated: false));
        var kept = WritingFixtures.Extractive(new WritingOptions { SetAsideOutdatedPreviews = false }).Write(PreviewThenOutcome(dated: false));

        Assert.Equal(kept.Summary, undated.Summary);
        // Dated, the same articles are written differently: the rule is what the undated story does not get.
        Assert.NotEqual(WritingFixtures.Extractive().Write(PreviewThenOutcome(dated: true)).Summary,
            WritingFixtures.Extractive(new WritingOptions { SetAsideOutdatedPreviews = false }).Write(PreviewThenOutcome(dated: true)).Summary);
    }

    [Fact]
    public void Under_a_title_that_itself_looks_ahead_the_older_previews_stay()
    {
        // The newest report is itself a preview: nothing is done yet, so nothing older is outdated.
        var articles = PreviewThenOutcome(dated: true).Take(2).ToArray();
        var written = WritingFixtures.Extractive().Write(articles);

        Assert.False(SummaryChecks.HeadlineTellsOutcome(written.Title), written.Title);
        Assert.Equal(WritingFixtures.Extractive(new WritingOptions { SetAsideOutdatedPreviews = false }).Write(articles).Summary, written.Summary);
        Assert.Contains(" will ", written.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_older_milestone_of_the_same_total_is_not_told_under_a_newer_one()
    {
        // An older report of an earlier mark of the same running total, joined to the story: its figure is still "true"
        // (the total did pass six million once), but under "25 million" it reads as a contradiction.
        SourceArticle[] articles =
        [
            new("US surpasses 6 million coronavirus cases",
                "The U.S. surpassed six million confirmed coronavirus cases on Monday, according to Johns Hopkins University, as schools across the country weighed whether to reopen.",
                "The Hill", Published: new DateTimeOffset(2020, 8, 31, 10, 0, 0, TimeSpan.Zero)),
            new("U.S. tops 25 million confirmed coronavirus cases",
                "The United States passed 25 million confirmed coronavirus cases on Sunday, according to Johns Hopkins University data, as health officials warned that new variants could drive infections higher.",
                "Wall Street Journal", Published: new DateTimeOffset(2021, 1, 24, 10, 0, 0, TimeSpan.Zero)),
            new("Coronavirus: America passes grim milestone",
                "Health officials urged Americans to keep wearing masks as the country passed another grim milestone in the pandemic, with more than 417,000 deaths recorded.",
                "BBC", Published: new DateTimeOffset(2021, 1, 24, 12, 0, 0, TimeSpan.Zero)),
        ];
        var written = WritingFixtures.Extractive().Write(articles);

        Assert.Contains("25 million", written.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("six million", written.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("6 million", written.Summary, StringComparison.Ordinal);
        Assert.Contains("25 million", written.Summary, StringComparison.Ordinal);

        // Without the check the older mark is told beside the newer one: the fixture does reproduce the contradiction.
        Assert.Contains("six million", WritingFixtures.Extractive(new WritingOptions { CheckFacts = false }).Write(articles).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_sentences_that_state_the_same_figure_for_the_same_thing_are_one_fact()
    {
        SourceArticle[] articles =
        [
            new("U.S. tops 25 million confirmed coronavirus cases",
                "The United States passed 25 million confirmed coronavirus cases on Sunday, according to Johns Hopkins University. " +
                "More than 417,000 people in the country have died of the disease. " +
                "The milestone came just over a year after the first case was found in the country.", "Associated Press"),
            new("US reaches 25 million coronavirus infections",
                "Almost exactly a year after its first case, the country reached 25 million confirmed coronavirus infections on Sunday. " +
                "The United States accounts for about one in four cases reported worldwide. " +
                "Health officials urged people to keep wearing masks as new variants spread.", "The Hill"),
        ];
        var written = WritingFixtures.Extractive().Write(articles);

        Assert.Single(written.Sentences, s => s.Text.Contains("25 million", StringComparison.Ordinal));
        Assert.Equal(2, WritingFixtures.Extractive(new WritingOptions { CheckFacts = false }).Write(articles).Sentences.Count(s => s.Text.Contains("25 million", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_one_article_story_does_not_repeat_a_fact_or_contradict_its_title_either()
    {
        SourceArticle[] article =
        [
            new("U.S. tops 25 million confirmed coronavirus cases",
                "The United States passed 25 million confirmed coronavirus cases on Sunday, according to Johns Hopkins University. " +
                "By Sunday the country had passed 25 million confirmed coronavirus cases, Johns Hopkins University data showed. " +
                "Last week the tally stood at 24 million confirmed cases across the country. " +
                "More than 417,000 people in the country have died of the disease, and hospitals in several states remain under strain. " +
                "The milestone came just over a year after the first case was found in the country, in Washington state."),
        ];
        var written = WritingFixtures.Extractive().Write(article);

        Assert.DoesNotContain("24 million", written.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("By Sunday the country had passed", written.Summary, StringComparison.Ordinal);
        Assert.Contains("417,000", written.Summary, StringComparison.Ordinal);
        var unchecked_ = WritingFixtures.Extractive(new WritingOptions { CheckFacts = false }).Write(article).Summary;
        Assert.Contains("By Sunday the country had passed", unchecked_, StringComparison.Ordinal);
    }

    [Fact]
    public void When_every_headline_asks_a_question_the_title_states_the_news_instead()
    {
        var written = WritingFixtures.Extractive().Write(
        [
            new("Is this the end of the Senate filibuster?", "The Senate voted 51-49 on Thursday to change its rules for judicial nominations. Democrats objected to the change."),
            new("What happens now that the Senate has changed its rules?", "Senate Republicans changed the chamber's rules on Thursday in a 51-49 vote, ending filibusters for nominees."),
        ]);
        Assert.DoesNotContain("?", written.Title, StringComparison.Ordinal);
        Assert.Contains("51-49", written.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_story_with_titles_but_no_text_still_gets_a_title_and_an_empty_summary()
    {
        var written = WritingFixtures.Extractive().Write([new("Parliament approves new budget - BBC News", null, "BBC")]);
        Assert.Equal("Parliament approves new budget", written.Title);
        Assert.Empty(written.Sentences);
    }

    [Fact]
    public void A_text_with_no_usable_sentence_gives_its_opening_words_cut_at_a_word_rather_than_no_summary()
    {
        // Live-blog style: no full stops, only fragments joined by dashes, 120 words long.
        var fragments = string.Join(" — ", Enumerable.Range(1, 20).Select(i => $"update {i} from the flooded valley towns"));
        var written = WritingFixtures.Extractive().Write(
        [
            new("River bursts its banks in the valley", fragments, "Local Radio"),
            new("Valley flooding: what we know", "Is the dam safe? Who is in charge? When will the water fall?", "Daily"),
        ]);

        var sentence = Assert.Single(written.Sentences);
        Assert.EndsWith("…", sentence.Text, StringComparison.Ordinal);
        Assert.StartsWith("update 1 from the flooded valley towns", sentence.Text, StringComparison.Ordinal);
        Assert.Contains(sentence.Text.TrimEnd('…'), fragments, StringComparison.Ordinal);
        Assert.InRange(TextCleaner.CountWords(sentence.Text), 5, new WritingOptions().TargetWords);
        Assert.Equal(0, sentence.Article);
        Assert.Contains(0, written.Sources);
    }

    [Fact]
    public void A_summary_does_not_say_one_measure_went_up_and_down()
    {
        // Two weeks' reports of one measure grouped into one story: one says claims rose, the other that they fell.
        SourceArticle[] articles =
        [
            new("Jobless claims rise to 412,000",
                "The number of new applications for unemployment benefits rose 37,000 last week to 412,000, the Labor Department reported on Thursday. " +
                "Economists had expected a smaller number of new applications.", "Wire"),
            new("Jobless claims fall to a pandemic low",
                "The number of Americans filing first-time jobless claims last week fell to the lowest level since the pandemic began, according to the Labor Department. " +
                "Continuing claims, a measure of ongoing unemployment, were little changed at 3.7 million.", "Daily"),
            new("Weekly jobless claims move again",
                "The number of Americans filing new jobless claims was 406,000 last week, according to the Labor Department. " +
                "The labour market has been healing as vaccinations allow businesses to reopen.", "Paper"),
        ];
        var written = WritingFixtures.Extractive().Write(articles);

        AssertNoOpposites(written);
        var unchecked_ = WritingFixtures.Extractive(new WritingOptions { CheckFacts = false }).Write(articles);
        Assert.Throws<Xunit.Sdk.FalseException>(() => AssertNoOpposites(unchecked_));

        static void AssertNoOpposites(WrittenStory written)
        {
            var s = written.Sentences.Select(x => x.Text).ToList();
            for (var i = 0; i < s.Count; i++)
            {
                for (var j = i + 1; j < s.Count; j++)
                {
                    Assert.False(SummaryChecks.Opposes(SummaryChecks.ContentWords(s[i]), SummaryChecks.Direction(s[i]), SummaryChecks.ContentWords(s[j]), SummaryChecks.Direction(s[j])), $"{s[i]} / {s[j]}");
                }
            }
        }
    }

    [Fact]
    public void When_reports_differ_on_a_figure_the_newer_one_wins_in_the_title_and_the_summary()
    {
        var monday = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        SourceArticle[] Articles(bool dated) =>
        [
            new("Floods kill 4 people in Millbrook",
                "Four people were killed when the Ash river burst its banks in Millbrook on Monday, officials said. " +
                "Rescue teams moved hundreds of residents to the town's school overnight.", "Wire", Published: dated ? monday : null, Tier: 1),
            new("Ash river floods leave 4 people dead in Millbrook",
                "The Ash river flooded Millbrook on Monday and 4 people were killed, the county said. " +
                "Rescue teams moved hundreds of residents to the school.", "Herald", Published: dated ? monday.AddHours(2) : null, Tier: 1),
            new("Millbrook floods: 7 people now confirmed dead",
                "Seven people were killed in the Millbrook floods, officials said on Wednesday as the Ash river receded. " +
                "Residents began returning to their homes.", "Viral", Published: dated ? monday.AddDays(2) : null, Tier: 3),
        ];

        var written = WritingFixtures.Extractive().Write(Articles(dated: true));
        Assert.Equal("Millbrook floods: 7 people now confirmed dead", written.Title);
        Assert.DoesNotContain("4 people", written.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Four people", written.Summary, StringComparison.Ordinal);
        Assert.Contains("Seven people were killed", written.Summary, StringComparison.Ordinal);

        // Without publication times no report is newer: the first reports' figure leads, as the tiers and the centre say.
        var undated = WritingFixtures.Extractive().Write(Articles(dated: false));
        Assert.Contains("4 people", undated.Title + " " + undated.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_standfirst_without_a_full_stop_is_not_glued_to_the_next_paragraph_and_a_cut_sentence_is_not_used()
    {
        // Extraction writes paragraphs between blank lines; the standfirst ends with no full stop, and the second
        // article's description was cut by its feed.
        SourceArticle[] articles =
        [
            new("Sanctions put Moscow on edge",
                "Russian assets are hit hard by the announcement, with the ruble dropping as much as 5%\n\n" +
                "The administration introduced further sanctions on Russia on Wednesday over the nerve agent attack in Britain.\n\n" +
                "The Kremlin called the new sanctions unacceptable and promised a response.", "Wire"),
            new("US imposes new sanctions on Russia over nerve agent attack",
                "The United States imposed new sanctions on Russia on Wednesday over the nerve agent attack in Britain, officials said in a...", "Daily"),
        ];
        var written = WritingFixtures.Extractive().Write(articles);

        Assert.NotEmpty(written.Sentences);
        Assert.DoesNotContain("5% The", written.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("...", written.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("said in a", written.Summary, StringComparison.Ordinal);
        foreach (var s in written.Sentences)
        {
            // Every sentence lies within one paragraph of its article.
            Assert.Contains(articles[s.Article].Text!.Split("\n\n"), p => p.Contains(s.Text.TrimEnd('.'), StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_summary_holds_no_sentence_cut_off_mid_clause_and_no_piece_of_a_quotation_split_across_sentences()
    {
        // The first article's feed cut its description in the middle of a clause with no mark at all; the second quotes
        // a post of two sentences, which the sentence splitter cuts in two.
        SourceArticle[] articles =
        [
            new("New York enacts new protections for abortion rights",
                "New York enacted new protections for abortion rights on Tuesday. The new law, signed by the governor on Tuesday, safeguards rights laid out in Roe v. Wade and\n\n" +
                "State leaders said the law was needed to protect abortion rights in New York should the Supreme Court change course.", "Wire"),
            new("New York passes law protecting abortion rights",
                "The governor signed the law protecting abortion rights in New York on Tuesday night. He wrote on Twitter, “Today New York protects abortion rights for good. " +
                "Other states must follow.” The law had passed the state Senate by a vote of 38 to 24 earlier on Tuesday.", "Daily"),
        ];
        var written = WritingFixtures.Extractive().Write(articles);

        Assert.NotEmpty(written.Sentences);
        Assert.DoesNotContain("Roe v. Wade and", written.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("“Today", written.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("follow.”", written.Summary, StringComparison.Ordinal);
        foreach (var s in written.Sentences)
        {
            Assert.Equal(s.Text.Count(c => c == '“'), s.Text.Count(c => c == '”'));
            Assert.Matches(@"[.!]$", s.Text);
        }
    }

    [Fact]
    public void The_first_chosen_sentence_that_stands_on_its_own_opens_the_summary_and_the_others_keep_their_order()
    {
        List<string> chosen =
        [
            "But the storm moved north overnight.",
            "He said the dam had held.",
            "The cyclone struck the coast of Bangladesh on Monday.",
            "Rescuers reached the delta on Tuesday.",
        ];
        Assert.Equal(
            ["The cyclone struck the coast of Bangladesh on Monday.", "But the storm moved north overnight.", "He said the dam had held.", "Rescuers reached the delta on Tuesday."],
            ExtractiveWriter.StandaloneFirst(chosen, s => s));
        // Already standing on its own, or nothing to put first: the order stays.
        List<string> fine = ["The cyclone struck the coast on Monday.", "But the dam held."];
        Assert.Equal(fine, ExtractiveWriter.StandaloneFirst(fine, s => s));
        List<string> leaning = ["But the dam held.", "He said so on Monday."];
        Assert.Equal(leaning, ExtractiveWriter.StandaloneFirst(leaning, s => s));
        Assert.Empty(ExtractiveWriter.StandaloneFirst(new List<string>(), s => s));
    }

    [Fact]
    public void When_no_sentence_tells_the_title_whole_the_one_closest_to_it_opens_the_summary()
    {
        // The day before's claims figure opens the most central article; the jobs report the title gives is told by the
        // next sentence and by the second article, in words that differ enough from the title not to tell it whole.
        SourceArticle[] story =
        [
            new("Economy adds 1.4 million jobs in August",
                "Weekly claims fell by 130,000 from the week before to 881,000, the Labor Department said on Thursday. " +
                "The economy added 1.4 million jobs in August as the labor market kept recovering from the spring, the government said on Friday.",
                "AP", Published: new DateTimeOffset(2026, 9, 4, 13, 0, 0, TimeSpan.Zero)),
            new("US employers add 1.4 million jobs in August",
                "Employers added 1.4 million jobs in August, the Labor Department said on Friday, and the unemployment rate fell to 8.4 percent.",
                "Reuters", Published: new DateTimeOffset(2026, 9, 4, 13, 10, 0, TimeSpan.Zero)),
            new("Jobless claims fall to 881,000",
                "Weekly claims fell by 130,000 to 881,000 last week, the Labor Department said on Thursday. Economists had expected a smaller fall.",
                "CNBC", Published: new DateTimeOffset(2026, 9, 3, 13, 0, 0, TimeSpan.Zero)),
        ];
        var written = WritingFixtures.Extractive().Write(story);

        Assert.True(written.Sentences.Count >= 2, written.Summary);
        Assert.Contains("1.4 million jobs", written.Title, StringComparison.Ordinal);
        Assert.Contains("1.4 million jobs", written.Sentences[0].Text, StringComparison.Ordinal);
        Assert.Contains(written.Sentences, s => s.Text.StartsWith("Weekly claims", StringComparison.Ordinal));
    }

    [Fact]
    public void A_summary_does_not_open_with_a_sentence_that_leans_on_its_article()
    {
        // The most central sentence of the story opens with "However," in its article: it may be chosen, but not first.
        SourceArticle[] articles =
        [
            new("Cyclone kills 12 in Bangladesh delta",
                "However, the cyclone that struck the Bangladesh delta on Monday killed 12 people and forced 300,000 from their homes, officials said. " +
                "Shelters along the coast were full by Monday night.", "Wire"),
            new("Cyclone strikes Bangladesh, 12 killed",
                "The cyclone struck the Bangladesh delta on Monday, killing 12 people, officials said. " +
                "The army sent boats to the flooded villages on Tuesday with food and water for 300,000 people.", "Daily"),
            new("Bangladesh cyclone: 12 dead in delta",
                "However, officials in the Bangladesh delta said the cyclone killed 12 people on Monday and forced 300,000 from their homes. " +
                "Power was cut across three coastal districts.", "Herald"),
        ];
        var written = WritingFixtures.Extractive().Write(articles);

        Assert.True(written.Sentences.Count >= 2, written.Summary);
        Assert.Contains(written.Sentences, s => s.Text.StartsWith("However,", StringComparison.Ordinal));
        Assert.False(TextCleaner.LeansOnContext(written.Sentences[0].Text), written.Summary);
    }

    [Fact]
    public void A_summary_opens_with_the_news_in_no_ones_voice_and_gives_the_quotation_after_it()
    {
        // The most central sentence of the story is the governor's words, with the order they came with.
        SourceArticle[] articles =
        [
            new("Governor orders 40 coastal towns evacuated",
                "“We will not wait for the water to reach our doors,” Governor Ana Ruiz said on Monday as she ordered 40 coastal towns evacuated ahead of the storm. " +
                "Buses left the towns by noon.", "Wire"),
            new("Coastal towns evacuated ahead of storm",
                "Governor Ana Ruiz on Monday ordered the evacuation of 40 coastal towns ahead of the storm, which is expected to reach the coast on Wednesday. " +
                "“We will not wait for the water to reach our doors,” she said.", "Daily"),
            new("Ruiz orders evacuation: 'We will not wait'",
                "“We will not wait for the water to reach our doors,” Governor Ana Ruiz said on Monday, ordering 40 coastal towns evacuated before the storm. " +
                "Shelters opened in the capital.", "Herald"),
        ];
        var written = WritingFixtures.Extractive().Write(articles);

        Assert.True(written.Sentences.Count >= 2, written.Summary);
        Assert.Contains(written.Sentences, s => TextCleaner.OpensOnQuotation(s.Text));
        Assert.False(TextCleaner.OpensOnQuotation(written.Sentences[0].Text), written.Summary);
    }

    [Fact]
    public void A_story_without_articles_is_refused()
    {
        Assert.Throws<ArgumentException>(() => WritingFixtures.Extractive().Write([]));
    }
}
