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
}
