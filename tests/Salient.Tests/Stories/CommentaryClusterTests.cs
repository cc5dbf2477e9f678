using System.Text.Json;
using Salient.Tests.Support;

namespace Salient.Tests.Stories;

/// <summary>
/// Runs the real <c>salient cluster</c> on full-length articles the tests write: reports of one flood, an opinion column
/// on floods, a morning briefing that mentions the flood among other items, and a second event on the same theme.
/// </summary>
public sealed class CommentaryClusterTests
{
    private static readonly string[] FloodTitles =
    [
        "River Alder bursts its banks in Millbrook, 2,400 told to leave",
        "Millbrook flood: Alder breaches defences after record rainfall",
        "Thousands evacuated as Alder floods Millbrook town centre",
    ];

    private static readonly string[] FloodLeads =
    [
        "The River Alder burst its banks in Millbrook early on Tuesday after 140 millimetres of rain fell in 36 hours, and about 2,400 residents of the Eastgate and Mill Lane districts were told to leave their homes, the Environment Agency said.",
        "Flood water from the River Alder poured over the Eastgate defences in Millbrook before dawn on Tuesday, forcing the evacuation of some 2,400 people as the river reached its highest level since records began, according to the Environment Agency.",
        "Around 2,400 people were evacuated from Millbrook on Tuesday as the River Alder flooded the town centre, with water up to a metre deep on Mill Lane after a night of record rain, emergency services said.",
    ];

    /// <summary>Each outlet's own background: the town's history, the science, the economy.</summary>
    private static readonly string[][] FloodBackgrounds =
    [
        [
            "Millbrook grew up around the wool mills that lined the Alder in the nineteenth century, and many of its oldest streets sit only a few metres above the river.",
            "The town was last badly flooded in 1998, when 600 homes were damaged; the Eastgate wall was built four years later at a cost of 9 million pounds.",
        ],
        [
            "Hydrologists at the University of Westmoor have warned that the Alder catchment, with its steep valleys and thin soils, sends rain into the river within hours.",
            "Met Office figures show that the wettest days of the year in the region now bring about a fifth more rain than they did in the 1960s.",
        ],
        [
            "Shop owners on Mill Lane said the town centre had only just recovered from the pandemic, and several said their insurance no longer covered flood damage.",
            "The Millbrook Chamber of Commerce said about 120 businesses sit in the flood zone, most of them small family firms.",
        ],
    ];

    private static readonly string[] Furniture =
    [
        "By Hannah Price | Westmoor Gazette\nUpdated 7:42 AM, 14 November 2023\nTrending: Rail strike called off | Council tax to rise | Christmas market dates\nAdvertisement",
        "Share on Facebook Share on X Share by email\nListen to this article\nPhoto: Tom Ellery/PA",
        "Written by Sam Okoro\nMost read\nRail strike called off\nWhere to get sandbags in Westmoor",
    ];

    private static readonly string[] Tails =
    [
        "Hannah Price is a reporter at the Westmoor Gazette covering the environment. Follow her on X @hprice.\nCopyright 2023 Westmoor Gazette. All rights reserved.",
        "Read more: Rail strike called off\nSign up for our morning newsletter to get the day's top stories.",
        "Have a news tip? Email us at news@valley-echo.example\n\u00A9 2023 Valley Echo Media",
    ];

    private static string Line(string id, string title, string text, string published, string source, string url) =>
        JsonSerializer.Serialize(new { id, title, text, published, source, url });

    private static string FloodReport(int i) =>
        $"{Furniture[i]}\n\n{FloodLeads[i]}\n\n{string.Join("\n\n", FloodBackgrounds[i])}\n\nAdvertisement\n\n{Tails[i]}";

    private static IEnumerable<string> FloodReports() => Enumerable.Range(0, 3).Select(i =>
        Line($"flood-{i}", FloodTitles[i], FloodReport(i), $"2023-11-14T{7 + i:00}:00:00Z", $"Outlet {i}", $"https://outlet{i}.example/news/millbrook-flood-{i}"));

    /// <summary>A column on floods that retells the week without naming the town, the river or the figures.</summary>
    private const string Column =
        "Thousands of residents were told to leave their homes this week after record rain sent a river over its banks and flooded a town centre.\n\n" +
        "The pictures from this week's flood are hard to watch: families carried out of their homes in boats, water a metre deep in a town centre, " +
        "thousands of residents told to leave after a night of record rain as a river burst its banks.\n\n" +
        "And every time, we promise that this time we will build the flood defences our rivers need. We do not. Flood defence budgets have been cut " +
        "in real terms for a decade, while councils keep approving homes on flood plains.\n\n" +
        "Rainfall records are falling year after year. Rivers that once rose over days now rise in hours. The evacuations we saw this week will not be the last.\n\n" +
        "We should stop building on flood plains, pay farmers upstream to hold water on their land, and fund defences for the long term rather than after each disaster.";

