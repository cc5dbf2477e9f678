using System.Text;
using System.Text.Json;
using Salient.Tests.Support;

namespace Salient.Tests.Stories;

/// <summary>Runs the real <c>salient cluster</c> executable on files the tests write, as a user would.</summary>
public sealed class ClusterCommandTests
{
    private const string Quake = "Earthquake of magnitude 7.1 strikes off the coast of northern Japan";
    private const string Rates = "Central bank raises interest rates by half a point to fight inflation";
    private const string Perfume = "Pop star launches a new perfume at a party in Paris";

    private static Task<(int Exit, string[] Lines, string Stderr)> Cluster(TempDir dir, string file, string? timeZone = null) =>
        SalientProcess.RunAsync(["cluster", "--input", file], dir, timeZone: timeZone);

    private static string Article(string idJson, string title, string published, string source, string text = "") =>
        $$"""{"id":{{idJson}},"title":{{JsonSerializer.Serialize(title)}},"text":{{JsonSerializer.Serialize(text)}},"published":"{{published}}","source":"{{source}}","url":"https://{{source.ToLowerInvariant()}}.example/{{Guid.NewGuid():N}}"}""";

    /// <summary>Each output line parsed, checked to be exactly {id, story} with an integer story; id as raw JSON text → story.</summary>
    private static List<(string Id, long Story)> Parse(string[] lines)
    {
        var result = new List<(string, long)>();
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            Assert.Equal(JsonValueKind.Object, root.ValueKind);
            Assert.Equal(["id", "story"], root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Number, root.GetProperty("story").ValueKind);
            result.Add((root.GetProperty("id").GetRawText(), root.GetProperty("story").GetInt64()));
        }
        return result;
    }

    [Fact]
    public async Task Every_article_comes_out_once_in_input_order_with_its_id_exactly_as_given_and_one_event_is_one_story()
    {
        using var dir = new TempDir();
        string[] ids = ["\"reuters-2024-001\"", "42", "\"007\"", "12345678901234567890", "1.50"];
        var input = dir.File("articles.jsonl");
        File.WriteAllLines(input,
        [
            Article(ids[0], Quake, "2024-03-01T08:00:00Z", "AP", "A strong earthquake struck off the coast of northern Japan on Friday."),
            Article(ids[1], Rates, "2024-03-01T07:00:00Z", "FT"),
            Article(ids[2], Quake, "2024-03-01T09:30:00Z", "Reuters"),
            Article(ids[3], Perfume, "2024-03-01T06:00:00Z", "Gossip"),
            Article(ids[4], "Champions league final goes to penalties after a goalless draw", "2024-03-01T10:00:00Z", "Sport"),
        ]);

        var (exit, lines, stderr) = await Cluster(dir, input);

        Assert.True(exit == 0, stderr);
        SalientProcess.NoStackTrace(stderr);
        var output = Parse(lines);
        Assert.Equal(ids, output.Select(o => o.Id));
        Assert.Equal(output[0].Story, output[2].Story);
        Assert.Equal(4, output.Select(o => o.Story).Distinct().Count());
    }

    [Fact]
    public async Task Articles_given_out_of_time_order_are_grouped_as_if_they_had_been_sorted_by_published_time()
    {
        using var dir = new TempDir();
        // The rate decision comes five days after the quake, beyond the 72-hour window: read in file order, it
        // would close the quake's story before its second article arrives.
        string[] sorted =
        [
            Article("\"q1\"", Quake, "2024-03-01T08:00:00Z", "AP"),
            Article("\"q2\"", Quake, "2024-03-01T09:00:00Z", "Reuters"),
            Article("\"p\"", Perfume, "2024-03-02T09:00:00Z", "Gossip"),
            Article("\"r\"", Rates, "2024-03-06T08:00:00Z", "FT"),
        ];
        File.WriteAllLines(dir.File("sorted.jsonl"), sorted);
        File.WriteAllLines(dir.File("reversed.jsonl"), sorted.Reverse());

        var inOrder = await Cluster(dir, dir.File("sorted.jsonl"));
        var reversed = await Cluster(dir, dir.File("reversed.jsonl"));

        Assert.True(inOrder.Exit == 0, inOrder.Stderr);
        Assert.True(reversed.Exit == 0, reversed.Stderr);
        var a = Parse(inOrder.Lines);
        var b = Parse(reversed.Lines);
        Assert.Equal(["\"r\"", "\"p\"", "\"q2\"", "\"q1\""], b.Select(o => o.Id));
        Assert.Equal(a.OrderBy(o => o.Id, StringComparer.Ordinal), b.OrderBy(o => o.Id, StringComparer.Ordinal));
        Assert.Equal(a[0].Story, a[1].Story);
        Assert.Equal(3, a.Select(o => o.Story).Distinct().Count());
    }

    [Fact]
    public async Task A_published_time_with_an_offset_is_read_as_that_instant_and_one_without_a_zone_as_utc_whatever_the_machine_zone()
    {
        using var dir = new TempDir();
        var input = dir.File("zones.jsonl");
        File.WriteAllLines(input,
        [
            // 04:00+05:00 is 71 hours after the first quake article, inside the 72-hour window; read as 04:00 UTC it would be 76.
            Article("\"q1\"", Quake, "2024-03-01T01:00:00Z", "AP"),
            Article("\"q2\"", Quake, "2024-03-04T04:00:00+05:00", "Reuters"),
            // 05:00 without a zone is 75 hours after the first rate article as UTC, beyond the window; read as Tokyo time it would be 66.
            Article("\"r1\"", Rates, "2024-03-01T02:00:00Z", "FT"),
            Article("\"r2\"", Rates, "2024-03-04T05:00:00", "WSJ"),
        ]);

        var (exit, lines, stderr) = await Cluster(dir, input, timeZone: "Asia/Tokyo");

        Assert.True(exit == 0, stderr);
        var output = Parse(lines);
        Assert.Equal(output[0].Story, output[1].Story);
        Assert.NotEqual(output[2].Story, output[3].Story);
        Assert.Equal(3, output.Select(o => o.Story).Distinct().Count());
    }

    [Fact]
    public async Task Blank_lines_a_byte_order_mark_a_repeated_id_and_a_huge_text_are_accepted()
    {
        using var dir = new TempDir();
        var input = dir.File("lenient.jsonl");
        var huge = string.Join(' ', Enumerable.Repeat("The quake damaged ports and railways along the coast.", 40_000));
        var text = "\uFEFF" + Article("\"a\"", Quake, "2024-03-01T08:00:00Z", "AP", huge) + "\n\n   \n"
            + Article("\"b\"", Rates, "2024-03-01T09:00:00Z", "FT") + "\n"
            + Article("\"a\"", Quake, "2024-03-01T10:00:00Z", "Reuters") + "\n";
        File.WriteAllBytes(input, Encoding.UTF8.GetBytes(text));

        var (exit, lines, stderr) = await Cluster(dir, input);

        Assert.True(exit == 0, stderr);
        SalientProcess.NoStackTrace(stderr);
        var output = Parse(lines);
        Assert.Equal(["\"a\"", "\"b\"", "\"a\""], output.Select(o => o.Id));
        Assert.Equal(output[0].Story, output[2].Story);
        Assert.Contains($"{input} line 5: id \"a\" was already used on line 1", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standard_input_is_read_when_the_input_is_a_dash_even_with_a_byte_order_mark()
    {
        using var dir = new TempDir();
        var stdin = "\uFEFF" + Article("7", Quake, "2024-03-01T08:00:00Z", "AP") + "\n" + Article("\"x\"", Quake, "2024-03-01T09:00:00Z", "BBC") + "\n";

        var (exit, lines, stderr) = await SalientProcess.RunAsync(["cluster", "--input", "-"], dir, stdin);

        Assert.True(exit == 0, stderr);
        var output = Parse(lines);
        Assert.Equal(["7", "\"x\""], output.Select(o => o.Id));
        Assert.Equal(output[0].Story, output[1].Story);
    }

    [Theory]
    [InlineData("{\"id\": \"x\", \"title\": ", "not valid JSON")]
    [InlineData("[\"x\", \"Quake\"]", "expected a JSON object")]
    [InlineData("\"just a string\"", "expected a JSON object")]
    [InlineData("{\"title\": \"Quake\", \"published\": \"2024-03-01T08:00:00Z\"}", "missing 'id'")]
    [InlineData("{\"id\": null, \"title\": \"Quake\", \"published\": \"2024-03-01T08:00:00Z\"}", "missing 'id'")]
    [InlineData("{\"id\": {\"n\": 1}, \"title\": \"Quake\", \"published\": \"2024-03-01T08:00:00Z\"}", "'id' must be a string or a number")]
    [InlineData("{\"id\": \"x\", \"title\": 5, \"published\": \"2024-03-01T08:00:00Z\"}", "'title' must be a string")]
    public async Task A_bad_line_stops_the_run_before_any_output_with_the_file_the_line_and_what_is_wrong(string bad, string what)
    {
        using var dir = new TempDir();
        var input = dir.File("articles.jsonl");
        File.WriteAllLines(input, [Article("\"ok\"", Quake, "2024-03-01T08:00:00Z", "AP"), bad, Article("\"ok2\"", Rates, "2024-03-01T09:00:00Z", "FT")]);

        var (exit, lines, stderr) = await Cluster(dir, input);

        Assert.Equal(1, exit);
        Assert.Empty(lines);
        Assert.Contains($"salient: {input} line 2: ", stderr, StringComparison.Ordinal);
        Assert.Contains(what, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber: 0", stderr, StringComparison.Ordinal);
        SalientProcess.NoStackTrace(stderr);
    }

    [Fact]
    public async Task An_input_in_which_no_line_gives_a_time_is_grouped_and_warned_that_only_the_texts_tell_events_apart()
    {
        using var dir = new TempDir();
        var input = dir.File("untimed.jsonl");
        File.WriteAllLines(input,
        [
            """{"id":"q1","title":"Strong earthquake hits northern Japan coast, magnitude 7.1","text":"A strong earthquake struck off the coast of northern Japan on Friday.","source":"AP"}""",
            """{"id":"q2","title":"Magnitude 7.1 earthquake strikes off northern Japan","text":"The quake struck off the coast of northern Japan.","source":"Reuters"}""",
        ]);

        var (exit, lines, stderr) = await Cluster(dir, input);

        Assert.True(exit == 0, stderr);
        Assert.Equal(2, Parse(lines).Count);
        Assert.Contains($"{input}: no line gives a 'published' time, so the articles are grouped as if all were published at once", stderr, StringComparison.Ordinal);
        Assert.Contains("Give each line its 'published' time", stderr, StringComparison.Ordinal);
        SalientProcess.NoStackTrace(stderr);

        // One timed line is enough to place the others beside it: no such warning then.
        File.WriteAllLines(input,
        [
            Article("\"q1\"", Quake, "2024-03-01T08:00:00Z", "AP", "A strong earthquake struck off the coast of northern Japan on Friday."),
            """{"id":"q2","title":"Magnitude 7.1 earthquake strikes off northern Japan","text":"The quake struck off the coast of northern Japan.","source":"Reuters"}""",
        ]);
        (exit, _, stderr) = await Cluster(dir, input);
        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain("no line gives a 'published' time", stderr, StringComparison.Ordinal);
    }

    /// <summary>Two rulings on one theme, two reports each, at one time; a and b name different days for their news.</summary>
    private static readonly string[] Rulings =
    [
        """{"id":"a1","title":"Supreme Court hears arguments over Mississippi abortion ban","text":"The Supreme Court on Wednesday heard arguments over a Mississippi law that bans most abortions after 15 weeks of pregnancy, a case that could overturn Roe v. Wade.","source":"AP"}""",
        """{"id":"b1","title":"Supreme Court lets Texas clinics keep suing over six-week ban","text":"The justices ruled on Friday that clinics in Texas may keep suing state licensing officials in federal court, while the state's six-week ban stays in force.","source":"Reuters"}""",
        """{"id":"a2","title":"Justices signal they may uphold Mississippi abortion limits","text":"The Supreme Court's conservative majority signaled on Wednesday that it would uphold Mississippi's ban on abortions after 15 weeks of pregnancy.","source":"NPR"}""",
        """{"id":"b2","title":"Texas six-week ban stays, but clinics may sue, justices rule","text":"Clinics in Texas may pursue their lawsuit against state officials, the justices said on Friday, though they left the six-week ban in force.","source":"Fox"}""",
    ];

    /// <summary>The <see cref="Rulings"/> came out as two stories, one per ruling.</summary>
    private static void AssertTwoRulings(Dictionary<string, long> stories)
    {
        Assert.Equal(stories["\"a1\""], stories["\"a2\""]);
        Assert.Equal(stories["\"b1\""], stories["\"b2\""]);
        Assert.NotEqual(stories["\"a1\""], stories["\"b1\""]);
    }

    [Fact]
    public async Task Lines_that_all_give_one_and_the_same_time_are_grouped_as_lines_without_times_whatever_their_order()
    {
        using var dir = new TempDir();
        var untimed = dir.File("untimed.jsonl");
        File.WriteAllLines(untimed, Rulings);
        // The same lines, each stamped with the time a feed was read, in another order.
        var stamped = dir.File("stamped.jsonl");
        File.WriteAllLines(stamped, File.ReadAllLines(untimed).Reverse().Select(l => l.Replace("{\"id\"", "{\"published\":\"2021-12-04T09:00:00Z\",\"id\"", StringComparison.Ordinal)));

        var (exit, lines, stderr) = await Cluster(dir, stamped);

        Assert.True(exit == 0, stderr);
        Assert.Contains($"{stamped}: every article stands at one time (2021-12-04T09:00:00Z), so the times tell the events nothing", stderr, StringComparison.Ordinal);
        Assert.Contains("all together, so the order of the lines plays no part", stderr, StringComparison.Ordinal);
        var stories = Parse(lines).ToDictionary(p => p.Id, p => p.Story);
        AssertTwoRulings(stories);
        (exit, lines, stderr) = await Cluster(dir, untimed);
        Assert.True(exit == 0, stderr);
        var again = Parse(lines).ToDictionary(p => p.Id, p => p.Story);
        // The same stories as the lines without times.
        Assert.All(stories.Keys, x => Assert.All(stories.Keys, y => Assert.Equal(stories[x] == stories[y], again[x] == again[y])));

        // One line at another time gives the clock a say: grouped with the times, with no such warning.
        File.WriteAllLines(stamped, File.ReadAllLines(stamped).Select((l, i) => i == 0 ? l.Replace("2021-12-04T09:00:00Z", "2021-12-04T10:00:00Z", StringComparison.Ordinal) : l));
        (exit, _, stderr) = await Cluster(dir, stamped);
        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain("stands at one time", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_times_two_rulings_on_one_theme_that_name_different_days_come_out_as_two_stories()
    {
        using var dir = new TempDir();
        var input = dir.File("rulings.jsonl");
        File.WriteAllLines(input, Rulings);

        var (exit, lines, stderr) = await Cluster(dir, input);

        Assert.True(exit == 0, stderr);
        var stories = Parse(lines).ToDictionary(p => p.Id, p => p.Story);
        AssertTwoRulings(stories);

        Assert.Contains("all together, so the order of the lines plays no part", stderr, StringComparison.Ordinal);

        // The lines in the opposite order give the same stories.
        var reversed = dir.File("reversed.jsonl");
        File.WriteAllLines(reversed, File.ReadAllLines(input).Reverse());
        (exit, lines, stderr) = await Cluster(dir, reversed);
        Assert.True(exit == 0, stderr);
        var again = Parse(lines).ToDictionary(p => p.Id, p => p.Story);
        AssertTwoRulings(again);

        // As a stream in the order of the lines, the texts alone, without the day each names, glue the two rulings into
        // one story.
        (exit, lines, stderr) = await SalientProcess.RunAsync(["cluster", "--input", input, "--set", "UntimedEventDayPenalty=0", "--set", "AtOnce=false", "--set", "BatchAtOnce=false"], dir);
        Assert.True(exit == 0, stderr);
        Assert.Single(Parse(lines).Select(p => p.Story).Distinct());
    }

    [Fact]
    public async Task Articles_without_a_usable_time_are_grouped_by_their_text_beside_their_neighbours_empty_ones_stand_alone_and_each_is_named_on_stderr()
    {
        using var dir = new TempDir();
        var input = dir.File("articles.jsonl");
        File.WriteAllLines(input,
        [
            Article("\"q1\"", Quake, "2024-03-01T08:00:00Z", "AP", "A strong earthquake struck off the coast of northern Japan on Friday."),
            """{"id":"q2","title":"Strong earthquake hits northern Japan coast, magnitude 7.1","text":"The quake struck off the coast of northern Japan.","source":"Reuters"}""",
            Article("\"r1\"", Rates, "2024-03-06T08:00:00Z", "FT", "The central bank raised its main interest rate by half a point to fight inflation."),
            """{"id":"r2","title":"Interest rates raised by half a point as the central bank fights inflation","text":"The bank raised rates by half a point.","published":"last Tuesday","source":"WSJ"}""",
            """{"id":"p1","title":"Pop star launches a new perfume at a party in Paris","published":true,"source":"Gossip"}""",
            """{"id":"r3","title":"Central bank lifts rates by half a point to fight inflation","published":"2024-02-30T08:00:00Z","source":"BBC"}""",
            """{"id":"e1","title":"","text":"  ","published":"2024-03-06T09:00:00Z","source":"BBC"}""",
            """{"id":"e2","published":"2024-03-06T09:00:00Z"}""",
        ]);

        var (exit, lines, stderr) = await Cluster(dir, input);

        Assert.True(exit == 0, stderr);
        SalientProcess.NoStackTrace(stderr);
        var output = Parse(lines);
        Assert.Equal(["\"q1\"", "\"q2\"", "\"r1\"", "\"r2\"", "\"p1\"", "\"r3\"", "\"e1\"", "\"e2\""], output.Select(o => o.Id));
        // Each untimed article is placed at the time of the line before it: q2 beside q1, r2 and r3 five days later beside r1.
        Assert.Equal(output[0].Story, output[1].Story);
        Assert.Equal(output[2].Story, output[3].Story);
        Assert.Equal(output[2].Story, output[5].Story);
        Assert.NotEqual(output[0].Story, output[2].Story);
        // The two articles with nothing to group them by are a story each, not one story of two.
        Assert.Equal(5, output.Select(o => o.Story).Distinct().Count());
        Assert.Equal(8, output.Select(o => o.Story).Where(id => id > 0).Count());
        Assert.Contains($"{input} line 7: missing 'title' (and no 'text' either); the article is a story of its own", stderr, StringComparison.Ordinal);
        // Five problems are named; the sixth only counted.
        Assert.DoesNotContain($"{input} line 8:", stderr, StringComparison.Ordinal);
        Assert.Contains($"{input}: 6 lines in all were read with a problem", stderr, StringComparison.Ordinal);
        Assert.Contains($"{input} line 2: missing 'published'", stderr, StringComparison.Ordinal);
        Assert.Contains($"{input} line 4: 'published' is not an ISO 8601 time: 'last Tuesday'", stderr, StringComparison.Ordinal);
        Assert.Contains($"{input} line 5: 'published' must be an ISO 8601 time or a Unix time, found True", stderr, StringComparison.Ordinal);
        Assert.Contains($"{input} line 6: 'published' is not an ISO 8601 time: '2024-02-30T08:00:00Z'", stderr, StringComparison.Ordinal);
        Assert.Contains("grouped by its text, at the time of the article before it", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_published_time_given_as_Unix_seconds_or_milliseconds_places_the_article_in_time_like_an_ISO_one()
    {
        using var dir = new TempDir();
        var input = dir.File("unix.jsonl");
        static string Unix(string id, string title, long published, string source) =>
            $$"""{"id":"{{id}}","title":{{JsonSerializer.Serialize(title)}},"published":{{published}},"source":"{{source}}"}""";
        File.WriteAllLines(input,
        [
            Article("\"r1\"", Rates, "2024-03-06T08:00:00Z", "FT", "The central bank raised its main interest rate by half a point to fight inflation."),
            // 1 March 2024 08:00 and 09:00 UTC, in seconds and in milliseconds.
            Unix("q1", Quake, 1_709_280_000, "AP"),
            Unix("q2", "Strong earthquake hits northern Japan coast, magnitude 7.1", 1_709_283_600_000, "Reuters"),
            // 20 April 2024: seven weeks after r1, the next rise, not the same one.
            Unix("r2", "Interest rates raised by half a point as the central bank fights inflation", 1_713_600_000, "WSJ"),
            // Not a time in years 1 to 9999: named, and grouped beside the line before it.
            Unix("r3", "Central bank lifts rates by half a point to fight inflation", 999_999_999_999_999_999, "BBC"),
        ]);

        var (exit, lines, stderr) = await Cluster(dir, input);

        Assert.True(exit == 0, stderr);
        var output = Parse(lines);
        Assert.Equal(output[1].Story, output[2].Story);
        Assert.NotEqual(output[0].Story, output[1].Story);
        Assert.NotEqual(output[0].Story, output[3].Story);
        Assert.Equal(output[3].Story, output[4].Story);
        Assert.DoesNotContain("line 2:", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("line 3:", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("line 4:", stderr, StringComparison.Ordinal);
        Assert.Contains($"{input} line 5: 'published' is a number but not a Unix time: 999999999999999999", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_file_writes_nothing_and_says_so()
    {
        using var dir = new TempDir();
        var input = dir.File("empty.jsonl");
        File.WriteAllText(input, "");

        var (exit, lines, stderr) = await Cluster(dir, input);

        Assert.Equal(0, exit);
        Assert.Empty(lines);
        Assert.Contains($"{input} holds no articles", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_or_a_folder_is_a_usage_error_that_names_it()
    {
        using var dir = new TempDir();
        await SalientProcess.AssertMissingFileAndFolderAreUsageErrorsAsync(dir, file => Cluster(dir, file), "one article a line");
    }

    [Fact]
    public async Task With_the_body_embedding_on_full_texts_come_out_as_before_one_line_per_article_and_a_bad_weight_is_a_usage_error()
    {
        using var dir = new TempDir();
        var input = dir.File("full.jsonl");
        File.WriteAllLines(input,
        [
            Article("\"a\"", BodyFixtures.HarwickTitleA, "2024-03-04T07:00:00Z", "Valley Post", BodyFixtures.HarwickA()),
            Article("\"b\"", BodyFixtures.HarwickTitleB, "2024-03-04T09:00:00Z", "Lune Valley News", BodyFixtures.HarwickB()),
            Article("\"c\"", BodyFixtures.DunmereTitle, "2024-03-04T11:00:00Z", "Estuary Echo", BodyFixtures.Dunmere()),
        ]);

        var (exit, lines, stderr) = await SalientProcess.RunAsync(["cluster", "--input", input, "--set", "BodyVectorWeight=0.5"], dir);
        Assert.True(exit == 0, stderr);
        var output = Parse(lines);
        Assert.Equal(["\"a\"", "\"b\"", "\"c\""], output.Select(o => o.Id));
        Assert.NotEqual(output[0].Story, output[2].Story);

        var (badExit, badLines, badStderr) = await SalientProcess.RunAsync(["cluster", "--input", input, "--set", "BodyVectorWeight=-1"], dir);
        Assert.Equal(2, badExit);
        Assert.Empty(badLines);
        Assert.Contains("Stories:BodyVectorWeight", badStderr, StringComparison.Ordinal);
        SalientProcess.NoStackTrace(badStderr);
    }
}
