using Salient.Stories;

namespace Salient.Tests.Stories;

public sealed class ArticleKindTests
{
    [Theory]
    [InlineData("Stop building in fire country", "https://www.example.com/opinion/2024/08/03/fire-country")]
    [InlineData("Stop building in fire country", "https://example.com/news/commentary/fire-country")]
    [InlineData("Stop building in fire country", "https://example.com/analysis/fire-country")]
    [InlineData("Stop building in fire country", "https://example.com/opinions/editorials/fire-country")]
    [InlineData("Stop building in fire country", "https://example.com/columnists/fire-country")]
    [InlineData("Stop building in fire country", "https://example.com/op-ed/fire-country")]
    [InlineData("Opinion: Stop building in fire country", null)]
    [InlineData("OPINION | Stop building in fire country", null)]
    [InlineData("Column: Stop building in fire country", "")]
    [InlineData("Editorial: Stop building in fire country", "not a link")]
    [InlineData("Letters: Readers on the Sawtooth fire", null)]
    [InlineData("Analysis \u2013 What the fire bill will and will not do", null)]
    public void A_link_segment_or_a_title_label_marks_an_opinion_piece(string title, string? url) =>
        Assert.Equal(ArticleKind.Opinion, ArticleKinds.Of(title, url, "Some text."));

    [Theory]
    [InlineData("Opinion\nWe keep building where fires burn. That has to stop.\n\nMore text follows here.")]
    [InlineData("We keep building where fires burn.\n\nThe views expressed in this column are the author's own.")]
    [InlineData("We keep building where fires burn.\n\nThe opinions expressed are those of the writer.")]
    public void A_section_label_over_the_text_or_a_disclaimer_in_it_marks_an_opinion_piece(string text) =>
        Assert.Equal(ArticleKind.Opinion, ArticleKinds.Of("We keep building where fires burn", "https://example.com/2024/08/03/fires", text));

    [Theory]
    [InlineData("Morning briefing: fire, a strike and a heat wave")]
    [InlineData("Your evening briefing")]
    [InlineData("5 things to know today")]
    [InlineData("Five things to know before you start your day")]
    [InlineData("News roundup: the week in Carver County")]
    public void A_briefing_or_a_things_to_know_title_marks_a_round_up(string title) =>
        Assert.Equal(ArticleKind.Roundup, ArticleKinds.Of(title, "https://example.com/2024/08/03/x", "Text."));

