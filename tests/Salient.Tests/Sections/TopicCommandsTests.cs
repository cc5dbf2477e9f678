using System.Text.Json;
using Salient.Sections;
using Salient.Tests.Support;

namespace Salient.Tests.Sections;

/// <summary>Runs the real <c>salient topics train</c> on a small shared-data folder the test writes itself.</summary>
public sealed class TopicCommandsTests
{
    private static readonly (string Community, string Title)[] Posts =
    [
        ("sports", "Striker scores twice as the club wins the league"), ("sports", "Tennis champion reaches the final in straight sets"),
        ("sports", "Coach fired after a losing season"), ("sports", "Marathon runner breaks the world record"),
        ("sports", "Goalkeeper saves a penalty in the cup final"), ("sports", "Olympic swimmer wins a third gold medal"),
        ("politics", "Senate passes the budget after a long debate"), ("politics", "Governor signs the new voting law"),
        ("politics", "President vetoes the spending bill"), ("politics", "Parliament votes to hold an early election"),
        ("politics", "Minister resigns over the funding scandal"), ("politics", "Lawmakers approve the immigration reform"),
        ("worldnews", "Volcano erupts near a fishing village"), ("worldnews", "Prices of bread rise across the country"),
    ];

    private static string WriteData(TempDir dir)
    {
        var data = dir.File("shared");
        Directory.CreateDirectory(Path.Combine(data, "fwd_reddit_headlines"));
        Directory.CreateDirectory(Path.Combine(data, "allsides_neus"));
        File.WriteAllLines(Path.Combine(data, "fwd_reddit_headlines", "headlines_2021-11_2022-07.jsonl"),
            Posts.Select((p, i) => JsonSerializer.Serialize(new { id = $"t{i:000}", title = p.Title, subreddit = p.Community, url = $"https://news{i}.example/a", domain = $"news{i}.example" })));
        File.WriteAllLines(Path.Combine(data, "allsides_neus", "allsides_2021_stories.jsonl"),
            [JsonSerializer.Serialize(new { story_id = "s1", topic = "Economy and Jobs" })]);
        File.WriteAllLines(Path.Combine(data, "allsides_neus", "allsides_2021_articles.jsonl"),
            [JsonSerializer.Serialize(new { article_id = "s1_left", story_id = "s1", title = "Factory orders fall for a third month", lead = "Orders dropped 2%.", url = "https://x.example/1" })]);
        return data;
    }

    [Fact]
    public async Task Training_prints_cross_validated_figures_against_the_keyword_baseline_and_writes_a_model_that_loads()
    {
        using var dir = new TempDir();
        var data = WriteData(dir);
        var labels = dir.File("labels.jsonl");
        File.WriteAllLines(labels, ["""{"id":"t012","desk":"environment"}""", """{"id":"t013","desk":"business","also":["politics"]}"""]);
        var output = dir.File("topics.json");

        var (exit, lines, stderr) = await SalientProcess.RunAsync(["topics", "train", "--data", data, "--labels", labels, "--output", output, "--folds", "2"], dir);

        Assert.True(exit == 0, stderr);
        Assert.Contains("15 examples: 12 from the stream's desk communities, 1 AllSides articles by topic, 2 desk labels", stderr, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.TrimStart().StartsWith("macro-F1", StringComparison.Ordinal));
        var model = TopicModel.Load(output);
        Assert.Equal(Desks.Slugs, model.File.Desks);
        Assert.Equal("2", model.File.Trained["desk_labels"]);
    }

    [Fact]
    public async Task A_missing_data_folder_a_label_of_an_unknown_item_a_bad_label_and_bad_folds_are_usage_errors_that_say_what_to_do()
    {
        using var dir = new TempDir();
        var data = WriteData(dir);
        var unknown = dir.File("unknown.jsonl");
        File.WriteAllLines(unknown, ["""{"id":"nope","desk":"sports"}"""]);
        var bad = dir.File("bad.jsonl");
        File.WriteAllLines(bad, ["""{"id":"t001","desk":"sports"}""", """{"id":"t002","desk":"<script>"}"""]);
        var output = dir.File("topics.json");

        var missing = await SalientProcess.RunAsync(["topics", "train", "--data", dir.File("nowhere"), "--output", output], dir);
        var unknownId = await SalientProcess.RunAsync(["topics", "train", "--data", data, "--labels", unknown, "--output", output], dir);
        var badLabel = await SalientProcess.RunAsync(["topics", "train", "--data", data, "--labels", bad, "--output", output], dir);
        var folds = await SalientProcess.RunAsync(["topics", "train", "--data", data, "--labels", bad, "--folds", "1"], dir);

        Assert.Equal(2, missing.Exit);
        Assert.Contains("give the shared data folder with --data", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, unknownId.Exit);
        Assert.Contains("unknown.jsonl line 1: id 'nope' is in neither shared data file", unknownId.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badLabel.Exit);
        Assert.Contains("bad.jsonl line 2: '<script>' is not a desk", badLabel.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, folds.Exit);
        Assert.Contains("--folds must be from 2 to 20", folds.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        foreach (var run in new[] { missing, unknownId, badLabel, folds })
        {
            SalientProcess.NoStackTrace(run.Stderr);
        }
    }
}