    private const string Briefing =
        "Good morning. Here is what you need to know today.\n\n" +
        "Millbrook flooded\nThe River Alder burst its banks in Millbrook overnight and about 2,400 people were told to leave their homes.\n\n" +
        "Rail strike called off\nTrain drivers called off Friday's strike after a new pay offer, the union said.\n\n" +
        "Council tax to rise\nWestmoor council plans to raise council tax by 4.9 per cent next year.\n\n" +
        "Christmas market dates\nThe city's Christmas market opens on 24 November and runs until 23 December.\n\n" +
        "Weather\nMore rain is forecast for the north of the county, with sunny spells in the south.";

    private static async Task<Dictionary<string, long>> Cluster(TempDir dir, IEnumerable<string> lines, params string[] extra)
    {
        var input = dir.File($"in-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(input, lines);
        var (exit, output, stderr) = await SalientProcess.RunAsync(["cluster", "--input", input, .. extra], dir);
        Assert.True(exit == 0, stderr);
        return output.Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("story").GetInt64());
    }

    [Fact]
    public async Task Full_articles_of_one_event_with_different_boilerplate_and_background_are_one_story()
    {
        using var dir = new TempDir();
        var story = await Cluster(dir, FloodReports());
        Assert.Single(story.Values.Distinct());
    }

    [Fact]
    public Task An_opinion_column_on_the_theme_of_an_event_stays_out_of_the_event_s_story() =>
        StaysOutButWouldJoinAsReport("column", "Opinion: Flood evacuations after record rain will not be the last", Column, "https://outlet3.example/2023/11/14/flood-defences");

    [Fact]
    public Task A_morning_briefing_that_mentions_the_event_stays_out_of_its_story() =>
        StaysOutButWouldJoinAsReport("briefing", "Morning briefing: Millbrook floods, rail strike called off", Briefing, "https://outlet3.example/2023/11/14/morning");

    [Fact]
    public Task A_briefing_of_headed_items_under_an_unlabelled_title_stays_out_of_the_event_s_story() =>
        StaysOutButWouldJoinAsReport("briefing", "Millbrook flood: 2,400 told to leave, rail strike called off", ArticleKindTests.UnlabelledBriefing, "https://outlet3.example/2023/11/14/today");

    [Fact]
    public Task A_briefing_of_bulleted_sentences_under_an_unlabelled_title_stays_out_of_the_event_s_story() =>
        StaysOutButWouldJoinAsReport("bullets", "Millbrook flood: 2,400 told to leave, rail strike called off", ArticleKindTests.BulletBriefing, "https://outlet3.example/2023/11/14/today");

    /// <summary>
    /// The flood's three reports and one more article: it stays out of the flood's story, which the reports keep
    /// together, and read as a report (<c>SeparateCommentary=false</c>) it would join: its kind is what keeps it out.
    /// </summary>
    private static async Task StaysOutButWouldJoinAsReport(string id, string title, string text, string url)
    {
        using var dir = new TempDir();
        var lines = FloodReports().Append(Line(id, title, text, "2023-11-14T10:00:00Z", "Outlet 3", url)).ToList();

        var story = await Cluster(dir, lines);
        Assert.NotEqual(story["flood-0"], story[id]);
        Assert.Single(new[] { story["flood-0"], story["flood-1"], story["flood-2"] }.Distinct());

        var asReport = await Cluster(dir, lines, "--set", "SeparateCommentary=false");
        Assert.Equal(asReport["flood-0"], asReport[id]);
    }

    [Fact]
    public async Task An_opinion_piece_that_names_the_event_s_town_and_river_joins_its_story_on_that_evidence()
    {
        using var dir = new TempDir();
        var text = "Thousands of residents were evacuated from Millbrook this week after record rain sent the River Alder over its banks.\n\n" + Column;
        var story = await Cluster(dir, FloodReports().Append(Line("column", "Opinion: After the Alder flood, stop building on flood plains", text,
            "2023-11-14T10:00:00Z", "Outlet 3", "https://outlet3.example/opinion/2023/11/14/alder-flood")));
        Assert.Equal(story["flood-0"], story["column"]);
    }

