using System.Text.Json;
using Salient.Tests.Support;

namespace Salient.Tests.Writing;

/// <summary>Runs the real <c>salient summarize</c> executable on files the tests write, as a user would.</summary>
public sealed class SummarizeCommandTests
{
    private static readonly string[] StormTexts =
    [
        "A powerful storm struck the northern coast on Monday, cutting power to 200,000 homes. Officials said repairs could take several days. Schools in three districts will stay closed on Tuesday.",
        "Thousands of households remained without electricity after the storm hit the coast overnight. The regional governor declared a state of emergency on Monday afternoon. Emergency shelters opened in four towns.",
        "Storm damage along the coast is estimated at 40 million euros, insurers said on Monday. The national weather service warned that a second storm could arrive later in the week.",
    ];

    private static string Story(string idJson, params (string Title, string Text, string Source)[] articles) =>
        $$"""{"id":{{idJson}},"articles":[{{string.Join(',', articles.Select((a, i) =>
            $$"""{"title":{{JsonSerializer.Serialize(a.Title)}},"text":{{JsonSerializer.Serialize(a.Text)}},"source":"{{a.Source}}","url":"https://{{a.Source.ToLowerInvariant()}}.example/{{i}}","published":"2024-05-03T1{{i}}:00:00Z"}"""))}}]}""";

    private static string Storm(string idJson) => Story(idJson,
        ("Storm cuts power to 200,000 homes on the northern coast", StormTexts[0], "AP"),
        ("Governor declares emergency as storm leaves thousands in the dark", StormTexts[1], "Reuters"),
        ("Coastal storm damage put at 40 million euros", StormTexts[2], "DW"));

    private static string Quake(string idJson) => Story(idJson,
        ("Earthquake of magnitude 6.8 strikes off the southern island", "An earthquake of magnitude 6.8 struck off the southern island early on Sunday, the geological survey said. No tsunami warning was issued.", "AP"));

    private static Task<(int Exit, string[] Lines, string Stderr)> Summarize(TempDir dir, string file, string? stdin = null) =>
        SalientProcess.RunAsync(["summarize", "--input", file], dir, stdin);

    /// <summary>Each output line checked to be exactly {id, title, summary, sources}.</summary>
    private static List<JsonElement> Parse(string[] lines) => lines.Select(line =>
    {
        var root = JsonDocument.Parse(line).RootElement.Clone();
        Assert.Equal(["id", "title", "summary", "sources"], root.EnumerateObject().Select(p => p.Name));
        return root;
    }).ToList();

