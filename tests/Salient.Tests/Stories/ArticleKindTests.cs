using Salient.Stories;
using Xunit.Abstractions;

namespace Salient.Tests.Stories;

public sealed class ArticleKindTests(ITestOutputHelper output)
{
    public static TheoryData<string> ReportNames => [.. KindFixtures.Reports.Select(f => f.Name)];

    public static TheoryData<string> CommentaryNames => [.. KindFixtures.Commentary.Select(f => f.Name)];

    private static KindFixture Fixture(string name) => KindFixtures.All.Single(f => f.Name == name);

    [Fact]
    public void The_fixtures_are_full_texts_of_realistic_length_with_paragraphs_between_blank_lines()
    {
        Assert.True(KindFixtures.Reports.Count >= 25 && KindFixtures.Commentary.Count >= 15);
        Assert.Equal(KindFixtures.All.Count(), KindFixtures.All.Select(f => f.Name).Distinct().Count());
        foreach (var f in KindFixtures.All)
        {
            Assert.InRange(f.Text.Length, 1_500, 6_000);
            Assert.Contains("\n\n", f.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(ReportNames))]
    public void A_full_length_report_of_a_common_shape_stays_a_report(string name)
    {
        var f = Fixture(name);
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of(f.Title, f.Url, f.Text));
    }

    [Theory]
    [MemberData(nameof(CommentaryNames))]
    public void A_full_length_column_editorial_letter_or_briefing_keeps_its_label(string name)
    {
        var f = Fixture(name);
        Assert.Equal(f.Expected, ArticleKinds.Of(f.Title, f.Url, f.Text));
    }

    [Fact]
    public void No_fixture_report_is_mislabelled_and_no_commentary_or_round_up_is_missed()
    {
        var wrong = new List<string>();
        output.WriteLine($"{"expected",-9} {"labelled",-9} fixture");
        foreach (var f in KindFixtures.All)
        {
            var kind = ArticleKinds.Of(f.Title, f.Url, f.Text);
            output.WriteLine($"{f.Expected,-9} {kind,-9} {f.Name}{(kind == f.Expected ? "" : "   <-- wrong")}");
            if (kind != f.Expected)
            {
                wrong.Add($"{f.Name}: {kind}");
            }
        }
        var mislabelled = KindFixtures.Reports.Count(f => ArticleKinds.Of(f.Title, f.Url, f.Text) != ArticleKind.Report);
        var missed = KindFixtures.Commentary.Count(f => ArticleKinds.Of(f.Title, f.Url, f.Text) != f.Expected);
        output.WriteLine($"reports mislabelled: {mislabelled} of {KindFixtures.Reports.Count}; commentary and round-ups missed: {missed} of {KindFixtures.Commentary.Count}");
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("Stop building in fire country", "https://www.example.com/opinion/2024/08/03/fire-country")]
    [InlineData("Stop building in fire country", "https://example.com/news/commentary/fire-country")]
    [InlineData("Stop building in fire country", "https://example.com/analysis/fire-country")]
    [InlineData("Stop building in fire country", "https://example.com/opinions/editorials/fire-country")]
    [InlineData("Stop building in fire country", "https://example.com/columnists/fire-country")]
    [InlineData("Stop building in fire country", "https://example.com/op-ed/fire-country")]
    [InlineData("Stop building in fire country", "https://www.example.co.uk/commentisfree/2024/aug/03/fire-country")]
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
    [InlineData("Briefing: a fire, a strike and a heat wave")]
    [InlineData("Roundup: the week in Carver County")]
    [InlineData("Round-up \u2013 Monday's headlines")]
    [InlineData("Digest | What happened overnight")]
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