    /// <summary>
    /// Both columns open alike, as far as their leads go (the embedding and the lead's words): the week's flood in a
    /// sentence, then the columnist's argument in general terms.
    /// </summary>
    private const string ColumnOpening =
        "Some 2,400 people were told to leave their homes in Millbrook this week when the River Alder burst its banks after a night of record rain, " +
        "and every flood brings the same promises.\n\n" +
        "Ministers will visit, stand in wellington boots in front of the cameras and promise that lessons will be learned. Money will be found for the " +
        "clean-up, and a review will be ordered. Then the water goes down, the cameras leave, and the budgets for defences are squeezed again. Councils " +
        "keep approving new homes on flood plains because the country needs homes and the land is flat and cheap. Insurers quietly raise premiums or " +
        "walk away. Farmers upstream are paid to drain their fields, not to hold water on them. Rivers that once rose over days now rise in hours, and " +
        "the records that were meant to come once a century come once a decade. None of this is a surprise to the people who live beside our rivers, " +
        "who have been saying it for years to anyone who would listen.\n\n";

    /// <summary>
    /// A column about the flood itself: after the opening, it names the town, the river, the districts, the agency and
    /// the figures of this flood from start to end.
    /// </summary>
    private const string EventColumn = ColumnOpening +
        "When the River Alder came over the Eastgate wall before dawn on Tuesday, it proved what Millbrook residents had said for years: " +
        "the wall built after 1998 was never high enough. The Environment Agency had its own figures showing the Alder could top it.\n\n" +
        "The families of Eastgate and Mill Lane who were told to leave had been flooded in 1998 too. " +
        "The Mill Lane shopkeepers who spent the pandemic keeping their doors open now face months of drying out, and some have no insurance.\n\n" +
        "The Environment Agency says 140 millimetres of rain in 36 hours was beyond anything the Eastgate defences were designed for. " +
        "That is the point: Millbrook's defences were designed for the Alder of the 1990s, not the Alder of today.\n\n" +
        "The Millbrook Chamber of Commerce counts about 120 businesses in the Alder's flood zone, and the Eastgate wall protects fewer of them every year " +
        "as the Environment Agency's own maps of the Alder are redrawn.\n\n" +
        "Westmoor council and the Environment Agency should raise the Eastgate wall, pay the farms above Millbrook to hold water on their land, " +
        "and stop approving homes in the Alder's flood plain.\n\n" +
        "Until they do, the 2,400 people of Eastgate and Mill Lane, sleeping in St Mary's church hall and the Eastgate leisure centre this week, " +
        "will keep hearing the Environment Agency's warnings every time the Alder rises, and keep wondering whether the Eastgate wall will hold.";

    /// <summary>A column on the theme: after the same opening, it names other floods, other towns and other rivers, never this one again.</summary>
    private const string ThemeColumn = ColumnOpening +
        "When the Severn came over the defences at Bewdley in 2020, ministers promised a new scheme; Bewdley is still waiting. " +
        "When Storm Desmond flooded Carlisle in 2015, the Eden reached levels nobody had planned for, and the Carlisle defences failed.\n\n" +
        "In Hebden Bridge the Calder has flooded the town centre four times in twelve years. In Cockermouth the Derwent took the main street in 2009 " +
        "and again in 2015, after the new walls were built.\n\n" +
        "The National Audit Office found in 2020 that spending on maintaining defences had fallen while more homes were approved on flood plains, " +
        "and the Climate Change Committee has warned that one in six homes in England is at risk.\n\n" +
        "In the Netherlands, after the North Sea flood of 1953, the Delta Works were built over four decades and paid for by every government in turn; " +
        "Rotterdam now plans for the sea of 2100.\n\n" +
        "We should stop building on flood plains, pay farmers upstream to hold water on their land, and fund defences for the long term " +
        "rather than after each disaster, as the people of Bewdley, Carlisle, Hebden Bridge and Cockermouth have asked for years.\n\n" +
        "The Pitt Review after the summer floods of 2007 in Gloucestershire and Hull said as much, and so did the review after the Somerset Levels " +
        "were under water in the winter of 2014. Each was welcomed, and each was left on a shelf in Whitehall.";