    [Fact]
    public async Task Each_story_comes_out_once_in_input_order_with_its_id_as_given_and_a_summary_taken_from_its_articles()
    {
        using var dir = new TempDir();
        var input = dir.File("stories.jsonl");
        File.WriteAllLines(input, [Storm("\"storm-2024-05-03\""), Quake("12345678901234567890"), Storm("7")]);

        var (exit, lines, stderr) = await Summarize(dir, input);

        Assert.True(exit == 0, stderr);
        var output = Parse(lines);
        Assert.Equal(["\"storm-2024-05-03\"", "12345678901234567890", "7"], output.Select(o => o.GetProperty("id").GetRawText()));
        var storm = output[0];
        Assert.Contains("storm", storm.GetProperty("title").GetString()!, StringComparison.OrdinalIgnoreCase);
        var summary = storm.GetProperty("summary").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(summary));
        // Extractive without an LLM configured: every sentence of the summary is one of the articles' sentences.
        var sentences = summary.Split(". ", StringSplitOptions.RemoveEmptyEntries).Select(s => s.TrimEnd('.'));
        Assert.All(sentences, s => Assert.Contains(StormTexts, t => t.Contains(s, StringComparison.Ordinal)));
        var sources = storm.GetProperty("sources").EnumerateArray().Select(e => e.GetInt32()).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, i => Assert.InRange(i, 0, 2));
        Assert.Contains("earthquake", output[1].GetProperty("title").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([0], output[1].GetProperty("sources").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(storm.GetProperty("summary").GetString(), output[2].GetProperty("summary").GetString());
    }

    [Fact]
    public async Task A_byte_order_mark_blank_lines_and_windows_line_ends_change_nothing_in_a_file_or_on_standard_input()
    {
        using var dir = new TempDir();
        var plain = dir.File("plain.jsonl");
        File.WriteAllText(plain, Storm("1") + "\n" + Quake("2") + "\n");
        var messy = dir.File("messy.jsonl");
        var messyText = "\uFEFF" + Storm("1") + "\r\n\r\n   \r\n" + Quake("2") + "\r\n";
        File.WriteAllText(messy, messyText, new System.Text.UTF8Encoding(false));

        var a = await Summarize(dir, plain);
        var b = await Summarize(dir, messy);
        var c = await Summarize(dir, "-", stdin: messyText);

        Assert.True(a.Exit == 0, a.Stderr);
        Assert.True(b.Exit == 0, b.Stderr);
        Assert.True(c.Exit == 0, c.Stderr);
        Assert.Equal(2, a.Lines.Length);
        Assert.Equal(a.Lines, b.Lines);
        Assert.Equal(a.Lines, c.Lines);
    }

    [Fact]
    public async Task Bad_lines_are_named_by_file_and_line_and_every_good_story_is_still_written()
    {
        using var dir = new TempDir();
        var input = dir.File("stories.jsonl");
        File.WriteAllLines(input,
        [
            Storm("\"a\""),
            "{not json",
            "{\"id\": \"x\", \"articles\": []}",
            "{\"articles\": [{\"title\": \"No id here\"}]}",
            "[\"an\", \"array\"]",
            "{\"id\": \"y\", \"articles\": [null]}",
            "{\"id\": \"z\", \"articles\": [{\"title\": 5}]}",
            Quake("\"b\""),
        ]);

        var (exit, lines, stderr) = await Summarize(dir, input);

        Assert.Equal(1, exit);
        SalientProcess.NoStackTrace(stderr);
        Assert.Equal(["\"a\"", "\"b\""], Parse(lines).Select(o => o.GetProperty("id").GetRawText()));
        foreach (var line in new[] { 2, 3, 4, 5, 6, 7 })
        {
            Assert.Contains($"{input} line {line}: ", stderr, StringComparison.Ordinal);
        }
        Assert.Contains("6 line(s)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_published_number_beyond_any_calendar_is_ignored_as_a_time_and_the_story_is_still_written()
    {
        using var dir = new TempDir();
        var input = dir.File("stories.jsonl");
        File.WriteAllLines(input,
        [
            Storm("\"a\"").Replace("\"published\":\"2024-05-03T10:00:00Z\"", "\"published\":999999999999999999", StringComparison.Ordinal),
            Storm("\"b\"").Replace("\"published\":\"2024-05-03T11:00:00Z\"", "\"published\":-99999999999999999", StringComparison.Ordinal),
            Quake("\"c\"").Replace("\"published\":\"2024-05-03T10:00:00Z\"", "\"published\":1714730400", StringComparison.Ordinal),
        ]);
        Assert.Contains("999999999999999999", File.ReadAllText(input), StringComparison.Ordinal);

        var (exit, lines, stderr) = await Summarize(dir, input);

        Assert.True(exit == 0, stderr);
        SalientProcess.NoStackTrace(stderr);
        var output = Parse(lines);
        Assert.Equal(["\"a\"", "\"b\"", "\"c\""], output.Select(o => o.GetProperty("id").GetRawText()));
        Assert.All(output, o => Assert.False(string.IsNullOrWhiteSpace(o.GetProperty("summary").GetString())));
    }

    [Fact]
    public async Task An_empty_input_writes_nothing_and_says_so()
    {
        using var dir = new TempDir();
        var input = dir.File("empty.jsonl");
        File.WriteAllText(input, "\n  \n");

        var file = await Summarize(dir, input);
        var stdin = await Summarize(dir, "-", stdin: "");

        Assert.Equal(0, file.Exit);
        Assert.Empty(file.Lines);
        Assert.Contains($"{input} holds no stories", file.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, stdin.Exit);
        Assert.Empty(stdin.Lines);
        Assert.Contains("standard input holds no stories", stdin.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_or_a_folder_is_a_usage_error_that_names_it()
    {
        using var dir = new TempDir();
        await SalientProcess.AssertMissingFileAndFolderAreUsageErrorsAsync(dir, file => Summarize(dir, file), "one story a line");
    }
}