    [Fact]
    public void A_live_page_is_a_round_up_only_when_it_lists_many_items()
    {
        var items = "Pine Hollow evacuated as fire jumps road\nFirefighters hold the line overnight.\n" +
            "Transit strike ends after talks\nTrains run again on Monday.\n" +
            "Heat wave to last through weekend\nTemperatures will top 40 degrees.\n" +
            "School board picks a new chief\nThe vote was five to two.\n";
        Assert.Equal(ArticleKind.Roundup, ArticleKinds.Of("Live updates: what we know on Saturday", null, items));
        var oneEvent = "The Sawtooth fire jumped Ridge Road late on Saturday, officials said.\n\nCrews fought the flames all night as winds rose.\n\nAbout 6,000 people left their homes.";
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("Sawtooth fire: what we know", null, oneEvent));
    }

    [Theory]
    [InlineData("Analysts say rates will stay high", "https://example.com/business/analysts-say-rates-will-stay-high")]
    [InlineData("Columbia votes on a new budget", "https://example.com/news/columbia-budget")]
    [InlineData("Opinion polls show a close race", "https://example.com/politics/opinion-polls-close-race")]
    [InlineData("Fire crews brief residents", "https://example.com/local/fire-crews-brief-residents")]
    public void Reports_whose_words_merely_resemble_the_labels_stay_reports(string title, string url) =>
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of(title, url, "The council met on Tuesday and voted on the plan."));

    /// <summary>A briefing under a title with no label: five headed items, each about its own event.</summary>
    internal const string UnlabelledBriefing =
        "Good morning. Here is what you need to know today.\n\n" +
        "Millbrook flooded\nThe River Alder burst its banks in Millbrook overnight and about 2,400 people were told to leave their homes.\n\n" +
        "Rail strike called off\nTrain drivers on the Westmoor Valley line called off Friday's strike after a new pay offer, the Aslef union said.\n\n" +
        "Council tax to rise\nHarcourt District Council plans to raise council tax by 4.9 per cent next year to pay for adult social care.\n\n" +
        "Christmas market dates\nThe Kingsbridge Christmas market opens on 24 November in Cathedral Square and runs until 23 December this year.\n\n" +
        "Hospital wins award\nSt Aldhelm's Hospital in Dunmere was named the region's best employer by the Northern Health Trust on Monday night.";

    [Fact]
    public void A_text_of_headed_items_about_different_events_is_a_round_up_whatever_its_title() =>
        Assert.Equal(ArticleKind.Roundup, ArticleKinds.Of("Millbrook under water as rail strike is called off", "https://example.com/2023/11/14/today", UnlabelledBriefing));

    [Fact]
    public void A_report_under_subheadings_that_keeps_naming_its_event_stays_a_report()
    {
        var text = string.Join("\n\n",
            "The River Alder burst its banks in Millbrook early on Tuesday, and about 2,400 residents were told to leave their homes.",
            "What happened overnight",
            "Water from the Alder poured over the Eastgate wall in Millbrook before dawn, flooding Mill Lane to a depth of a metre.",
            "Who has been told to leave",
            "Residents of Eastgate and Mill Lane in Millbrook were sent to the leisure centre, where the Red Cross opened a rest centre.",
            "How high the river rose",
            "The Environment Agency said the Alder reached 4.2 metres at Millbrook bridge, its highest level since records began in 1961.",
            "What comes next",
            "More rain is forecast for the Alder valley on Wednesday, and the agency warned that Millbrook could flood again by the evening.",
            "Where to get help",
            "Westmoor council said sandbags were available at three depots and that Millbrook schools would stay closed until Friday.");
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("Alder floods Millbrook", "https://example.com/news/flood", text));
    }

    [Fact]
    public void Takeaways_from_one_event_whose_items_each_name_someone_else_stay_a_report()
    {
        var text = string.Join("\n\n",
            "Six candidates met on the stage in Westerville for the fourth debate of the primary season on Tuesday night.",
            "Warren takes the heat",
            "Elizabeth Warren was the target of most attacks in the debate, over how she would pay for her health plan.",
            "Biden holds steady",
            "Joe Biden gave few openings in the debate and spoke more about foreign policy than at earlier meetings.",
            "Sanders returns",
            "In his first debate since his heart attack, Bernie Sanders was loud and quick, and won the loudest applause.",
            "Buttigieg picks fights",
            "Pete Buttigieg went after Beto O'Rourke on guns, one of the sharpest exchanges of the whole debate evening.",
            "Harris on the sidelines",
            "Kamala Harris struggled to find time in the debate and pressed a question about Twitter that fell flat.");
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("5 takeaways from the October Democratic debate", "https://example.com/politics/debate", text));
    }

    [Fact]
    public void A_report_with_key_points_that_each_name_something_else_stays_a_report()
    {
        var text = "The Sawtooth fire jumped Ridge Road late on Saturday and forced the evacuation of Pine Hollow, officials said on Sunday morning.\n\n" +
            "Key points\n" +
            "- The fire has burned 12,000 acres in Carver County since Thursday afternoon, according to the state forestry service.\n" +
            "- Residents of Pine Hollow and Elk Flats were sent to shelters run by the Red Cross at Millbrook High School.\n" +
            "- Governor Ames declared a state of emergency and asked Washington for federal help on Saturday evening.\n" +
            "- Highway 9 is closed between Juniper and Lone Rock, and Amtrak has suspended service on the Cascade line.\n" +
            "- The National Weather Service warned that gusts of up to 50 miles an hour could spread the flames overnight.";
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("Sawtooth fire jumps Ridge Road", "https://example.com/news/fire", text));
    }

    [Fact]
    public void A_long_feature_whose_sections_each_name_other_people_stays_a_report()
    {
        static string Section(string heading, string name) => heading + "\n" + string.Join(" ", Enumerable.Repeat(
            $"In the years that followed, {name} kept working on the farm and wrote letters to the council about the river, the roads and the school, which were answered slowly if at all.", 5));
        var text = string.Join("\n\n", Section("The early years", "Margaret Hale"), Section("Leaving the valley", "Tom Ellery"),
            Section("A town that changed", "Priya Raman"), Section("Coming back home", "Ana Duarte"), Section("The last harvest", "Joe Whitcombe"));
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("Fifty years in the Alder valley", "https://example.com/features/valley", text));
    }

    [Fact]
    public void A_technical_article_with_code_and_tables_between_its_paragraphs_stays_a_report()
    {
        string[] tools = ["Postgres", "Lambda", "Grafana", "Redshift", "Kafka", "Snowflake"];
        var text = "Finding anomalies needs no special tools: a mean, a standard deviation and a little SQL go a long way.\n" +
            string.Join("\n", tools.Select((tool, i) =>
                $"SELECT count(*) FROM orders_{i}\nstatus_code │ entries │ zscore\n2, 3, 5, 2, 3, {i + 12}, 5, 3, 4\n" +
                $"On {tool} the same query reads the table {i + 2} times, as the plan above shows, and that is where the time goes."));
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("Anomaly detection in plain SQL", "https://example.com/blog/sql", text));
    }

    [Fact]
    public void Missing_markup_laden_and_huge_inputs_are_read_without_error()
    {
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of(null, null, null));
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("<script>alert(1)</script> \"quoted\" & more", "javascript:alert(1)", "<b>bold</b>"));
        Assert.Equal(ArticleKind.Opinion, ArticleKinds.Of("Opinion: <i>markup</i> & \"quotes\" in the title", "https://example.com/opinion/%3Cscript%3E", new string('a', 5_000_000)));
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of(new string('x', 100_000), "https://example.com/" + new string('y', 100_000), string.Join('\n', Enumerable.Repeat("short line here", 100_000))));
    }
}