    /// <summary>More of each report, as a full article goes on: the rescue, the shelters, the forecast.</summary>
    private static readonly string[] FloodFollowUps =
    [
        "Fire crews used boats to reach families on Mill Lane, and Westmoor council opened St Mary's church hall and the Eastgate leisure centre as rest centres. " +
        "The Environment Agency said the Alder would stay high until Thursday, and a severe flood warning remains in place for Eastgate. " +
        "Residents were told not to return to their homes in Millbrook until the water had gone down and the power had been checked.\n\n" +
        "The Eastgate wall, finished in 2002 after the 1998 flood, was overtopped at about 4 a.m., the Environment Agency said. Its area manager, Ruth Calder, " +
        "said the Alder had risen 1.8 metres in six hours at the Eastgate gauge. Westmoor council's leader, Dev Anand, said the town would need help from " +
        "the government to repair the damage on Mill Lane, where about 120 shops and homes were flooded.",
        "By mid-morning the Alder had begun to fall at the Eastgate gauge, but the Environment Agency warned that more rain was forecast for the hills above Millbrook. " +
        "About 300 of the 2,400 residents spent the night at the rest centres in St Mary's church hall and the Eastgate leisure centre, the council said. " +
        "Engineers will inspect the Eastgate wall once the water has gone down.\n\n" +
        "Ruth Calder of the Environment Agency said the Eastgate defences had done what they were built to do until the river rose beyond their height. " +
        "Westmoor council's leader, Dev Anand, thanked the fire crews and volunteers in Millbrook and said a recovery fund would open on Wednesday for " +
        "families in Eastgate and on Mill Lane. The Millbrook Chamber of Commerce said it was too early to count the cost.",
        "Westmoor council said the Mill Lane rest centre at St Mary's church hall was full by noon and a second had opened at the Eastgate leisure centre. " +
        "Police closed the Alder bridge and the roads into Millbrook town centre, and the Environment Agency kept its severe flood warning for the Alder at Eastgate " +
        "in place for a second night while crews pumped water out of homes on Mill Lane.\n\n" +
        "Dev Anand, the leader of Westmoor council, said the 2,400 evacuated residents would be told on Wednesday when they could go home. " +
        "Ruth Calder of the Environment Agency said the Alder had peaked at Eastgate at 5.2 metres, 40 centimetres above the top of the wall, " +
        "the highest level since records began in 1961, and that the Mill Lane pumping station had failed when its power was cut. " +
        "Volunteers from the Millbrook rugby club carried sandbags to the Eastgate leisure centre through the afternoon.",
    ];

    /// <summary>The flood's reports at full length (1,500 characters and more), so their whole bodies can be compared.</summary>
    private static IEnumerable<string> LongFloodReports() => Enumerable.Range(0, 3).Select(i =>
        Line($"flood-{i}", FloodTitles[i], FloodReport(i).Replace("\n\nAdvertisement\n\n", $"\n\n{FloodFollowUps[i]}\n\nAdvertisement\n\n", StringComparison.Ordinal),
            $"2023-11-14T{7 + i:00}:00:00Z", $"Outlet {i}", $"https://outlet{i}.example/news/millbrook-flood-{i}"));

    private static List<string> WithColumn(string text) =>
        LongFloodReports().Append(Line("column", "Opinion: Flood defences built for yesterday's rivers", text,
            "2023-11-14T10:00:00Z", "Outlet 3", "https://outlet3.example/opinion/2023/11/14/defences")).ToList();

    [Fact]
    public async Task A_column_whose_whole_text_names_the_event_s_town_river_and_figures_joins_its_story_on_that_evidence()
    {
        using var dir = new TempDir();
        Assert.True(EventColumn.Length >= 1500, $"the column has {EventColumn.Length} characters; it needs 1,500 to have a body");
        var lines = WithColumn(EventColumn);
        Assert.All(lines, l => Assert.True(JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!.Length >= 1500, "every text must be long enough to have a body"));

        var story = await Cluster(dir, lines);
        Assert.Equal(story["flood-0"], story["column"]);

        // Without the whole text's names, its lead alone does not meet the bar a column must meet.
        var leadOnly = await Cluster(dir, lines, "--set", "CommentaryBody=2");
        Assert.NotEqual(leadOnly["flood-0"], leadOnly["column"]);
    }

    [Fact]
    public async Task A_column_that_opens_on_the_event_and_then_names_other_floods_stays_out_of_the_event_s_story()
    {
        using var dir = new TempDir();
        Assert.True(ThemeColumn.Length >= 1500, $"the column has {ThemeColumn.Length} characters; it needs 1,500 to have a body");
        var lines = WithColumn(ThemeColumn);

        var story = await Cluster(dir, lines);
        Assert.NotEqual(story["flood-0"], story["column"]);
        Assert.Single(new[] { story["flood-0"], story["flood-1"], story["flood-2"] }.Distinct());

        // Its opening is near enough to join on any body: the names of its body are what keep it out.
        var anyBody = await Cluster(dir, lines, "--set", "CommentaryBody=0");
        Assert.Equal(anyBody["flood-0"], anyBody["column"]);
    }
}
