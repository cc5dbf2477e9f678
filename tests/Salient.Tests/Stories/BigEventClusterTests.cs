using System.Text.Json;
using Salient.Tests.Support;

namespace Salient.Tests.Stories;

/// <summary>
/// Runs the real <c>salient cluster</c> on a day with one big event: eight outlets' reports of a hurricane's landfall,
/// beside a typhoon the same day and a central bank's decision, all written by the tests.
/// </summary>
public sealed class BigEventClusterTests
{
    private static readonly (string Title, string Text)[] Hurricane =
    [
        ("Hurricane Mara makes landfall near Corpus Christi", "Hurricane Mara made landfall near Corpus Christi, Texas, early Tuesday as a Category 3 storm, knocking out power to 400,000 homes, officials said."),
        ("Mara slams Texas coast with 120 mph winds", "Hurricane Mara slammed into the Texas coast near Corpus Christi on Tuesday with winds of 120 mph, cutting power to hundreds of thousands of customers."),
        ("Hurricane Mara hits Texas, 400,000 without power", "More than 400,000 Texas homes lost power after Hurricane Mara came ashore near Corpus Christi on Tuesday morning, the state's utility regulator said."),
        ("Corpus Christi battered as Mara comes ashore", "Residents of Corpus Christi woke to flooded streets and downed power lines on Tuesday after Hurricane Mara came ashore as a Category 3 hurricane."),
        ("Texas governor declares disaster as Mara strikes", "Texas Gov. Elena Ruiz declared a disaster in 30 counties on Tuesday as Hurricane Mara struck the coast near Corpus Christi with 120 mph winds."),
        ("Mara: storm surge floods Texas coastal towns", "A storm surge of up to 12 feet flooded coastal towns near Corpus Christi on Tuesday as Hurricane Mara made landfall, the National Hurricane Center said."),
        ("Hurricane Mara leaves 2 dead in Texas", "At least two people were killed in Texas after Hurricane Mara made landfall near Corpus Christi on Tuesday, local officials said, as crews began rescues."),
        ("President approves Texas disaster aid after Hurricane Mara", "The president approved federal disaster aid for Texas on Tuesday after Hurricane Mara hit the coast near Corpus Christi, the White House said."),
    ];

    private static readonly (string Title, string Text)[] Typhoon =
    [
        ("Typhoon Koji hits southern Japan", "Typhoon Koji hit southern Japan on Tuesday with winds of 160 km/h, forcing the evacuation of 200,000 people in Kagoshima, officials said."),
        ("Japan evacuates 200,000 as Typhoon Koji nears", "Japanese authorities ordered 200,000 residents of Kagoshima to evacuate on Tuesday as Typhoon Koji approached the southern island of Kyushu."),
        ("Typhoon Koji lashes Kyushu", "Typhoon Koji lashed the southern Japanese island of Kyushu on Tuesday, cancelling flights and trains and cutting power to 100,000 homes."),
    ];

    private static readonly (string Title, string Text)[] Rates =
    [
        ("Fed holds rates steady", "The Federal Reserve held interest rates steady on Tuesday and signalled it could cut them later this year if inflation keeps easing."),
        ("Federal Reserve keeps rates unchanged", "The U.S. central bank kept its benchmark rate unchanged on Tuesday, saying inflation had eased but remained above its 2% goal."),
    ];

    private static IEnumerable<string> Lines()
    {
        var n = 0;
        foreach (var (tag, reports) in new[] { ("mara", Hurricane), ("koji", Typhoon), ("fed", Rates) })
        {
            for (var i = 0; i < reports.Length; i++)
            {
                n++;
                var published = new DateTimeOffset(2026, 9, 1, 8 + i, n * 7 % 60, 0, TimeSpan.Zero).ToString("O");
                yield return JsonSerializer.Serialize(new { id = $"{tag}{i}", title = reports[i].Title, text = reports[i].Text, source = $"Outlet {n}", published });
            }
        }
    }

    private static async Task<Dictionary<string, long>> Cluster(TempDir dir, params string[] extra)
    {
        var input = dir.File($"in-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(input, Lines());
        var (exit, output, stderr) = await SalientProcess.RunAsync(["cluster", "--input", input, .. extra], dir);
        Assert.True(exit == 0, stderr);
        return output.Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("story").GetInt64());
    }

    private static int StoriesOf(Dictionary<string, long> story, string tag) => story.Where(p => p.Key.StartsWith(tag, StringComparison.Ordinal)).Select(p => p.Value).Distinct().Count();

    [Fact]
    public async Task Eight_reports_of_one_event_are_one_story_at_once_as_in_the_stream_and_the_other_events_stay_apart()
    {
        using var dir = new TempDir();

        foreach (var story in new[] { await Cluster(dir), await Cluster(dir, "--set", "AtOnce=false") })
        {
            Assert.Equal(1, StoriesOf(story, "mara"));
            Assert.Equal(1, StoriesOf(story, "koji"));
            Assert.Equal(1, StoriesOf(story, "fed"));
            Assert.Equal(3, story.Values.Distinct().Count());
        }
        // The pairs the hurricane's reports form at first stayed apart when two stories of several articles joined only
        // as a merge would.
        Assert.True(StoriesOf(await Cluster(dir, "--set", "JoinGrownStories=false"), "mara") > 1);
    }
}
