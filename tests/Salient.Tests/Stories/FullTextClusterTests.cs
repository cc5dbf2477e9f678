using System.Text.Json;
using Salient.Tests.Support;

namespace Salient.Tests.Stories;

/// <summary>
/// Runs the real <c>salient cluster</c> on full-length articles the tests write: page furniture around each lead,
/// and background paragraphs that two events on one theme share, as full texts carry them.
/// </summary>
public sealed class FullTextClusterTests
{
    /// <summary>Each outlet's own headline: the same headline twice would be caught as a duplicate, which is not what is tested here.</summary>
    private static readonly string[] EvacuationTitles =
    [
        "Wildfire forces thousands to flee Pine Hollow as winds drive flames across Carver County",
        "Sawtooth fire jumps Ridge Road, 6,000 evacuated",
        "Pine Hollow residents flee as fire nears homes",
    ];

    private static readonly string[] BillTitles =
    [
        "Governor Whitfield signs $2 billion wildfire prevention bill into law",
        "State commits $2 billion to forest thinning and fire crews",
        "Whitfield signs bipartisan wildfire bill",
    ];

    private static readonly string[] EvacuationLeads =
    [
        "About 6,000 residents of Pine Hollow were ordered to leave their homes on Saturday night after gusts of up to 60 mph pushed the Sawtooth fire over Ridge Road and into the edge of town, fire officials said.",
        "The Sawtooth fire jumped Ridge Road late Saturday and reached the outskirts of Pine Hollow, forcing the evacuation of roughly 6,000 people as crews fought the flames through the night.",
        "Residents of the mountain town of Pine Hollow fled in long lines of cars on Saturday as the Sawtooth fire, fanned by strong winds, burned toward homes on the north side of Ridge Road.",
    ];

    private static readonly string[] BillLeads =
    [
        "Governor Dana Whitfield on Saturday signed a $2 billion package to thin forests, hire 1,500 seasonal firefighters and bury power lines in high-risk areas, calling it the largest wildfire prevention law in the state's history.",
        "The state will spend $2 billion over five years on forest thinning, new firefighting crews and buried power lines under a bill Governor Dana Whitfield signed into law at the capitol on Saturday.",
        "Governor Dana Whitfield signed the wildfire prevention bill on Saturday after it passed the legislature with support from both parties, setting aside $2 billion for forest management and 1,500 more firefighters.",
    ];

    /// <summary>Background both events' coverage repeats: the drought, last year's fires, the utility's role.</summary>
    private static readonly string[] Background =
    [
        "Carver County has been in extreme drought for three years, and last summer the Granite fire destroyed more than 900 homes in the county and killed seven people.",
        "Investigators later found that equipment owned by Northern Valley Power started the Granite fire, and the utility agreed to pay $1.1 billion to settle claims from residents of Carver County.",
        "Climate scientists say hotter summers and longer dry seasons have made fires in the region larger and faster, and the state's fire agency now counts its fire season as lasting nearly all year.",
        "\u201CWe are living with fire in a way that our parents never did,\u201D said Marisol Vega, who heads the county's office of emergency services.",
    ];

    private static string Article(string id, string title, string text, string published, string source) =>
        $$"""{"id":{{JsonSerializer.Serialize(id)}},"title":{{JsonSerializer.Serialize(title)}},"text":{{JsonSerializer.Serialize(text)}},"published":"{{published}}","source":"{{source}}"}""";

    /// <summary>A full text: each outlet's own furniture (bylines, a "trending" bar naming the other event, share prompts, bios), the lead, the shared background.</summary>
    private static string FullText(int outlet, string lead, string otherEventHeadline, int backgroundOffset)
    {
        string[] heads =
        [
            $"By Rachel Ortiz | The Valley Tribune\nUpdated 9:14 AM PT, Aug. 3, 2024\nTrending: {otherEventHeadline} | Carver County schools close | Heat wave to last through weekend\nAdvertisement",
            $"Share on Facebook Share on X Share by email\nListen to this article\nPhoto: Ken Ashby/Getty Images\nRelated: {otherEventHeadline}",
            $"Written by Omar Haddad\nMost read\n{otherEventHeadline}\nCarver County fire map: where the flames are burning\nWhat to pack if you are told to evacuate",
        ];
        string[] tails =
        [
            "Rachel Ortiz is a reporter at The Valley Tribune covering wildfires and water. Follow her on X @rortiz.\nCopyright 2024 The Valley Tribune. All rights reserved.",
            $"Read more: {otherEventHeadline}\nSign up for our evening newsletter to get the day's top stories.",
            "Have a news tip? Email us at tips@mountain-ledger.example\n\u00A9 2024 Mountain Ledger Media",
        ];
        var background = Enumerable.Range(0, Background.Length).Select(i => Background[(i + backgroundOffset) % Background.Length]);
        return $"{heads[outlet]}\n\n{lead}\n\n{string.Join("\n\n", background)}\n\nAdvertisement\n\n{tails[outlet]}";
    }

    [Fact]
    public async Task Full_articles_of_one_event_with_different_page_furniture_are_one_story()
    {
        using var dir = new TempDir();
        var input = dir.File("full.jsonl");
        string[] outlets = ["Valley Tribune", "State Wire", "Mountain Ledger"];
        var lines = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            lines.Add(Article($"fire-{i}", EvacuationTitles[i], FullText(i, EvacuationLeads[i], BillTitles[0], i), $"2024-08-03T{8 + i:00}:10:00Z", outlets[i]));
            lines.Add(Article($"bill-{i}", BillTitles[i], FullText(i, BillLeads[i], EvacuationTitles[0], i + 1), $"2024-08-03T{8 + i:00}:40:00Z", outlets[i]));
        }
        File.WriteAllLines(input, lines);

        var (exit, output, stderr) = await SalientProcess.RunAsync(["cluster", "--input", input], dir);

        Assert.True(exit == 0, stderr);
        var story = output.Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("story").GetInt64());
        Assert.Equal(6, story.Count);
        Assert.Single(new[] { story["fire-0"], story["fire-1"], story["fire-2"] }.Distinct());
        Assert.Single(new[] { story["bill-0"], story["bill-1"], story["bill-2"] }.Distinct());
        // Not asserted: that the bill's articles stay apart from the fire's. Their short leads are followed at once by
        // the same background paragraphs, and the lead reads about 600 characters (LeadText.MinChars), so they may not.
    }

    [Fact]
    public async Task A_full_article_and_the_same_event_given_as_a_lead_alone_are_one_story()
    {
        using var dir = new TempDir();
        var input = dir.File("mixed.jsonl");
        File.WriteAllLines(input,
        [
            Article("lead-only", EvacuationTitles[0], EvacuationLeads[0], "2024-08-03T08:10:00Z", "Valley Tribune"),
            Article("full", EvacuationTitles[2], FullText(2, EvacuationLeads[2], BillTitles[0], 0), "2024-08-03T09:10:00Z", "Mountain Ledger"),
            Article("bill-lead", BillTitles[1], BillLeads[1], "2024-08-03T09:40:00Z", "State Wire"),
        ]);

        var (exit, output, stderr) = await SalientProcess.RunAsync(["cluster", "--input", input], dir);

        Assert.True(exit == 0, stderr);
        var stories = output.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("story").GetInt64()).ToArray();
        Assert.Equal(stories[0], stories[1]);
        Assert.NotEqual(stories[0], stories[2]);
    }
}
