using System.Text;
using System.Text.Json;
using Salient.Significance;
using Salient.Tests.Support;

namespace Salient.Tests.Significance;

/// <summary>Runs the real <c>salient score</c> executable, with the shipped student model, on files the tests write.</summary>
public sealed class ScoreCommandTests
{
    private static Task<(int Exit, string[] Lines, string Stderr)> Score(TempDir dir, string file) => SalientProcess.RunAsync(["score", "--input", file], dir);

    private static string Item(string idJson, string title, string? outletsJson = null, string? text = "", string published = "2024-03-01T08:00:00Z", string source = "Reuters")
    {
        var line = $$"""{"id":{{idJson}},"title":{{JsonSerializer.Serialize(title)}},"text":{{JsonSerializer.Serialize(text)}},"source":"{{source}}","published":"{{published}}" """.TrimEnd();
        return line + (outletsJson is null ? "}" : $",\"outlets\":{outletsJson}}}");
    }

    /// <summary>Each output line parsed and checked: exactly {id, score, factors, topics, countries}, the seven factors by name, every number in 0–10, one to three desks, alpha-2 countries.</summary>
    private static List<(string Id, double Score)> Parse(string[] lines)
    {
        var result = new List<(string, double)>();
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            Assert.Equal(["id", "score", "factors", "topics", "countries"], root.EnumerateObject().Select(p => p.Name));
            var topics = root.GetProperty("topics").EnumerateArray().Select(t => t.GetString()!).ToList();
            Assert.InRange(topics.Count, 1, 3);
            Assert.All(topics, t => Assert.Contains(t, Salient.Sections.Desks.Slugs));
            Assert.All(root.GetProperty("countries").EnumerateArray(), c => Assert.Matches("^[A-Z]{2}$", c.GetString()));
            var score = root.GetProperty("score").GetDouble();
            Assert.InRange(score, 0, 10);
            var factors = root.GetProperty("factors");
            Assert.Equal(["scale", "impact", "novelty", "potential", "legacy", "positivity", "credibility"], factors.EnumerateObject().Select(p => p.Name));
            Assert.Equal(Factors.Names, factors.EnumerateObject().Select(p => p.Name));
            Assert.All(factors.EnumerateObject(), f => Assert.InRange(f.Value.GetDouble(), 0, 10));
            result.Add((root.GetProperty("id").GetRawText(), score));
        }
        return result;
    }

    [Fact]
    public async Task Every_item_comes_out_once_in_input_order_with_its_id_as_given_a_score_and_seven_factors_from_0_to_10()
    {
        using var dir = new TempDir();
        var manyOutlets = JsonSerializer.Serialize(Enumerable.Range(1, 40).Select(i => $"outlet{i}.example").Concat(["BBC", "AP", "Reuters"]));
        string[] ids = ["\"un-1\"", "2", "\"003\"", "12345678901234567890", "1.50", "\"gossip-2\""];
        var input = dir.File("items.jsonl");
        File.WriteAllLines(input,
        [
            Item(ids[0], "UN Security Council holds emergency session as war spreads to a neighbouring country"),
            Item(ids[1], "Reality TV star shows off new haircut at celebrity party", outletsJson: "[]"),
            Item(ids[2], "Earthquake kills thousands in Turkey and Syria as rescuers search the rubble", outletsJson: manyOutlets, text: null),
            Item(ids[3], "Parliament passes the budget after a long debate", outletsJson: """[{"name":"BBC"},{"domain":"apnews.com"}]""",
                text: "Lawmakers approved the spending plan late on Thursday by a narrow margin."),
            Item(ids[4], "Storm closes schools across the region", outletsJson: "null"),
            Item(ids[5], "Pop singer and actor boyfriend spotted holding hands on the beach", outletsJson: "[]"),
        ]);

        var (exit, lines, stderr) = await Score(dir, input);

        Assert.True(exit == 0, stderr);
        SalientProcess.NoStackTrace(stderr);
        Assert.Contains("scored 6 stories", stderr, StringComparison.Ordinal);
        var output = Parse(lines);
        Assert.Equal(ids, output.Select(o => o.Id));
        // World news above celebrity gossip from the same outlet, by a wide margin (about 4.5 points with the shipped model).
        Assert.True(Math.Min(output[0].Score, output[2].Score) > Math.Max(output[1].Score, output[5].Score) + 2,
            $"world news {output[0].Score}, {output[2].Score}; gossip {output[1].Score}, {output[5].Score}");
    }

    [Fact]
    public async Task Blank_lines_a_byte_order_mark_a_repeated_id_any_published_time_and_a_huge_text_are_accepted()
    {
        using var dir = new TempDir();
        var input = dir.File("lenient.jsonl");
        var huge = string.Join(' ', Enumerable.Repeat("The storm damaged ports and railways along the coast.", 40_000));
        var text = "\uFEFF" + Item("\"a\"", "Storm closes ports along the coast", text: huge) + "\n\n  \n"
            + Item("\"b\"", "Minister resigns over expenses", published: "last Tuesday") + "\n"
            + Item("\"c\"", "Minister resigns over expenses", published: "2024-03-04T04:00:00+05:00") + "\n"
            + Item("\"d\"", "Minister resigns over expenses", published: "2024-03-04T04:00:00") + "\n"
            + Item("\"a\"", "Storm closes ports along the coast") + "\n";
        File.WriteAllBytes(input, Encoding.UTF8.GetBytes(text));

        var (exit, lines, stderr) = await Score(dir, input);

        Assert.True(exit == 0, stderr);
        SalientProcess.NoStackTrace(stderr);
        Assert.Equal(["\"a\"", "\"b\"", "\"c\"", "\"d\"", "\"a\""], Parse(lines).Select(o => o.Id));
        Assert.Contains($"{input}: id \"a\" is used by more than one item", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standard_input_is_read_when_the_input_is_a_dash_even_with_a_byte_order_mark()
    {
        using var dir = new TempDir();
        var stdin = "\uFEFF" + Item("7", "Storm closes ports along the coast") + "\n" + Item("\"x\"", "Minister resigns over expenses") + "\n";

        var (exit, lines, stderr) = await SalientProcess.RunAsync(["score", "--input", "-"], dir, stdin);

        Assert.True(exit == 0, stderr);
        Assert.Equal(["7", "\"x\""], Parse(lines).Select(o => o.Id));
    }

    [Fact]
    public async Task Each_bad_line_is_named_by_file_and_line_and_skipped_and_the_good_ones_are_still_scored_with_exit_code_1()
    {
        using var dir = new TempDir();
        var input = dir.File("items.jsonl");
        string[] bad =
        [
            "{\"id\": \"x\", \"title\": ",
            "[\"x\", \"Storm\"]",
            "42",
            "{\"title\": \"Storm\"}",
            "{\"id\": null, \"title\": \"Storm\"}",
            "{\"id\": {\"n\": 1}, \"title\": \"Storm\"}",
            "{\"id\": \"x\", \"text\": \"\"}",
            "{\"id\": \"x\", \"title\": 5}",
            "{\"id\": \"x\", \"title\": \"Storm\", \"outlets\": 3}",
        ];
        string[] expected =
        [
            "line 2: not valid JSON",
            "line 3: expected a JSON object",
            "line 4: expected a JSON object",
            "line 5: missing 'id'",
            "line 6: missing 'id'",
            "line 7: 'id' must be a string or a number, found Object",
            "line 8: missing 'title'",
            "line 9: 'title' must be a string, found Number",
            "line 10: 'outlets' must be a list of outlet names",
        ];
        File.WriteAllLines(input, [Item("\"first\"", "Storm closes ports along the coast"), .. bad, Item("\"last\"", "Minister resigns over expenses")]);

        var (exit, lines, stderr) = await Score(dir, input);

        Assert.Equal(1, exit);
        SalientProcess.NoStackTrace(stderr);
        Assert.Equal(["\"first\"", "\"last\""], Parse(lines).Select(o => o.Id));
        foreach (var what in expected)
        {
            Assert.Contains($"salient: {input} {what}", stderr, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("LineNumber: 0", stderr, StringComparison.Ordinal);
        Assert.Contains($"scored 2 stories; 9 bad lines of {input} were skipped", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_file_scores_nothing_and_says_so()
    {
        using var dir = new TempDir();
        var input = dir.File("empty.jsonl");
        File.WriteAllText(input, "");

        var (exit, lines, stderr) = await Score(dir, input);

        Assert.Equal(0, exit);
        Assert.Empty(lines);
        Assert.Contains("scored 0 stories", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_or_a_folder_is_a_usage_error_that_names_it_and_creates_no_database()
    {
        using var dir = new TempDir();
        await SalientProcess.AssertMissingFileAndFolderAreUsageErrorsAsync(dir, file => Score(dir, file), "one item a line");
        Assert.False(File.Exists(Path.Combine(dir.File("data"), "salient.db")), "scoring a file needs no database");
    }

    [Fact]
    public async Task An_output_that_is_a_folder_or_cannot_be_written_is_refused_with_its_name_and_no_stack_trace()
    {
        using var dir = new TempDir();
        var input = dir.File("items.jsonl");
        File.WriteAllText(input, Item("\"a\"", "Parliament passes the budget") + "\n");
        File.WriteAllText(dir.File("a-file"), "not a folder");

        var folder = await SalientProcess.RunAsync(["score", "--input", input, "--output", dir.Path], dir);
        var unwritable = await SalientProcess.RunAsync(["score", "--input", input, "--output", Path.Combine(dir.File("a-file"), "scores.jsonl")], dir);

        Assert.Equal(2, folder.Exit);
        Assert.Contains($"output '{dir.Path}' is a folder", folder.Stderr, StringComparison.Ordinal);
        SalientProcess.NoStackTrace(folder.Stderr);
        Assert.NotEqual(0, unwritable.Exit);
        Assert.Contains("cannot be written", unwritable.Stderr, StringComparison.Ordinal);
        SalientProcess.NoStackTrace(unwritable.Stderr);
    }
}