    [Theory]
    [InlineData("Hospital officials give update on crash victims at news briefing")]
    [InlineData("News briefing: police name the Harlow bus driver")]
    [InlineData("Pentagon briefing: officials describe the strike on the depot")]
    [InlineData("Digesting the jobs report: what the numbers say")]
    [InlineData("Psaki grilled over border numbers at her daily briefing")]
    [InlineData("Governor takes questions at the weekly briefing on the drought")]
    [InlineData("5 things to know about the Kessler River bridge collapse")]
    [InlineData("Five things to know from the Calloway-Reyes debate")]
    [InlineData("3 things to watch in tonight's Senate debate")]
    public void A_report_of_a_press_briefing_or_an_explainer_of_one_event_is_not_a_round_up_by_its_title(string title) =>
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of(title, "https://example.com/news/x", "The council met on Tuesday and voted on the plan."));

    [Theory]
    [InlineData("The views expressed by guests on this program are their own and do not necessarily reflect the views of the network.")]
    [InlineData("The opinions expressed in the leaked memo do not necessarily reflect company policy, a spokesman said.")]
    [InlineData("Views expressed by interviewees do not necessarily reflect those of the station.")]
    public void A_line_that_guests_or_sources_speak_for_themselves_is_not_the_authors_disclaimer(string line) =>
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("Former FEMA chief says agency was not ready", "https://example.com/politics/fema",
            "The former head of FEMA said on Sunday that the agency did not have enough staff in place before the storm.\n\n" + line));

    [Theory]
    [InlineData("The opinions expressed in this commentary are solely those of the author.")]
    [InlineData("The views expressed in this article are those of the authors and do not necessarily reflect the position of the newspaper.")]
    [InlineData("Views expressed by columnists do not necessarily reflect those of the Gazette.")]
    public void An_authors_disclaimer_marks_an_opinion_piece_however_it_is_worded(string line) =>
        Assert.Equal(ArticleKind.Opinion, ArticleKinds.Of("Why the port strike is a test", "https://example.com/2024/10/02/port-strike",
            "For the first time in nearly half a century, the ports of the East and Gulf coasts are shut.\n\n" + line));

    [Theory]
    [InlineData("Guest Essay\nBy Helen Ostrander\n\nFor 19 years I delivered babies at Valley Regional Hospital.", "Closing rural maternity wards will cost lives")]
    [InlineData("For 19 years I delivered babies at Valley Regional Hospital.", "Our view: Closing rural maternity wards will cost lives")]
    [InlineData("For 19 years I delivered babies at Valley Regional Hospital.", "Guest column: Closing rural maternity wards will cost lives")]
    public void A_guest_essay_kicker_or_an_our_view_title_marks_an_opinion_piece(string text, string title) =>
        Assert.Equal(ArticleKind.Opinion, ArticleKinds.Of(title, "https://example.com/2024/06/11/maternity", text));

    [Fact]
    public void A_section_name_in_a_site_menu_or_an_analysis_box_under_the_lead_does_not_make_a_report_opinion()
    {
        const string lead = "Valley Regional Hospital will stop delivering babies on June 30, the hospital announced on Wednesday.";
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("Hospital to close maternity ward", null, "News\nOpinion\nSports\n\n" + lead));
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("Hospital to close maternity ward", null, "Opinion\nSports\nWeather\n" + lead));
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("Hospital to close maternity ward", null, lead + "\n\nAnalysis\n\nBy Simon Cole, health editor\n\nThis closure was long expected."));
        // A kicker over a headline or a byline is still a label.
        Assert.Equal(ArticleKind.Opinion, ArticleKinds.Of("Hospital to close maternity ward", null, "Politics\nAnalysis\nWhy the hospital gave up on its maternity ward\n\n" + lead));
        Assert.Equal(ArticleKind.Opinion, ArticleKinds.Of("Hospital to close maternity ward", null, "ANALYSIS\n\nBy JULIA MARSH\n\n" + lead));
        // Thousands of menu lines and labels are read without error.
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("Hospital to close maternity ward", null, string.Concat(Enumerable.Repeat("Opinion\nNews\n", 50_000))));
    }

    [Fact]
    public void A_live_page_whose_lead_tells_what_its_title_names_stays_a_report_and_one_of_the_days_news_does_not()
    {
        var entries = "9:40 p.m.\n\nPortland council races headed for runoffs\n\nNone of the candidates in the three Portland City Council races appeared likely to win a majority.\n\n" +
            "9:05 p.m.\n\nTurnout looks low\n\nThe secretary of state's office said turnout was tracking around 31%, down from 2018.\n\n" +
            "8:45 p.m.\n\nKotek leads for governor\n\nFormer House Speaker Tina Kotek leads Treasurer Tobias Read in the Democratic race.\n\n" +
            "8:15 p.m.\n\nDrazan ahead for Republicans\n\nEarly returns show Christine Drazan leading Bob Tiernan and Stan Pulliam.";
        const string lead = "Polls closed at 8 p.m. in Oregon's primary election. Follow along for results in the races for governor and Congress.\n\n";
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("Live updates: Oregon primary election results", null, lead + entries));
        Assert.Equal(ArticleKind.Roundup, ArticleKinds.Of("Live updates: Monday's news as it happens", null,
            "Welcome to our live coverage of Monday's news. We'll be bringing you the latest throughout the day.\n\n" + entries));
        // Without a lead, or with a lead that says one word of the title, the entries are read as before.
        Assert.Equal(ArticleKind.Roundup, ArticleKinds.Of("Live updates: Oregon primary election results", null, entries));
    }

    [Fact]
    public void A_bullet_briefing_whose_greeting_shares_a_word_with_its_title_that_no_bullet_says_is_a_round_up() =>
        Assert.Equal(ArticleKind.Roundup, ArticleKinds.Of("The morning in brief", "https://example.com/2023/11/14/today",
            BulletBriefing.Replace("Good morning. Here is what you need to know on Tuesday.", "Good morning. Here is the news in brief.", StringComparison.Ordinal)));

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

    /// <summary>A briefing of bulleted sentences under a greeting, each about its own event, with no headings.</summary>
    internal const string BulletBriefing =
        "Good morning. Here is what you need to know on Tuesday.\n\n" +
        "\u2022 Millbrook: about 2,400 residents were told to leave their homes overnight as the River Alder burst its banks.\n" +
        "\u2022 Rail unions called off Friday's strike on the Westmoor Valley line after a late pay offer from the operator.\n" +
        "\u2022 The Senate passed the farm budget by 61 votes to 38, sending it to President Hale for his signature.\n" +
        "\u2022 Harcourt District Council plans to raise council tax by 4.9 per cent next year to pay for social care.\n" +
        "\u2022 St Aldhelm's Hospital in Dunmere was named the region's best employer by the Northern Health Trust.\n" +
        "\u2022 The Kingsbridge Christmas market opens on 24 November in Cathedral Square and runs until 23 December.";

    [Theory]
    [InlineData("\u2022 ")]
    [InlineData("- ")]
    [InlineData("* ")]
    [InlineData("1. ")]
    [InlineData("2) ")]
    public void A_briefing_of_bulleted_sentences_about_different_events_is_a_round_up_whatever_its_title(string marker)
    {
        var text = BulletBriefing.Replace("\u2022 ", marker, StringComparison.Ordinal);
        Assert.Equal(ArticleKind.Roundup, ArticleKinds.Of("Millbrook under water as rail strike is called off", "https://example.com/2023/11/14/today", text));
        // Without its greeting, and numbered one line after another, it is the same briefing.
        var numbered = string.Join("\n", text.Split('\n').Skip(2).Select((line, i) => $"{i + 1}. " + line[marker.Length..]));
        Assert.Equal(ArticleKind.Roundup, ArticleKinds.Of("Tuesday 14 November", "https://example.com/2023/11/14/today", numbered));
    }

    [Fact]
    public void A_report_whose_bulleted_key_points_tell_its_own_event_stays_a_report()
    {
        var text = "About 2,400 residents of Millbrook were told to leave their homes overnight after the River Alder burst its banks, the Environment Agency said.\n\n" +
            "What we know so far:\n" +
            "\u2022 The Alder reached 4.2 metres at Millbrook bridge, its highest level since records began in 1961.\n" +
            "\u2022 Residents of Eastgate and Mill Lane were sent to the leisure centre, where the Red Cross opened a rest centre.\n" +
            "\u2022 Network Rail closed the line between Westmoor and Dunmere after water covered the tracks.\n" +
            "\u2022 Prime Minister Carol Denton is expected to visit on Wednesday and chair a Cobra meeting in London.\n" +
            "\u2022 The Met Office has issued an amber warning for more rain across the north of the county.";
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("Thousands told to leave as Alder floods Millbrook", "https://example.com/news/flood", text));
    }

    [Fact]
    public void A_report_with_a_bulleted_timeline_of_one_event_stays_a_report()
    {
        string[] timeline =
        [
            "Thursday, 2 pm: a spark from a mower starts a fire in dry grass near Ridge Road in Carver County.",
            "Thursday, 6 pm: the fire has burned 300 acres and the state forestry service names it the Sawtooth fire.",
            "Friday, 4 am: winds of 40 miles an hour push the fire across Juniper Creek towards Pine Hollow.",
            "Friday, noon: Governor Ames orders Pine Hollow and Elk Flats to leave as the fire doubles in size.",
            "Saturday, 9 pm: the fire jumps Ridge Road and burns the first homes on the edge of Pine Hollow.",
            "Sunday, 10 am: crews hold the fire line at Lone Rock as the wind drops and rain begins to fall.",
        ];
        var withLead = "The Sawtooth fire burned for four days before crews held it at Lone Rock on Sunday. This is how it spread.\n\n" +
            string.Join("\n", timeline.Select(t => "\u2022 " + t));
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("How the Sawtooth fire spread", "https://example.com/news/fire-timeline", withLead));
        // Without a lead the bullets keep saying what the title names.
        var bare = string.Join("\n", timeline.Select(t => "- " + t));
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("Sawtooth fire: a timeline", "https://example.com/news/fire-timeline", bare));
    }

    [Fact]
    public void Bullets_under_a_long_report_stay_key_points_even_when_each_names_something_else()
    {
        var body = string.Join("\n\n", Enumerable.Repeat(
            "Crews from four counties fought the Sawtooth fire through the night along Ridge Road, where the flames came within a few hundred metres of the first houses of Pine Hollow before the wind dropped.", 4));
        var text = body + "\n\nIn brief:\n" + string.Join("\n", BulletBriefing.Split('\n').Skip(2));
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("Sawtooth fire jumps Ridge Road", "https://example.com/news/fire", text));
    }

    [Fact]
    public void Hostile_bulleted_texts_are_read_without_error()
    {
        const string title = "Sawtooth fire jumps Ridge Road";
        const string url = "https://example.com/news/fire";
        // Thousands of bullets on one event, and thousands each naming a different town.
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of(title, url, string.Join("\n", Enumerable.Range(0, 5_000).Select(i =>
            $"\u2022 Crews on Ridge Road held the Sawtooth fire line again on shift number {i}."))));
        Assert.Equal(ArticleKind.Roundup, ArticleKinds.Of(title, url, string.Join("\n", Enumerable.Range(0, 5_000).Select(i =>
            $"\u2022 The council of Town{i} voted on the plan for Street{i} on Tuesday evening."))));
        // Bullets of markup, empty bullets and one huge bullet are not items of news.
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of(title, url, string.Join("\n", Enumerable.Repeat(
            "\u2022 <script>alert('x')</script><b>Bold</b> <a href=\"https://example.com/\">Link</a>", 50))));
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of(title, url, string.Join("\n", Enumerable.Repeat("\u2022\n- \n* \n1.\n\u2022 \u2022", 200))));
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of(title, url, "\u2022 " + string.Concat(Enumerable.Repeat("The Senate passed the farm budget. ", 100_000))));
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of(title, url, "Intro line\n\u2022 " + string.Concat(Enumerable.Repeat("The Senate passed the farm budget. ", 100_000))));
    }

    /// <summary>A digest on one theme: every item but one names Ukraine, and each tells another development.</summary>
    internal const string ThemedDigest =
        "Russia's war in Ukraine entered its 100th day on Friday. These are the main developments of the last day.\n\n" +
        "Strike on Kharkiv shopping centre\nA Russian missile hit a shopping centre in Kharkiv, Ukraine's second city, killing 12 people, the regional governor Oleh Synehubov said.\n\n" +
        "Grain corridor agreed\nUkraine and Turkey agreed to open a sea corridor from Odesa for grain exports under the watch of the United Nations, officials in Ankara said.\n\n" +
        "New sanctions package\nThe European Union adopted its sixth package of sanctions over the invasion of Ukraine, including a ban on most seaborne oil imports by the end of the year.\n\n" +
        "Court ruling in The Hague\nJudges at the International Court of Justice in The Hague ordered a halt to deportations of children from occupied Ukraine, in a ruling on Thursday.\n\n" +
        "Kyiv metro reopens\nKyiv reopened its metro for the first time since February as life in the capital returned to something like normal, mayor Vitali Klitschko said.\n\n" +
        "Eurovision winners play at home\nThe Kalush Orchestra played a free concert in Lviv to raise money for the army, and Ukraine's culture minister thanked the band on Telegram.";

    [Fact]
    public void A_digest_whose_items_all_name_its_theme_but_tell_different_developments_is_a_round_up() =>
        Assert.Equal(ArticleKind.Roundup, ArticleKinds.Of("Ukraine war at a glance: day 100", "https://example.com/world/2022/jun/03/ukraine-day-100", ThemedDigest));

    [Fact]
    public void A_digest_of_bullets_that_all_name_its_theme_but_tell_different_developments_is_a_round_up()
    {
        var bullets = string.Join("\n", ThemedDigest.Split("\n\n").Skip(1).Select(item => "\u2022 " + item.Split('\n')[1]));
        Assert.Equal(ArticleKind.Roundup, ArticleKinds.Of("Ukraine war at a glance: day 100", "https://example.com/world/2022/jun/03/ukraine-day-100", bullets));
    }

    [Fact]
    public void A_themed_live_report_whose_sections_all_develop_one_event_stays_a_report()
    {
        var text = string.Join("\n\n",
            "The River Alder peaked in Millbrook on Tuesday afternoon, and about 2,400 people spent the night away from home. Follow the latest here.",
            "Rest centres full",
            "The leisure centre in Millbrook ran out of camp beds by midnight, and the Red Cross opened a second rest centre at St Mary's school for people whose homes flooded.",
            "Trains halted",
            "Network Rail closed the line through Millbrook after flood water covered the tracks near the station, and buses are replacing trains until Thursday.",
            "Prime minister visits",
            "Prime Minister Carol Denton met families in Millbrook and promised money for the town's flood defences within weeks, as residents asked why the wall failed.",
            "Insurers on standby",
            "The Association of British Insurers said claims from Millbrook homes and shops could reach 40 million pounds once the water goes down.",
            "Schools closed",
            "Westmoor council said all six Millbrook schools would stay closed until Friday while flood damage is checked by engineers.");
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("Millbrook flood live: river peaks as thousands spend night away", "https://example.com/news/live/flood", text));
    }

    [Fact]
    public void A_profile_of_one_person_under_short_sections_stays_a_report()
    {
        var text = string.Join("\n\n",
            "Keir Starmer became leader of the Labour Party in April 2020 after Jeremy Corbyn stood down, and now leads it into the election.",
            "Early life",
            "Starmer grew up in Oxted in Surrey, where his father was a toolmaker and his mother a nurse with the NHS for many years.",
            "Career as a lawyer",
            "Starmer studied law at Leeds and Oxford and became a human rights barrister at Doughty Street Chambers in London.",
            "Chief prosecutor",
            "From 2008 Starmer led the Crown Prosecution Service as director of public prosecutions, appointed by Gordon Brown's government.",
            "Entering Parliament",
            "Starmer was elected for Holborn and St Pancras in 2015 and served in the shadow cabinet of Jeremy Corbyn on Brexit.",
            "Family and home",
            "Starmer is married to Victoria Alexander, who works for the NHS, and they have two teenage children in north London.");
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("Who is Keir Starmer?", "https://example.com/politics/starmer", text));
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
